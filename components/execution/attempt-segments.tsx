"use client";

import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { taskPhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import type { TimelineAttempt } from "@/lib/flyte/timeline";
import { toneClass } from "@/components/ui/phase-badge";
import { tonePalette } from "@/components/ui/phase-palette";

/** Fill of the phases before RUNNING; running takes the attempt's own phase colour. */
export const PRE_RUN_FILL: Partial<Record<TaskExecution_Phase, string>> = {
  [TaskExecution_Phase.QUEUED]: "bg-slate-300",
  [TaskExecution_Phase.WAITING_FOR_RESOURCES]: "bg-amber-300",
  [TaskExecution_Phase.INITIALIZING]: "bg-sky-300",
};

/** Narrowest attempt that is numbered on the chart ("#2"). */
const NUMBERED_PX = 28;

/**
 * One timeline row's attempts, each a block of its own (white edges keep back-to-back retries apart, and a wide
 * enough one is numbered), made of its phases' shares of time: queued, waiting, initializing, running.
 */
export function AttemptSegments({
  attempts,
  x,
}: {
  attempts: readonly TimelineAttempt[];
  /** Pixels from the chart's left edge of a time. */
  x(ms: number): number;
}) {
  return (
    <>
      {attempts.map((a) => {
        const left = x(a.startMs);
        const width = Math.max(x(a.endMs) - left, 3);
        const phase = taskPhase(a.phase);
        return (
          <span
            key={a.retryAttempt}
            data-testid="timeline-attempt"
            data-attempt={a.retryAttempt}
            data-phase={phase.name}
            title={`Attempt ${a.retryAttempt + 1} · ${phase.label} · ${formatDuration(a.endMs - a.startMs)}`}
            className="absolute inset-y-0 overflow-hidden border-x border-white"
            style={{ left, width }}
          >
            {a.segments.map((s) => {
              const segPhase = taskPhase(s.phase);
              const running = s.phase === TaskExecution_Phase.RUNNING;
              const fill = running ? `${toneClass(phase.tone)} ${tonePalette(phase.tone).pattern}` : (PRE_RUN_FILL[s.phase] ?? "bg-slate-300");
              return (
                <span
                  key={`${s.phase}-${s.startMs}`}
                  data-testid="attempt-segment"
                  data-attempt={a.retryAttempt}
                  data-phase={segPhase.name}
                  title={`Attempt ${a.retryAttempt + 1} · ${segPhase.label} ${formatDuration(s.endMs - s.startMs)}${s.reason ? ` · ${s.reason}` : ""}`}
                  className={`absolute ${running ? "inset-y-0 rounded-sm" : "top-1/4 h-1/2"} ${fill}`}
                  style={{
                    left: x(s.startMs) - left,
                    width: Math.max(x(s.endMs) - x(s.startMs), 1),
                    ...(running ? { backgroundColor: "currentColor" } : {}),
                  }}
                />
              );
            })}
            {width >= NUMBERED_PX ? (
              <span aria-hidden className="pointer-events-none absolute right-0.5 top-0.5 rounded-sm bg-white/80 px-0.5 text-[9px] font-semibold leading-3 text-slate-900">
                #{a.retryAttempt + 1}
              </span>
            ) : null}
          </span>
        );
      })}
    </>
  );
}
