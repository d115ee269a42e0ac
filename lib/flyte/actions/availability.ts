// Which execution actions a person may take now, and in words why not. Pure: the phase and state
// come from the execution; refusals FlyteAdmin already gave (PermissionDenied) are passed in.
import { ExecutionState, type Execution, type ExecutionStateChangeDetails } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { timestampMs } from "../time";


export type Availability = { available: true } | { available: false; reason: string };

export interface ExecutionActionsState {
  terminate: Availability;
  recover: Availability;
  relaunch: Availability;
  /** Archive when active, unarchive when archived; same rules either way. */
  archive: Availability & { archived: boolean };
}

const AVAILABLE: Availability = { available: true };
const no = (reason: string): Availability => ({ available: false, reason });

const TERMINAL = new Set<number>([WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);
/** FlyteAdmin's RecoverExecution re-runs what did not succeed; flyteconsole offers it for these. */
const RECOVERABLE = new Set<number>([WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);

export const REASONS = {
  terminateFinished: "Terminate is only for running executions: this one has finished",
  terminateAborting: "Already aborting: FlyteAdmin is stopping its nodes",
  recoverPhase: "Recover is only for failed, aborted or timed-out executions",
  relaunchNoLaunchPlan: "This execution names no launch plan to relaunch",
  archiveRunning: "Only finished executions can be archived: terminate it or wait for it to end",
} as const;

export function isExecutionArchived(details: ExecutionStateChangeDetails | undefined): boolean {
  return details?.state === ExecutionState.EXECUTION_ARCHIVED;
}

/**
 * The newer of two views of an execution's archive state. The live stream does not see archive
 * changes (they do not bump updated_at), a fresh GetExecution does: take whichever changed last.
 */
export function latestStateChange(
  a: ExecutionStateChangeDetails | undefined,
  b: ExecutionStateChangeDetails | undefined,
): ExecutionStateChangeDetails | undefined {
  if (!a) return b;
  if (!b) return a;
  return (timestampMs(b.occurredAt) ?? 0) > (timestampMs(a.occurredAt) ?? 0) ? b : a;
}

export function executionActions(
  execution: Execution,
  opts: { stateChange?: ExecutionStateChangeDetails } = {},
): ExecutionActionsState {
  const phase = execution.closure?.phase ?? WP.UNDEFINED;
  const finished = TERMINAL.has(phase);

  const terminate = finished ? no(REASONS.terminateFinished) : phase === WP.ABORTING ? no(REASONS.terminateAborting) : AVAILABLE;
  const recover = RECOVERABLE.has(phase) ? AVAILABLE : no(REASONS.recoverPhase);
  const relaunch = execution.spec?.launchPlan?.name ? AVAILABLE : no(REASONS.relaunchNoLaunchPlan);
  const archive = finished ? AVAILABLE : no(REASONS.archiveRunning);
  const archived = isExecutionArchived(latestStateChange(execution.closure?.stateChangeDetails, opts.stateChange));
  return {
    terminate,
    recover,
    relaunch,
    archive: { ...archive, archived },
  };
}

/** The cause recorded with a terminate: who did it, when the console knows. */
export function defaultTerminateCause(user: string | undefined): string {
  const who = user?.trim();
  return who ? `Terminated from the console by ${who}` : "Terminated from the console";
}

const NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A FlyteAdmin execution name (a letter, then lowercase letters and digits; 20 characters like
 * flytekit's). Chosen before the request so a retry after a lost answer cannot create a second run.
 */
export function newExecutionName(random: () => number = Math.random): string {
  let name = NAME_ALPHABET[Math.floor(random() * 26)];
  while (name.length < 20) name += NAME_ALPHABET[Math.floor(random() * NAME_ALPHABET.length)];
  return name;
}
