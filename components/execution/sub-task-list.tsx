"use client";

import { useState } from "react";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { ExternalResourceInfo } from "@/lib/gen/flyteidl/event/event_pb";
import { taskPhase } from "@/lib/flyte/phases";
import { countSubTasksByPhase, latestSubTasks } from "@/lib/flyte/sub-tasks";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { LogLinks } from "./log-links";
import { ErrorSummary } from "./error-summary";

const FAILED = new Set<TaskExecution_Phase>([TaskExecution_Phase.FAILED, TaskExecution_Phase.RETRYABLE_FAILED]);

/**
 * A map or array node's sub-tasks: how many are in each phase, then each index (its latest retry) with its
 * phase, logs and, when it failed, its error; the failed ones alone on request.
 */
export function SubTaskList({
  resources,
  errors,
  onOpenLog,
}: {
  resources: readonly ExternalResourceInfo[];
  /** Each failed sub-task's error, by index. */
  errors: ReadonlyMap<number, string>;
  onOpenLog(log: TaskLog): void;
}) {
  const [onlyFailed, setOnlyFailed] = useState(false);
  const all = latestSubTasks(resources);
  const counts = countSubTasksByPhase(resources);
  const failedCount = all.filter((s) => FAILED.has(s.phase)).length;
  const shown = onlyFailed ? all.filter((s) => FAILED.has(s.phase)) : all;
  return (
    <section data-testid="sub-tasks" aria-label="Sub-tasks" className="space-y-2">
      <p data-testid="sub-task-counts" data-total={all.length} className="flex flex-wrap items-center gap-1.5 text-xs text-slate-700">
        <span className="font-medium">{all.length} sub-tasks:</span>
        {counts.map(({ phase, count }) => {
          const p = taskPhase(phase);
          return (
            <span key={phase} data-testid="sub-task-count" data-phase={p.name} data-count={count}>
              <PhaseBadge phase={p} /> <span className="font-mono">{count}</span>
            </span>
          );
        })}
      </p>
      {failedCount > 0 ? (
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)} />
          Only failed sub-tasks ({failedCount})
        </label>
      ) : null}
      <ul className="max-h-96 space-y-1 overflow-auto">
        {shown.map((s) => {
          const sp = taskPhase(s.phase);
          const error = errors.get(s.index);
          return (
            <li key={`${s.index}-${s.retryAttempt}`} data-testid="sub-task" data-index={s.index} data-phase={sp.name} className="space-y-1 text-xs">
              <div className="flex items-center gap-2">
                <span className="w-10 font-mono text-slate-500">#{s.index}</span>
                <PhaseBadge phase={sp} />
                {s.retryAttempt ? <span className="text-slate-500">after {s.retryAttempt} {s.retryAttempt === 1 ? "retry" : "retries"}</span> : null}
                <LogLinks logs={s.logs} onOpen={onOpenLog} empty="No logs yet." />
              </div>
              {error && FAILED.has(s.phase) ? <ErrorSummary error={{ message: error, code: "", kind: 0 }} testId="sub-task-error" title={`Sub-task #${s.index} error`} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
