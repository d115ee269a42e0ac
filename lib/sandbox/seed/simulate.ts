// Runs one execution from launch to its end on a simulated clock: the same reconcile rounds and the
// same event handlers the live executor loop uses, with the clock advanced between rounds instead of
// waited for. What it leaves in the store (node and task executions, events, data, log links) is what a
// live run of that workflow leaves; only the times are in the past.
//
// Reconciling takes a snapshot per round, so bulk history replays instead: the events a simulated run
// produced, renamed for another execution and moved (and stretched) in time, go through the same
// handlers again (`replayRun`).
import { fromJson, toJson, type DescMessage, type JsonValue, type MessageShape } from "@bufbuild/protobuf";
import type { ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import {
  NodeExecutionEventRequestSchema,
  TaskExecutionEventRequestSchema,
  WorkflowExecutionEventRequestSchema,
} from "@/lib/gen/flyteidl/admin/event_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { reconcile } from "../executor/reconcile";
import type { ExecutorAction, ExecutorConfig } from "../executor/types";
import { applyAction } from "../loop";
import type { SandboxContext } from "../services/context";
import { terminateExecution } from "../services/executionState";
import { launchExecution, type LaunchOptions } from "../services/launch";
import { buildSnapshot } from "../services/snapshot";
import { childExecutions, getExecution, getExecutionData, type StoredExecution } from "../store/executions";

const TERMINAL = new Set([WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);
/** A run that has not ended after this many rounds is left as it is (the live loop carries it on). */
const MAX_ROUNDS = 5_000;
const MIN_STEP_MS = 100;

export interface SimulatedRun {
  request: ExecutionCreateRequest;
  launch?: LaunchOptions;
  /** When the run is created. */
  createdMs: number;
  config: ExecutorConfig;
  /** Terminate the run (TerminateExecution) at this time if it is still going. */
  abort?: { atMs: number; cause: string; principal: string };
}

type ScriptStep = { atMs: number } & ({ kind: "action"; action: ExecutorAction } | { kind: "terminate" });

/** What happened to a simulated run, in order, to replay for another one. */
export interface RunScript {
  name: string;
  createdMs: number;
  inputs: LiteralMap;
  taskDurationMs: number;
  steps: ScriptStep[];
  /** False when the run started child executions or signals: those are not replayed. */
  replayable: boolean;
}

export interface SimulationResult {
  phase: WP;
  /** The simulated time the run ended at. */
  endedMs: number;
  script: RunScript;
}

/**
 * Launches `run.request` at `run.createdMs` and reconciles it (and any child executions its launch-plan
 * nodes start) round after round: rounds at the same instant while they produce events, then the clock
 * moves on.
 */
export function simulateRun(ctx: SandboxContext, run: SimulatedRun): SimulationResult {
  let clock = run.createdMs;
  const sim: SandboxContext = { ...ctx, now: () => clock };
  const rootId = launchExecution(sim, run.request, run.launch);
  const rootRow = getExecution(ctx.db, rootId)!.id;
  const script: RunScript = {
    name: rootId.name,
    createdMs: run.createdMs,
    inputs: getExecutionData(ctx.db, rootRow).inputs!,
    taskDurationMs: run.config.taskDurationMs,
    steps: [],
    replayable: true,
  };
  // Fine steps right after something happened (queueing, a node starting), longer ones while tasks run:
  // tasks report their own planned times, so a long step only delays what happens at the round's time.
  const maxStepMs = Math.max(MIN_STEP_MS, Math.round(run.config.taskDurationMs / 10));
  let stepMs = MIN_STEP_MS;
  let aborted = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const root = getExecution(ctx.db, rootId)!;
    const phase = root.execution.closure?.phase ?? WP.UNDEFINED;
    if (TERMINAL.has(phase)) return { phase, endedMs: clock, script };
    if (run.abort && !aborted && clock >= run.abort.atMs) {
      aborted = true;
      terminateExecution(sim, rootId, run.abort.cause, run.abort.principal);
      script.steps.push({ atMs: clock, kind: "terminate" });
    }
    let acted = false;
    for (const stored of family(ctx, root)) {
      if (TERMINAL.has(stored.execution.closure?.phase ?? WP.UNDEFINED)) continue;
      const snapshot = buildSnapshot(ctx.db, stored);
      if (!snapshot) continue;
      for (const action of reconcile(snapshot, clock, run.config)) {
        applyAction(sim, action);
        if (stored.id !== rootRow || !(action.kind === "workflow" || action.kind === "node" || action.kind === "task")) script.replayable = false;
        script.steps.push({ atMs: clock, kind: "action", action });
        acted = true;
      }
    }
    if (acted) {
      stepMs = MIN_STEP_MS;
    } else {
      clock += stepMs;
      stepMs = Math.min(maxStepMs, stepMs * 2);
    }
  }
  console.warn(`sandbox: seeded run ${rootId.name} had not ended after ${MAX_ROUNDS} rounds`);
  const root = getExecution(ctx.db, rootId)!;
  return { phase: root.execution.closure?.phase ?? WP.UNDEFINED, endedMs: clock, script: { ...script, replayable: false } };
}

/** The run and the executions its launch-plan nodes started, theirs included. */
function family(ctx: SandboxContext, root: StoredExecution): StoredExecution[] {
  const out: StoredExecution[] = [];
  const queue = [root];
  while (queue.length) {
    const e = queue.shift()!;
    out.push(e);
    for (const child of childExecutions(ctx.db, e.execution.id!)) {
      const stored = child.id && getExecution(ctx.db, child.id);
      if (stored) queue.push(stored);
    }
  }
  return out;
}

const TIMESTAMP = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g;

/** A message of `script`'s run as it reads for another run: its name, and every time moved by `at`. */
function retarget<D extends DescMessage>(schema: D, message: MessageShape<D>, from: string, to: string, at: (ms: number) => number): MessageShape<D> {
  const json = JSON.stringify(toJson(schema, message))
    .replaceAll(from, to)
    .replace(TIMESTAMP, (_, t: string) => `"${new Date(at(Date.parse(t))).toISOString()}"`);
  return fromJson(schema, JSON.parse(json) as JsonValue);
}

function retargetAction(action: ExecutorAction, from: string, to: string, at: (ms: number) => number): ExecutorAction {
  switch (action.kind) {
    case "workflow":
      return { kind: "workflow", event: retarget(WorkflowExecutionEventRequestSchema, action.event, from, to, at) };
    case "node":
      return { kind: "node", event: retarget(NodeExecutionEventRequestSchema, action.event, from, to, at) };
    case "task":
      return { kind: "task", event: retarget(TaskExecutionEventRequestSchema, action.event, from, to, at) };
    default:
      throw new Error(`a ${action.kind} action is not replayed`);
  }
}

/**
 * Plays a simulated run's script again as `run` (its name, creation time, launch options, abort cause),
 * with the script's inputs and every time stretched by run's task duration over the script's.
 */
export function replayRun(ctx: SandboxContext, script: RunScript, run: SimulatedRun): SimulationResult {
  if (!script.replayable) throw new Error(`run ${script.name} cannot be replayed`);
  const scale = run.config.taskDurationMs / script.taskDurationMs;
  const at = (ms: number) => Math.round(run.createdMs + (ms - script.createdMs) * scale);
  let clock = run.createdMs;
  const sim: SandboxContext = { ...ctx, now: () => clock };
  const name = run.request.name;
  const inputs = retarget(LiteralMapSchema, script.inputs, script.name, name, at);
  const id = launchExecution(sim, { ...run.request, inputs }, { ...run.launch, resolvedInputs: inputs, userInputs: inputs });
  for (const step of script.steps) {
    clock = at(step.atMs);
    if (step.kind === "terminate") terminateExecution(sim, id, run.abort?.cause ?? "terminated", run.abort?.principal);
    else applyAction(sim, retargetAction(step.action, script.name, name, at));
  }
  const phase = getExecution(ctx.db, id)?.execution.closure?.phase ?? WP.UNDEFINED;
  return { phase, endedMs: clock, script };
}
