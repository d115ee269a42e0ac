// Sub-tasks of map and array nodes, as FlytePropeller reports them: external resources on the node's task
// execution, one per index and retry. Pure.
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { ExternalResourceInfo } from "@/lib/gen/flyteidl/event/event_pb";

export type SubTaskPhaseCounts = Readonly<Partial<Record<TaskExecution_Phase, number>>>;

/** One entry per sub-task index, its latest retry; in index order. */
export function latestSubTasks(resources: readonly ExternalResourceInfo[]): ExternalResourceInfo[] {
  const byIndex = new Map<number, ExternalResourceInfo>();
  for (const r of resources) {
    const current = byIndex.get(r.index);
    if (!current || r.retryAttempt >= current.retryAttempt) byIndex.set(r.index, r);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Sub-tasks per phase in the node's latest attempt; undefined when it reports none. */
export function subTaskPhaseCounts(attempts: readonly TaskExecution[]): SubTaskPhaseCounts | undefined {
  let latest: TaskExecution | undefined;
  for (const a of attempts) if (!latest || (a.id?.retryAttempt ?? 0) >= (latest.id?.retryAttempt ?? 0)) latest = a;
  const resources = latest?.closure?.metadata?.externalResources ?? [];
  if (resources.length === 0) return undefined;
  const counts: Partial<Record<TaskExecution_Phase, number>> = {};
  for (const r of latestSubTasks(resources)) counts[r.phase] = (counts[r.phase] ?? 0) + 1;
  return counts;
}

/** One phase's share of a map node's sub-tasks, in the phase enum's order (queued … succeeded, failed). */
export interface SubTaskPhaseCount {
  phase: TaskExecution_Phase;
  count: number;
}

/** How many of an attempt's sub-tasks (each index once, its latest retry) are in each phase. */
export function countSubTasksByPhase(resources: readonly ExternalResourceInfo[]): SubTaskPhaseCount[] {
  const counts = new Map<TaskExecution_Phase, number>();
  for (const r of latestSubTasks(resources)) counts.set(r.phase, (counts.get(r.phase) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([phase, count]) => ({ phase, count }));
}

// FlytePropeller's error collector (flyteplugins/go/tasks/plugins/array/errorcollector) writes one line per
// distinct sub-task error, prefixed with the index ranges that hit it: "[3][5-7]: message"; a message may run
// over several lines (a traceback); a summary cut at the size limit ends with "... and many more.".
const COLLECTOR_LINE = /^((?:\[\d+(?:-\d+)?\])+): ?(.*)$/;
const RANGE = /\[(\d+)(?:-(\d+))?\]/g;
const TRUNCATED = "... and many more.";
/** A range wider than this is not spelled out index by index (a corrupt or hostile message). */
const MAX_RANGE = 100_000;

/**
 * The error of each failed sub-task, by index, from an array node's error summary in FlytePropeller's
 * collector form. Empty when the message is not in that form.
 */
export function subTaskErrors(summary: string | undefined): Map<number, string> {
  const errors = new Map<number, string>();
  if (!summary) return errors;
  let indices: number[] = [];
  let lines: string[] = [];
  const flush = () => {
    const message = lines.join("\n").trim();
    if (message) for (const i of indices) errors.set(i, message);
  };
  for (const line of summary.split("\n")) {
    const m = COLLECTOR_LINE.exec(line);
    if (m) {
      flush();
      indices = [];
      for (const [, start, end] of m[1].matchAll(RANGE)) {
        const from = Number(start);
        const to = end === undefined ? from : Number(end);
        if (to < from || to - from > MAX_RANGE) continue;
        for (let i = from; i <= to; i++) indices.push(i);
      }
      lines = [m[2]];
    } else if (indices.length > 0 && line !== TRUNCATED) {
      lines.push(line.endsWith(TRUNCATED) ? line.slice(0, -TRUNCATED.length) : line);
    }
  }
  flush();
  return errors;
}

/**
 * The errors of an attempt's failed sub-tasks: from its error when the array node failed (FlytePropeller's
 * summary), else from the latest reason that carries such a summary (a node that succeeded despite them).
 */
export function attemptSubTaskErrors(attempt: TaskExecution | undefined): Map<number, string> {
  const c = attempt?.closure;
  if (c?.outputResult.case === "error") {
    const fromError = subTaskErrors(c.outputResult.value.message);
    if (fromError.size > 0) return fromError;
  }
  const reasons = c?.reasons.length ? c.reasons.map((r) => r.message) : c?.reason ? [c.reason] : [];
  for (let i = reasons.length - 1; i >= 0; i--) {
    const errors = subTaskErrors(reasons[i]);
    if (errors.size > 0) return errors;
  }
  return new Map();
}

/**
 * Failed sub-tasks' errors in FlytePropeller's collector form: one line per distinct message (in message
 * order), prefixed with the merged index ranges that hit it ("[3][5-7]: message"). What subTaskErrors reads.
 */
export function subTaskErrorSummary(failures: readonly { index: number; message: string }[]): string {
  const byMessage = new Map<string, number[]>();
  for (const f of failures) byMessage.set(f.message, [...(byMessage.get(f.message) ?? []), f.index]);
  let out = "";
  for (const message of [...byMessage.keys()].sort()) {
    const indices = [...new Set(byMessage.get(message))].sort((a, b) => a - b);
    let ranges = "";
    for (let i = 0; i < indices.length; ) {
      let j = i;
      while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
      ranges += i === j ? `[${indices[i]}]` : `[${indices[i]}-${indices[j]}]`;
      i = j + 1;
    }
    out += `${ranges}: ${message}\n`;
  }
  return out;
}
