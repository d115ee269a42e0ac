import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { lit, prim } from "../literals/literals.testutil";
import { compareNodes, nodeMark, significantTimeChange, type NodeDetails } from "./nodes";

const ts = (ms: number) => ({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
const dur = (ms: number) => ({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });

function ne(nodeId: string, o: { phase?: NodeExecution_Phase; queuedMs?: number; runningMs?: number; cache?: CatalogCacheStatus; spec?: string; parent?: boolean } = {}): NodeExecution {
  const created = 1_700_000_000_000;
  return create(NodeExecutionSchema, {
    id: { nodeId, executionId: { project: "p", domain: "d", name: "x" } },
    metadata: { specNodeId: o.spec ?? nodeId, isParentNode: o.parent ?? false },
    closure: {
      phase: o.phase ?? NodeExecution_Phase.SUCCEEDED,
      createdAt: ts(created),
      startedAt: ts(created + (o.queuedMs ?? 100)),
      duration: dur(o.runningMs ?? 2_000),
      ...(o.cache !== undefined ? { targetMetadata: { case: "taskNodeMetadata", value: { cacheStatus: o.cache } } } : {}),
    },
  });
}
const outputs = (v: string) => create(LiteralMapSchema, { literals: { o0: lit(prim({ stringValue: v })) } });

describe("compareNodes", () => {
  it("marks nothing between runs that differ only by scheduling noise", () => {
    const rows = compareNodes([{ nodes: [ne("a"), ne("b", { runningMs: 3_000 })] }, { nodes: [ne("a", { runningMs: 2_300, queuedMs: 400 }), ne("b", { runningMs: 2_900 })] }]);
    expect(rows.map((r) => r.changes)).toEqual([[], []]);
  });

  it("leaves out the workflow's start and end nodes: their data is the execution's own", () => {
    const rows = compareNodes([{ nodes: [ne("start-node"), ne("a"), ne("end-node")] }, { nodes: [ne("start-node"), ne("a"), ne("end-node")] }]);
    expect(rows.map((r) => r.nodeId)).toEqual(["a"]);
  });

  it("ranks changed nodes first, the one slowed down most leading", () => {
    const rows = compareNodes([
      { nodes: [ne("same"), ne("bit-slower", { runningMs: 2_000 }), ne("much-slower", { runningMs: 2_000 }), ne("faster", { runningMs: 10_000 }), ne("failed")] },
      { nodes: [ne("same"), ne("bit-slower", { runningMs: 4_000 }), ne("much-slower", { runningMs: 20_000 }), ne("faster", { runningMs: 2_000 }), ne("failed", { phase: NodeExecution_Phase.FAILED })] },
    ]);
    expect(rows.map((r) => [r.nodeId, r.changes])).toEqual([
      ["much-slower", ["slower"]],
      ["bit-slower", ["slower"]],
      ["failed", ["phase"]],
      ["faster", ["faster"]],
      ["same", []],
    ]);
    expect(rows[0].runningDeltaMs).toBe(18_000);
  });

  it("sees cache status, attempts, queued time, and nodes only one run has", () => {
    const details = (attempts: number) => new Map<string, NodeDetails>([["a", { attempts }]]);
    const rows = compareNodes([
      { nodes: [ne("a", { cache: CatalogCacheStatus.CACHE_POPULATED }), ne("old"), ne("q", { queuedMs: 500 })], details: details(1) },
      { nodes: [ne("a", { cache: CatalogCacheStatus.CACHE_HIT }), ne("new"), ne("q", { queuedMs: 9_000 })], details: details(3) },
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.nodeId, r.changes]));
    expect(by).toEqual({ a: ["attempts", "cache"], old: ["removed"], new: ["added"], q: ["queued-longer"] });
    expect(nodeMark(rows.find((r) => r.nodeId === "a")!)).toBe("attempts");
  });

  it("compares a node's result when every run's was fetched, and not otherwise", () => {
    const run = (v: string | undefined) => ({ nodes: [ne("a")], details: new Map<string, NodeDetails>(v === undefined ? [] : [["a", { outputs: outputs(v), inputs: outputs("in") }]]) });
    const [changed] = compareNodes([run("1"), run("2")]);
    expect(changed.changes).toEqual(["result"]);
    expect(changed.outputs?.[0].changes[1]).toEqual([{ path: "o0", kind: "changed", what: "value changed", before: "1", after: "2" }]);
    expect(compareNodes([run("1"), run("1")])[0].changes).toEqual([]);
    const [unknown] = compareNodes([run("1"), run(undefined)]);
    expect(unknown.changes).toEqual([]);
    expect(unknown.outputs).toBeUndefined();
  });

  it("compares more than two runs, each against the first", () => {
    const rows = compareNodes([{ nodes: [ne("a")] }, { nodes: [ne("a")] }, { nodes: [ne("a", { phase: NodeExecution_Phase.FAILED })] }]);
    expect(rows[0].changes).toEqual(["phase"]);
    expect(rows[0].facts.map((f) => f?.phase)).toEqual([NodeExecution_Phase.SUCCEEDED, NodeExecution_Phase.SUCCEEDED, NodeExecution_Phase.FAILED]);
  });
});

describe("compareNodes with nested nodes", () => {
  // n1 is a sub-workflow whose n1-0-n0 and n1-0-n1 ran inside it; n1-0-n1 is a dynamic node that yielded dn0.
  const run = (o: { leafMs?: number; dnPhase?: NodeExecution_Phase; extra?: boolean } = {}) => ({
    nodes: [
      ne("n0"),
      ne("n1", { parent: true }),
      ne("n1-0-start-node", { spec: "start-node" }),
      ne("n1-0-n0", { spec: "n0" }),
      ne("n1-0-n1", { spec: "n1", parent: true }),
      ne("n1-0-n1-0-dn0", { spec: "dn0", phase: o.dnPhase, runningMs: o.leafMs }),
      ...(o.extra ? [ne("n1-0-n1-0-dn1", { spec: "dn1" })] : []),
      ne("n1-0-end-node", { spec: "end-node" }),
    ],
    parents: new Map([
      ["n1-0-start-node", "n1"],
      ["n1-0-n0", "n1"],
      ["n1-0-n1", "n1"],
      ["n1-0-n1-0-dn0", "n1-0-n1"],
      ["n1-0-n1-0-dn1", "n1-0-n1"],
      ["n1-0-end-node", "n1"],
    ]),
  });

  it("compares the nodes inside sub-workflows and dynamic nodes, each with the path of its parents, leaving out the sub-workflow's own bookends", () => {
    const rows = compareNodes([run(), run()]);
    expect(rows.map((r) => [r.nodeId, r.specNodeId, r.path])).toEqual([
      ["n0", "n0", []],
      ["n1", "n1", []],
      ["n1-0-n0", "n0", ["n1"]],
      ["n1-0-n1", "n1", ["n1"]],
      ["n1-0-n1-0-dn0", "dn0", ["n1", "n1-0-n1"]],
    ]);
    expect(rows.every((r) => r.changes.length === 0)).toBe(true);
  });

  it("ranks a nested node that slowed down, failed or appeared among the top-level ones", () => {
    const rows = compareNodes([run({ leafMs: 2_000 }), run({ leafMs: 30_000, extra: true })]);
    expect(rows.slice(0, 2).map((r) => [r.nodeId, r.changes, r.path])).toEqual([
      ["n1-0-n1-0-dn0", ["slower"], ["n1", "n1-0-n1"]],
      ["n1-0-n1-0-dn1", ["added"], ["n1", "n1-0-n1"]],
    ]);
    const failed = compareNodes([run(), run({ dnPhase: NodeExecution_Phase.FAILED })]);
    expect(failed[0]).toMatchObject({ nodeId: "n1-0-n1-0-dn0", changes: ["phase"] });
  });

  it("takes a node's path from a later run when the baseline never ran it", () => {
    const rows = compareNodes([{ nodes: [ne("n0")] }, run()]);
    expect(rows.find((r) => r.nodeId === "n1-0-n1-0-dn0")).toMatchObject({ path: ["n1", "n1-0-n1"], changes: ["added"] });
  });
});

describe("significantTimeChange", () => {
  it("needs both a second and a quarter of the first run's time", () => {
    expect(significantTimeChange(100, 900)).toBe(0);
    expect(significantTimeChange(10_000, 11_500)).toBe(0);
    expect(significantTimeChange(10_000, 13_000)).toBe(1);
    expect(significantTimeChange(3_000, 1_000)).toBe(-1);
    expect(significantTimeChange(undefined, 1_000)).toBe(0);
  });
});
