// The phases one task attempt went through, for the timeline and for a node waiting to run. FlyteAdmin keeps
// no phase history of an attempt: only created_at (QUEUED), started_at (RUNNING), updated_at, its current
// phase, and the reasons FlytePropeller reported with their times (flyteadmin's task execution transformer).
// The phases in between (WAITING_FOR_RESOURCES, INITIALIZING) are read from those reasons, worded as
// flyteplugins' pod helper words them (quota and scheduling for the first, container creation for the other),
// and from the current phase while the attempt is live. Pure.
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { taskPhase } from "./phases";
import { durationMs, timestampMs } from "./time";

export interface AttemptSegment {
  phase: TaskExecution_Phase;
  startMs: number;
  endMs: number;
  /** The reason reported when the phase began, if any. */
  reason?: string;
}

const WAITING = /resourcequota|exceeded quota|unschedulable|insufficient|nodes are available|waiting for resources|backoff/i;
const INITIALIZING = /containercreating|podinitializing|pulling image|pulled image|initializ/i;

const PRE_RUN = new Set<TaskExecution_Phase>([
  TaskExecution_Phase.QUEUED,
  TaskExecution_Phase.WAITING_FOR_RESOURCES,
  TaskExecution_Phase.INITIALIZING,
]);

/** The phase a reason reports, when it names one between QUEUED and RUNNING. */
export function reasonPhase(message: string): TaskExecution_Phase | undefined {
  if (INITIALIZING.test(message)) return TaskExecution_Phase.INITIALIZING;
  if (WAITING.test(message)) return TaskExecution_Phase.WAITING_FOR_RESOURCES;
  return undefined;
}

/** The attempt's phases in order, each with its span; the live one ends at `nowMs`. */
export function attemptSegments(te: TaskExecution, nowMs: number): AttemptSegment[] {
  const c = te.closure;
  const created = timestampMs(c?.createdAt) ?? timestampMs(c?.updatedAt);
  if (!c || created === undefined) return [];
  const terminal = taskPhase(c.phase).isTerminal;
  const started = timestampMs(c.startedAt);
  const updated = timestampMs(c.updatedAt) ?? created;
  const ran = durationMs(c.duration);
  const end = terminal ? Math.max(updated, started !== undefined && ran ? started + ran : created) : Math.max(nowMs, updated);
  const preEnd = started ?? end;
  const reasons = c.reasons
    .map((r, i) => ({ at: timestampMs(r.occurredAt) ?? created, message: r.message, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);

  const segments: AttemptSegment[] = [{ phase: TaskExecution_Phase.QUEUED, startMs: created, endMs: preEnd }];
  const open = (phase: TaskExecution_Phase, at: number, reason: string | undefined) => {
    const current = segments[segments.length - 1];
    const startMs = Math.min(Math.max(at, current.startMs), preEnd);
    current.endMs = startMs;
    segments.push({ phase, startMs, endMs: preEnd, ...(reason ? { reason } : {}) });
  };
  for (const r of reasons) {
    if (started !== undefined && r.at >= started) break;
    const current = segments[segments.length - 1];
    const phase = reasonPhase(r.message);
    if (phase !== undefined && phase !== current.phase) open(phase, r.at, r.message);
    else current.reason ??= r.message;
  }
  const last = segments[segments.length - 1];
  if (started === undefined && !terminal && PRE_RUN.has(c.phase) && last.phase !== c.phase) open(c.phase, updated, c.reason || undefined);
  segments[segments.length - 1].endMs = preEnd;
  if (started !== undefined) {
    const reason = reasons.find((r) => r.at >= started)?.message;
    segments.push({ phase: TaskExecution_Phase.RUNNING, startMs: started, endMs: Math.max(end, started), ...(reason ? { reason } : {}) });
  }
  return segments;
}

export interface AttemptStatus {
  phase: TaskExecution_Phase;
  reason?: string;
  /** When the attempt entered this phase. */
  sinceMs: number;
  retryAttempt: number;
}

/** What the latest attempt is waiting for while it is not running yet (queued, waiting for resources, initialising). */
export function attemptStatus(attempts: readonly TaskExecution[], nowMs = Date.now()): AttemptStatus | undefined {
  let latest: TaskExecution | undefined;
  for (const te of attempts) if (!latest || (te.id?.retryAttempt ?? 0) > (latest.id?.retryAttempt ?? 0)) latest = te;
  const phase = latest?.closure?.phase;
  if (!latest || phase === undefined || !PRE_RUN.has(phase)) return undefined;
  const current = attemptSegments(latest, nowMs).at(-1);
  const reason = current?.reason ?? (latest.closure?.reason || undefined);
  return {
    phase,
    ...(reason ? { reason } : {}),
    sinceMs: current?.startMs ?? timestampMs(latest.closure?.updatedAt) ?? nowMs,
    retryAttempt: latest.id?.retryAttempt ?? 0,
  };
}
