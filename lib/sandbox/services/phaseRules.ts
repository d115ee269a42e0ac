// FlyteAdmin's rules for accepting a phase change, shared by the three event handlers:
// a repeated phase is AlreadyExists, a terminal phase never changes (FailedPrecondition
// carrying EventErrorAlreadyInTerminalState), and phases never move backwards.
import { Code, ConnectError } from "@connectrpc/connect";
import { EventFailureReasonSchema } from "@/lib/gen/flyteidl/admin/event_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { alreadyExists, failedPrecondition } from "./errors";

export const WORKFLOW_TERMINAL: ReadonlySet<WP> = new Set([WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);
export const NODE_TERMINAL: ReadonlySet<NP> = new Set([NP.SUCCEEDED, NP.FAILED, NP.ABORTED, NP.SKIPPED, NP.TIMED_OUT, NP.RECOVERED]);
// A RETRYABLE_FAILED attempt is over: the next attempt is a new task execution.
export const TASK_TERMINAL: ReadonlySet<TP> = new Set([TP.SUCCEEDED, TP.FAILED, TP.ABORTED, TP.RETRYABLE_FAILED]);

const WORKFLOW_RANK: Record<WP, number> = {
  [WP.UNDEFINED]: 0,
  [WP.QUEUED]: 1,
  [WP.RUNNING]: 2,
  [WP.SUCCEEDING]: 3,
  [WP.FAILING]: 3,
  [WP.ABORTING]: 3,
  [WP.SUCCEEDED]: 4,
  [WP.FAILED]: 4,
  [WP.ABORTED]: 4,
  [WP.TIMED_OUT]: 4,
};

const NODE_RANK: Record<NP, number> = {
  [NP.UNDEFINED]: 0,
  [NP.QUEUED]: 1,
  [NP.RUNNING]: 2,
  [NP.DYNAMIC_RUNNING]: 2,
  [NP.FAILING]: 3,
  [NP.SUCCEEDED]: 4,
  [NP.FAILED]: 4,
  [NP.ABORTED]: 4,
  [NP.SKIPPED]: 4,
  [NP.TIMED_OUT]: 4,
  [NP.RECOVERED]: 4,
};

const TASK_RANK: Record<TP, number> = {
  [TP.UNDEFINED]: 0,
  [TP.QUEUED]: 1,
  [TP.WAITING_FOR_RESOURCES]: 1,
  [TP.INITIALIZING]: 1,
  [TP.RUNNING]: 2,
  [TP.SUCCEEDED]: 3,
  [TP.FAILED]: 3,
  [TP.ABORTED]: 3,
  [TP.RETRYABLE_FAILED]: 3,
};

export function alreadyInTerminalState(what: string, currentPhase: string): ConnectError {
  return new ConnectError(`${what} is already in terminal phase ${currentPhase}; it cannot change`, Code.FailedPrecondition, undefined, [
    { desc: EventFailureReasonSchema, value: { reason: { case: "alreadyInTerminalState", value: { currentPhase } } } },
  ]);
}

interface Rules<P extends number> {
  names: Record<number, string>;
  terminal: ReadonlySet<P>;
  rank: Record<number, number>;
}

function check<P extends number>(rules: Rules<P>, what: string, current: P, next: P, samePhaseIsRepeat: boolean): void {
  const cur = rules.names[current] ?? String(current);
  const nxt = rules.names[next] ?? String(next);
  if (current === next && samePhaseIsRepeat) throw alreadyExists(`phase ${nxt} was already recorded for ${what}`);
  if (rules.terminal.has(current)) throw alreadyInTerminalState(what, cur);
  if (rules.rank[next] === undefined) throw failedPrecondition(`unknown phase ${next} for ${what}`);
  if (rules.rank[next] < rules.rank[current]) throw failedPrecondition(`invalid phase change from ${cur} to ${nxt} for ${what}`);
}

export function checkWorkflowTransition(what: string, current: WP, next: WP): void {
  check({ names: WP, terminal: WORKFLOW_TERMINAL, rank: WORKFLOW_RANK }, what, current, next, true);
  if (current === WP.ABORTING && next !== WP.ABORTED) {
    throw failedPrecondition(`invalid phase change from ABORTING to ${WP[next]} for ${what}: an aborting execution can only become ABORTED`);
  }
}

export function checkNodeTransition(what: string, current: NP, next: NP): void {
  check({ names: NP, terminal: NODE_TERMINAL, rank: NODE_RANK }, what, current, next, true);
}

/** A task attempt may repeat its phase with a higher phase_version (new logs, progress). */
export function checkTaskTransition(what: string, current: TP, currentVersion: number, next: TP, nextVersion: number): void {
  check({ names: TP, terminal: TASK_TERMINAL, rank: TASK_RANK }, what, current, next, current === next && nextVersion <= currentVersion);
}
