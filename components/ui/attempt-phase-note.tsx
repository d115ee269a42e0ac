"use client";

import type { AttemptStatus } from "@/lib/flyte/attempt-phases";
import { taskPhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";

/**
 * What a running node's task attempt is waiting for before it runs (queued, waiting for resources,
 * initializing), with the reason FlytePropeller gave: on the graph node and in the Nodes list.
 */
export function AttemptPhaseNote({ status, nowMs, className = "" }: { status: AttemptStatus; nowMs: number; className?: string }) {
  const phase = taskPhase(status.phase);
  const since = formatDuration(Math.max(0, nowMs - status.sinceMs));
  const attempt = status.retryAttempt > 0 ? ` (attempt ${status.retryAttempt + 1})` : "";
  const title = `${phase.label}${attempt} for ${since}${status.reason ? `: ${status.reason}` : ""}`;
  return (
    <span data-testid="task-phase" data-task-phase={phase.name} title={title} aria-label={title} className={`block truncate text-[10px] font-medium ${className}`}>
      {phase.label}
      {status.reason ? <span className="font-normal opacity-75"> · {status.reason}</span> : null}
    </span>
  );
}
