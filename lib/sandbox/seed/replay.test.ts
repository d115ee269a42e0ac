// Bulk history's replays: a planned run written as a copy of a simulated prototype's rows must read as
// the prototype's events, renamed and moved in time, give when they go through the event handlers, and
// must cost one write per row rather than one (or several) per event.
import { describe, expect, it } from "vitest";
import { create, fromBinary, fromJson, toJson, type DescMessage, type JsonValue, type MessageShape } from "@bufbuild/protobuf";
import { NodeExecutionEventRequestSchema, TaskExecutionEventRequestSchema, WorkflowExecutionEventRequestSchema } from "@/lib/gen/flyteidl/admin/event_pb";
import { ExecutionMetadata_ExecutionMode as Mode, ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { sandboxConfig } from "../config";
import type { ExecutorAction } from "../executor/types";
import { applyAction } from "../loop";
import type { SandboxContext } from "../services/context";
import { launchExecution } from "../services/launch";
import { openMemoryDb, type Db } from "../store/db";
import { eventsOf } from "../store/events";
import { getExecution, getExecutionData } from "../store/executions";
import { putProject } from "../store/projects";
import { seedCatalog } from "./catalog";
import { planHistory, runHistory, type HistoryRun } from "./history";
import { registerSteps } from "./index";
import { captureRun, replayRun } from "./replay";
import { simulateRun, type RunScript } from "./simulate";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 6, 1);

function catalogCtx(): SandboxContext {
  const db = openMemoryDb();
  putProject(db, create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks" }));
  const ctx = { db, config: sandboxConfig({}), now: () => NOW, httpBaseUrl: "http://127.0.0.1:8088" };
  registerSteps(ctx, seedCatalog("flytesnacks", "development").steps);
  return ctx;
}

const planned = planHistory({ project: "flytesnacks", domain: "development", count: 400, endMs: NOW, spanMs: 30 * DAY, seed: 5 }, "http://127.0.0.1:8088");
const keyOf = (r: HistoryRun) => `${r.workflow.launchPlan}|${r.outcome}|${r.launch?.mode === Mode.RECOVERED}`;

/** Planned runs of the same kind (what one prototype is replayed for), for kinds with at least two. */
function sameKind(runs: HistoryRun[]): HistoryRun[][] {
  const groups = new Map<string, HistoryRun[]>();
  for (const r of runs) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  return [...groups.values()].filter((g) => g.length >= 2);
}

/** The seed's previous replay: the prototype's stored events, renamed and moved in time as JSON, through the handlers. */
function replayThroughHandlers(ctx: SandboxContext, script: RunScript, run: HistoryRun): void {
  const scale = run.config.taskDurationMs / script.taskDurationMs;
  const at = (ms: number) => Math.round(run.createdMs + (ms - script.createdMs) * scale);
  const retarget = <D extends DescMessage>(schema: D, m: MessageShape<D>): MessageShape<D> => {
    const json = JSON.stringify(toJson(schema, m))
      .replaceAll(script.name, run.request.name)
      .replace(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g, (_, t: string) => `"${new Date(at(Date.parse(t))).toISOString()}"`);
    return fromJson(schema, JSON.parse(json) as JsonValue);
  };
  let clock = run.createdMs;
  const sim = { ...ctx, now: () => clock };
  const inputs = retarget(LiteralMapSchema, getExecutionData(ctx.db, script.rowId).inputs!);
  launchExecution(sim, { ...run.request, inputs }, { ...run.launch, resolvedInputs: inputs, userInputs: inputs });
  for (const e of eventsOf(ctx.db, script.rowId)) {
    clock = at(e.occurredAt);
    const action: ExecutorAction =
      e.kind === "workflow"
        ? { kind: "workflow", event: retarget(WorkflowExecutionEventRequestSchema, fromBinary(WorkflowExecutionEventRequestSchema, e.message)) }
        : e.kind === "node"
          ? { kind: "node", event: retarget(NodeExecutionEventRequestSchema, fromBinary(NodeExecutionEventRequestSchema, e.message)) }
          : { kind: "task", event: retarget(TaskExecutionEventRequestSchema, fromBinary(TaskExecutionEventRequestSchema, e.message)) };
    applyAction(sim, action);
  }
}

const json = <D extends DescMessage>(schema: D, bytes: Buffer | null) => (bytes ? toJson(schema, fromBinary(schema, bytes)) : null);

/** Everything the store holds for one execution that a client can read (not the store's own write times). */
function readBack(db: Db, name: string) {
  const e = db.prepare("SELECT * FROM executions WHERE name = ?").get(name) as Record<string, Buffer | number | string | null>;
  const id = e.id;
  const { id: _id, updated_at: _updated, message, inputs, user_inputs, outputs, ...columns } = e;
  return {
    execution: { ...columns, message: json(ExecutionSchema, message as Buffer), inputs: json(LiteralMapSchema, inputs as Buffer), user_inputs: json(LiteralMapSchema, user_inputs as Buffer), outputs: json(LiteralMapSchema, outputs as Buffer) },
    tags: db.prepare("SELECT kind, key, value FROM execution_tags WHERE execution_id = ? ORDER BY kind, key").all(id),
    nodes: (db.prepare("SELECT * FROM node_executions WHERE execution_id = ? ORDER BY node_id").all(id) as Record<string, Buffer | number | string | null>[]).map(
      ({ id: _i, execution_id: _e, created_at: _c, updated_at: _u, rev: _r, message: m, inputs: i, outputs: o, dynamic_workflow: d, ...rest }) => ({
        ...rest,
        message: json(NodeExecutionSchema, m as Buffer),
        inputs: json(LiteralMapSchema, i as Buffer),
        outputs: json(LiteralMapSchema, o as Buffer),
        dynamic: json(CompiledWorkflowClosureSchema, d as Buffer),
      }),
    ),
    tasks: (db.prepare("SELECT * FROM task_executions WHERE execution_id = ? ORDER BY node_id, retry_attempt").all(id) as Record<string, Buffer | number | string | null>[]).map(
      ({ id: _i, execution_id: _e, created_at: _c, updated_at: _u, rev: _r, message: m, inputs: i, outputs: o, ...rest }) => ({
        ...rest,
        message: json(TaskExecutionSchema, m as Buffer),
        inputs: json(LiteralMapSchema, i as Buffer),
        outputs: json(LiteralMapSchema, o as Buffer),
      }),
    ),
    events: eventsOf(db, id as number).map((ev) => ({
      ...ev,
      message: json(ev.kind === "workflow" ? WorkflowExecutionEventRequestSchema : ev.kind === "node" ? NodeExecutionEventRequestSchema : TaskExecutionEventRequestSchema, ev.message),
    })),
  };
}

describe("bulk history replays", () => {
  it("read as the prototype's events, renamed and moved in time, read through the event handlers", () => {
    // A prototype and a later run of the same kind, for every kind the plan has that ends on its own.
    const pairs = sameKind(planned.filter((r) => r.outcome !== "abort"));
    expect(pairs.length).toBeGreaterThan(10);
    let compared = 0;
    const copied = catalogCtx();
    const handled = catalogCtx();
    for (const [prototype, run] of pairs) {
      const script = simulateRun(copied, prototype).script;
      if (!script.replayable) continue;
      replayRun(copied.db, captureRun(copied.db, script), run);
      replayThroughHandlers(handled, simulateRun(handled, prototype).script, run);
      expect(readBack(copied.db, run.request.name), keyOf(run)).toEqual(readBack(handled.db, run.request.name));
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  }, 120_000);

  it("give an aborted run its own abort cause and principal", () => {
    const [prototype, run] = sameKind(planned.filter((r) => r.outcome === "abort" && r.workflow.typicalMs >= 60_000))[0];
    const ctx = catalogCtx();
    const script = simulateRun(ctx, prototype).script;
    replayRun(ctx.db, captureRun(ctx.db, script), { ...run, abort: { ...run.abort!, principal: "someone-else", cause: "not needed" } });
    const closure = getExecution(ctx.db, { project: "flytesnacks", domain: "development", name: run.request.name })!.execution.closure!;
    expect(closure.outputResult).toMatchObject({ case: "abortMetadata", value: { principal: "someone-else", cause: "not needed" } });
    const original = getExecution(ctx.db, { project: "flytesnacks", domain: "development", name: prototype.request.name })!.execution.closure!;
    expect(original.outputResult).toMatchObject({ case: "abortMetadata", value: { principal: prototype.abort!.principal } });
  });

  it("write each of a replayed run's rows once, not once per event", () => {
    const runs = planned.filter((r) => keyOf(r) === keyOf(planned[0]) && !r.archivedBy).slice(0, 8);
    expect(runs).toHaveLength(8);
    const tables = ["executions", "execution_tags", "node_executions", "task_executions", "events", "cache_entries", "signals"];
    const measure = (n: number) => {
      const ctx = catalogCtx();
      const changes = () => (ctx.db.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
      const rows = () => tables.reduce((sum, t) => sum + (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
      const [c, r] = [changes(), rows()];
      runHistory(ctx, runs.slice(0, n));
      return { changes: changes() - c, rows: rows() - r };
    };
    // The first three are simulated (prototypes); the other five are replays of them.
    const prototypes = measure(3);
    const all = measure(8);
    expect(all.rows - prototypes.rows).toBeGreaterThan(5 * 5);
    expect(all.changes - prototypes.changes).toBe(all.rows - prototypes.rows);
  });
});
