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
