"use client";

import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSegments } from "@/lib/flyte/attempt-phases";
import { taskPhase } from "@/lib/flyte/phases";
import { attemptSubTaskErrors, subTaskErrors } from "@/lib/flyte/sub-tasks";
import { durationMs, formatDuration, formatTimestampUtc, timestampMs } from "@/lib/flyte/time";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";
import { ErrorSummary } from "./error-summary";
import { LogLinks } from "./log-links";
import { SubTaskList } from "./sub-task-list";

/** A reason as one line: a sub-task error summary names the failed indices (their errors show with them below). */
function reasonText(message: string): string {
  const failed = [...subTaskErrors(message).keys()];
  if (failed.length === 0) return message;
  return `${failed.length} ${failed.length === 1 ? "sub-task" : "sub-tasks"} failed: ${failed.map((i) => `#${i}`).join(", ")}`;
}

export function AttemptCard({
  attempt,
  selected,
  onSelect,
  onOpenLog,
}: {
  attempt: TaskExecution;
  selected: boolean;
  onSelect(): void;
  onOpenLog(log: TaskLog): void;
}) {
  const c = attempt.closure;
  const phase = taskPhase(c?.phase ?? 0);
  const retry = attempt.id?.retryAttempt ?? 0;
  const error = c?.outputResult.case === "error" ? c.outputResult.value : undefined;
  const started = timestampMs(c?.startedAt);
  const resources = c?.metadata?.externalResources ?? [];
  // The phase each reason was reported in, for the phase history below.
  const nowMs = useNow(1_000, !phase.isTerminal);
  const segments = attemptSegments(attempt, nowMs);
  const phaseAt = (ms: number | undefined) =>
    ms === undefined ? undefined : [...segments].reverse().find((s) => s.startMs <= ms)?.phase;
  return (
    <article
      data-testid="attempt"
      data-attempt={retry}
      data-phase={phase.name}
      aria-current={selected}
      className={`space-y-2 rounded-md border p-3 ${selected ? "border-indigo-400 bg-indigo-50/40" : "border-slate-200 bg-white"}`}
    >
      <header className="flex items-center gap-2">
        <button type="button" onClick={onSelect} className="text-sm font-semibold text-slate-900 hover:underline">
          Attempt {retry + 1}
        </button>
        <PhaseBadge phase={phase} />
        <span className="ml-auto font-mono text-xs text-slate-600">{formatDuration(durationMs(c?.duration))}</span>
      </header>
      <p className="text-xs text-slate-500">Started {formatTimestampUtc(started)}</p>
      {c?.reasons.length ? (
        <ol className="space-y-0.5 border-l-2 border-slate-200 pl-2 text-xs text-slate-600" aria-label="Phase history">
          {c.reasons.map((r, i) => {
            const at = timestampMs(r.occurredAt);
            const p = phaseAt(at);
            return (
              <li key={i} data-testid="attempt-reason" data-phase={p !== undefined ? taskPhase(p).name : undefined}>
                <span className="font-mono text-slate-500">{formatTimestampUtc(at).slice(11, 19)}</span>{" "}
                {p !== undefined ? <span className="font-medium text-slate-700">{taskPhase(p).label}: </span> : null}
                {reasonText(r.message)}
              </li>
            );
          })}
        </ol>
      ) : c?.reason ? (
        <p className="text-xs text-slate-600">{reasonText(c.reason)}</p>
      ) : null}
      {error ? <ErrorSummary error={error} testId="attempt-error" /> : null}
      <LogLinks logs={c?.logs ?? []} onOpen={onOpenLog} />
      {resources.length ? <SubTaskList resources={resources} errors={attemptSubTaskErrors(attempt)} onOpenLog={onOpenLog} /> : null}
    </article>
  );
}
