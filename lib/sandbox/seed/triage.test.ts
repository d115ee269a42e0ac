// The seeded failures the failure triage view groups: each seeded launch of catalog/triage.ts run to its
// end by the sandbox's executor, then grouped as GetFailureGroups groups FlyteAdmin's list.
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { FailureGroupAccumulator } from "@/lib/flyte/triage/groups";
import { sandboxConfig } from "../config";
import { openMemoryDb } from "../store/db";
import { getExecution } from "../store/executions";
import { putProject } from "../store/projects";
import { seedCatalog } from "./catalog";
import { registerSteps } from "./index";
import { simulateRun } from "./simulate";

const NOW = Date.UTC(2024, 6, 1);

describe("the seeded recurring failures", () => {
  const db = openMemoryDb();
  putProject(db, create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks" }));
  const ctx = { db, config: sandboxConfig({}), now: () => NOW, httpBaseUrl: "http://127.0.0.1:8088" };
  const catalog = seedCatalog("flytesnacks", "development");
  registerSteps(ctx, catalog.steps);
  const launches = catalog.launches.filter((l) => l.name.startsWith("seed-triage-"));
  const config = { taskDurationMs: 50, queueDelayMs: 10, failureRate: 0, systemErrorShare: 0, httpBaseUrl: ctx.httpBaseUrl };
  const runs = launches.map((request, i) => {
    const result = simulateRun(ctx, { request, createdMs: NOW - (launches.length - i) * 60_000, config });
    return { result, execution: getExecution(db, { project: "flytesnacks", domain: "development", name: request.name })!.execution };
  });

  it("all fail, each with its own ids in its message", () => {
    expect(runs.map((r) => r.result.phase)).toEqual(launches.map(() => WP.FAILED));
    const messages = runs.map((r) => (r.execution.closure?.outputResult.case === "error" ? r.execution.closure.outputResult.value.message : ""));
    expect(new Set(messages).size).toBe(runs.length);
    runs.forEach((r, i) => expect(messages[i]).toContain(r.execution.id?.name));
  });

  it("group into one exception in three runs of two workflows and an out-of-memory kill in two, naming its node", () => {
    const acc = new FailureGroupAccumulator();
    for (const r of [...runs].reverse()) acc.add(r.execution);
    const { groups } = acc.result(false);
    expect(groups.map((g) => ({ kind: g.kind, code: g.code, type: g.exceptionType, message: g.message, count: g.count, workflows: g.workflows, nodes: g.nodes }))).toEqual([
      {
        kind: "USER",
        code: "RetriesExhausted|USER",
        type: "FileNotFoundError",
        message: "<uri> not found (request id <uuid>)",
        count: 3,
        workflows: [
          { name: "core.flyte_basics.triage.ingest_wf", count: 2 },
          { name: "core.flyte_basics.triage.backfill_wf", count: 1 },
        ],
        nodes: [],
      },
      {
        kind: "SYSTEM",
        code: "RetriesExhausted|OOMKilled",
        type: "",
        message: "[<execution>-n1-<n>] terminated with exit code (<n>). Reason [OOMKilled]. Message: Container score exceeded its memory limit of <n>Gi.",
        count: 2,
        workflows: [{ name: "core.flyte_basics.triage.score_wf", count: 2 }],
        nodes: [{ name: "n1", count: 2 }],
      },
    ]);
    expect(groups[1].examples.map((e) => e.name)).toEqual(["seed-triage-score-2", "seed-triage-score-1"]);
  });
});
