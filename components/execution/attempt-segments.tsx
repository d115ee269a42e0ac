"use client";

import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { taskPhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import type { TimelineAttempt } from "@/lib/flyte/timeline";
import { toneClass } from "@/components/ui/phase-badge";

/** Fill of the phases before RUNNING; running takes the attempt's own phase colour. */
export const PRE_RUN_FILL: Partial<Record<TaskExecution_Phase, string>> = {
  [TaskExecution_Phase.QUEUED]: "bg-slate-300",
  [TaskExecution_Phase.WAITING_FOR_RESOURCES]: "bg-amber-300",
  [TaskExecution_Phase.INITIALIZING]: "bg-sky-300",
};

/** One timeline row's attempts, each as its phases' shares of time (queued, waiting, initializing, running). */
export function AttemptSegments({
  attempts,
  left,
  width,
}: {
  attempts: readonly TimelineAttempt[];
  /** CSS left and width of a span of time within the row. */
  left(ms: number): string;
  width(fromMs: number, toMs: number): string;
}) {
  return (
    <>
      {attempts.flatMap((a) =>
        a.segments.map((s) => {
          const phase = taskPhase(s.phase);
          const running = s.phase === TaskExecution_Phase.RUNNING;
          const fill = running ? toneClass(taskPhase(a.phase).tone) : (PRE_RUN_FILL[s.phase] ?? "bg-slate-300");
          const title = `Attempt ${a.retryAttempt + 1} · ${phase.label} ${formatDuration(s.endMs - s.startMs)}${s.reason ? ` · ${s.reason}` : ""}`;
          return (
            <span
              key={`${a.retryAttempt}-${s.phase}-${s.startMs}`}
              data-testid="attempt-segment"
              data-attempt={a.retryAttempt}
              data-phase={phase.name}
              title={title}
              className={`absolute ${running ? "top-0 h-4 rounded ring-1" : "top-1 h-2"} ${fill}`}
              style={{ left: left(s.startMs), width: width(s.startMs, s.endMs), ...(running ? { backgroundColor: "currentColor" } : {}) }}
            />
          );
        }),
      )}
    </>
  );
}
