// Runs one execution from launch to its end on a simulated clock: the same reconcile rounds and the
// same event handlers the live executor loop uses, with the clock advanced between rounds instead of
// waited for. What it leaves in the store (node and task executions, events, data, log links) is what a
// live run of that workflow leaves; only the times are in the past.
//
// Reconciling takes a snapshot per round, so bulk history copies a simulated run's rows for the rest
// instead, renamed and moved in time (./replay.ts).
import type { ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { reconcile } from "../executor/reconcile";
import type { ExecutorConfig } from "../executor/types";
import { applyAction } from "../loop";
import type { SandboxContext } from "../services/context";
import { terminateExecution } from "../services/executionState";
import { launchExecution, type LaunchOptions } from "../services/launch";
import { buildSnapshot } from "../services/snapshot";
import { childExecutions, getExecution, type StoredExecution } from "../store/executions";

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

/** A simulated run, for replays of it (./replay.ts). */
export interface RunScript {
  name: string;
  /** Its executions row. */
  rowId: number;
  createdMs: number;
  /** The simulated time it ended at. */
  endedMs: number;
  taskDurationMs: number;
  /** False when the run started child executions or signals, or did not end: those are not replayed. */
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
  const script: RunScript = { name: rootId.name, rowId: rootRow, createdMs: run.createdMs, endedMs: run.createdMs, taskDurationMs: run.config.taskDurationMs, replayable: true };
  // Fine steps right after something happened (queueing, a node starting), longer ones while tasks run:
  // tasks report their own planned times, so a long step only delays what happens at the round's time.
  const maxStepMs = Math.max(MIN_STEP_MS, Math.round(run.config.taskDurationMs / 10));
  let stepMs = MIN_STEP_MS;
  let aborted = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const root = getExecution(ctx.db, rootId)!;
    const phase = root.execution.closure?.phase ?? WP.UNDEFINED;
    if (TERMINAL.has(phase)) return { phase, endedMs: clock, script: { ...script, endedMs: clock } };
    if (run.abort && !aborted && clock >= run.abort.atMs) {
      aborted = true;
      terminateExecution(sim, rootId, run.abort.cause, run.abort.principal);
    }
    let acted = false;
    for (const stored of family(ctx, root)) {
      if (TERMINAL.has(stored.execution.closure?.phase ?? WP.UNDEFINED)) continue;
      const snapshot = buildSnapshot(ctx.db, stored);
      if (!snapshot) continue;
      for (const action of reconcile(snapshot, clock, run.config)) {
        applyAction(sim, action);
        if (stored.id !== rootRow || !(action.kind === "workflow" || action.kind === "node" || action.kind === "task")) script.replayable = false;
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
  return { phase: root.execution.closure?.phase ?? WP.UNDEFINED, endedMs: clock, script: { ...script, endedMs: clock, replayable: false } };
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
