import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { ExecutionSchema, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ExecutionError_ErrorKind, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { FailureGroupAccumulator, MAX_EXAMPLES, MAX_GROUPS } from "./groups";
import { failureGroupsFromWire, failureGroupsToWire } from "./wire";

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1);

function failed(name: string, workflow: string, atMin: number, message: string, opts: { kind?: ExecutionError_ErrorKind; code?: string; phase?: WorkflowExecution_Phase; noError?: boolean } = {}): Execution {
  return create(ExecutionSchema, {
    id: { project: "p", domain: "d", name },
    closure: {
      phase: opts.phase ?? WorkflowExecution_Phase.FAILED,
      workflowId: { name: workflow },
      createdAt: timestampFromMs(T0 + atMin * MIN - 30_000),
      updatedAt: timestampFromMs(T0 + atMin * MIN),
      outputResult: opts.noError ? { case: undefined } : { case: "error", value: { code: opts.code ?? "USER", message, kind: opts.kind ?? ExecutionError_ErrorKind.USER } },
    },
  });
}

const missing = (name: string, wf: string, at: number) =>
  failed(name, wf, at, `Trace:\n\n    Traceback …\n    FileNotFoundError: s3://bucket/raw/${name}/part-${at}.parquet not found\n\nMessage:\n\n    FileNotFoundError: s3://bucket/raw/${name}/part-${at}.parquet not found`);
const oom = (name: string, wf: string, at: number) =>
  failed(name, wf, at, `[4/4] currentAttempt done. Last Error: SYSTEM::[${name}-n1-3] terminated with exit code (137). Reason [OOMKilled]. Message: \n.`, {
    kind: ExecutionError_ErrorKind.SYSTEM,
    code: "RetriesExhausted|OOMKilled",
  });

describe("FailureGroupAccumulator", () => {
  // Newest first, as the server pages ListExecutions.
  const runs = [
    missing("a00000000000000000a5", "etl.ingest_wf", 50),
    oom("a00000000000000000a4", "ml.score_wf", 40),
    missing("a00000000000000000a3", "etl.backfill_wf", 30),
    oom("a00000000000000000a2", "ml.score_wf", 20),
    missing("a00000000000000000a1", "etl.ingest_wf", 10),
  ];
  const acc = new FailureGroupAccumulator();
  for (const r of runs) acc.add(r);
  const out = acc.result(false, T0);

  it("groups runs that failed the same way, most frequent first, with their counts and when they were seen", () => {
    expect(out.groups.map((g) => [g.exceptionType || g.code, g.count])).toEqual([
      ["FileNotFoundError", 3],
      ["RetriesExhausted|OOMKilled", 2],
    ]);
    const [files, mem] = out.groups;
    expect([files.firstSeenMs, files.lastSeenMs]).toEqual([T0 + 10 * MIN, T0 + 50 * MIN]);
    expect(files.message).toBe("<uri> not found");
    expect(mem.kind).toBe("SYSTEM");
    expect(out.scanned).toBe(5);
    expect(out.coveredFromMs).toBe(T0);
  });

  it("says which workflows and nodes each group hits; nodes only where the error names one", () => {
    const [files, mem] = out.groups;
    expect(files.workflows).toEqual([
      { name: "etl.ingest_wf", count: 2 },
      { name: "etl.backfill_wf", count: 1 },
    ]);
    expect(files.nodes).toEqual([]);
    expect(mem.nodes).toEqual([{ name: "n1", count: 2 }]);
  });

  it("keeps each group's newest runs first, with the node to open and the error line unmasked", () => {
    const [files, mem] = out.groups;
    expect(files.examples.map((e) => e.name)).toEqual(["a00000000000000000a5", "a00000000000000000a3", "a00000000000000000a1"]);
    expect(files.examples[0].headline).toBe("FileNotFoundError: s3://bucket/raw/a00000000000000000a5/part-50.parquet not found");
    expect(mem.examples[0]).toMatchObject({ name: "a00000000000000000a4", nodeId: "n1", workflow: "ml.score_wf" });
  });

  it("counts a run that ended without an error (a timeout) in a group of its own", () => {
    const a = new FailureGroupAccumulator();
    a.add(failed("x", "wf", 1, "", { phase: WorkflowExecution_Phase.TIMED_OUT, noError: true }));
    expect(a.result(false).groups).toMatchObject([{ kind: "UNKNOWN", code: "", message: "", count: 1 }]);
  });

  it("keeps at most MAX_EXAMPLES examples, the newest, even when they come out of order", () => {
    const a = new FailureGroupAccumulator();
    const order = Array.from({ length: MAX_EXAMPLES + 5 }, (_, i) => (i * 7) % (MAX_EXAMPLES + 5));
    for (const i of order) a.add(missing(`r${String(i).padStart(19, "0")}`, "wf", i));
    const [g] = a.result(false).groups;
    expect(g.count).toBe(MAX_EXAMPLES + 5);
    expect(g.examples.map((e) => e.failedMs)).toEqual(Array.from({ length: MAX_EXAMPLES }, (_, i) => T0 + (MAX_EXAMPLES + 4 - i) * MIN));
  });

  it("keeps the MAX_GROUPS most frequent groups and says how many it left out", () => {
    const a = new FailureGroupAccumulator();
    for (let i = 0; i < MAX_GROUPS + 3; i++) a.add(failed(`r${i}`, "wf", i, `E${i}xError: boom`));
    a.add(failed("again", "wf", 1, "E7xError: boom"));
    const res = a.result(true);
    expect(res.groups).toHaveLength(MAX_GROUPS);
    expect(res.groups[0]).toMatchObject({ exceptionType: "E7xError", count: 2 });
    expect(res.omittedGroups).toBe(3);
    expect(res.truncated).toBe(true);
    expect(res.coveredFromMs).toBe(T0 - 30_000);
  });

  it("crosses the wire unchanged", () => {
    expect(failureGroupsFromWire(failureGroupsToWire(out, { project: "p", domain: "d" }))).toEqual(out);
  });
});
