"use client";

import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSegments } from "@/lib/flyte/attempt-phases";
import { taskPhase } from "@/lib/flyte/phases";
import { latestSubTasks } from "@/lib/flyte/sub-tasks";
import { durationMs, formatDuration, formatTimestampUtc, timestampMs } from "@/lib/flyte/time";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";

export function LogLinks({ logs, onOpen }: { logs: TaskLog[]; onOpen(log: TaskLog): void }) {
  if (logs.length === 0) return <p className="text-xs text-slate-500">No logs for this attempt.</p>;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Logs">
      {logs.map((log) => (
        <li key={log.uri}>
          <button
            type="button"
            onClick={() => onOpen(log)}
            className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs text-indigo-700 hover:bg-indigo-50"
          >
            {log.name || "Logs"}
          </button>
        </li>
      ))}
    </ul>
  );
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
  const subTasks = latestSubTasks(c?.metadata?.externalResources ?? []);
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
                <span className="font-mono text-slate-400">{formatTimestampUtc(at).slice(11, 19)}</span>{" "}
                {p !== undefined ? <span className="font-medium text-slate-700">{taskPhase(p).label}: </span> : null}
                {r.message}
              </li>
            );
          })}
        </ol>
      ) : c?.reason ? (
        <p className="text-xs text-slate-600">{c.reason}</p>
      ) : null}
      {error ? (
        <div role="alert" data-testid="attempt-error" className="rounded border border-red-200 bg-red-50 p-2">
          <p className="text-xs font-semibold text-red-800">
            {error.kind === 1 ? "USER" : error.kind === 2 ? "SYSTEM" : ""} error {error.code ? `· ${error.code}` : ""}
          </p>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap font-mono text-xs text-red-900">{error.message}</pre>
        </div>
      ) : null}
      <LogLinks logs={c?.logs ?? []} onOpen={onOpenLog} />
      {subTasks.length ? (
        <details data-testid="sub-tasks" open>
          <summary className="cursor-pointer text-xs font-medium text-slate-700">{subTasks.length} sub-tasks</summary>
          <ul className="mt-1 max-h-64 space-y-1 overflow-auto">
            {subTasks.map((s) => {
              const sp = taskPhase(s.phase);
              return (
                <li key={`${s.index}-${s.retryAttempt}`} data-testid="sub-task" data-index={s.index} data-phase={sp.name} className="flex items-center gap-2 text-xs">
                  <span className="w-10 font-mono text-slate-500">#{s.index}</span>
                  <PhaseBadge phase={sp} />
                  {s.retryAttempt ? <span className="text-slate-500">after {s.retryAttempt} {s.retryAttempt === 1 ? "retry" : "retries"}</span> : null}
                  <LogLinks logs={s.logs} onOpen={onOpenLog} />
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
