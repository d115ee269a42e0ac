"use client";

import { Link } from "@/components/ui/link";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { taskInterfaceRows, type InterfaceRow } from "@/lib/flyte/entities/interface";
import { consolePath } from "@/lib/flyte/urls";
import { useNodeTask } from "@/lib/query/node-task";
import { TaskTemplateCard } from "@/components/entities/task-template-card";
import { LoadingRows, QueryError } from "@/components/ui/query-state";

function Variables({ title, rows, testId }: { title: string; rows: InterfaceRow[]; testId: string }) {
  return (
    <div>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {rows.length ? (
        <ul className="mt-1 space-y-0.5 text-sm" data-testid={testId}>
          {rows.map((r) => (
            <li key={r.name} data-testid="interface-row" data-name={r.name} className="break-words">
              <span className="font-mono text-slate-900">{r.name}</span>
              <span className="text-slate-500">: </span>
              <span className="font-mono text-xs text-violet-800">{r.type}</span>
              {r.defaultText ? <span className="text-xs text-slate-500"> = {r.defaultText}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-slate-500">None.</p>
      )}
    </div>
  );
}

/** The task template a node ran (GetTask of the task id its attempts report): what ran, with what, and how. */
export function TaskTab({ taskId, waiting }: { taskId: Identifier | undefined; /** The node has not reported its task yet. */ waiting: boolean }) {
  const task = useNodeTask(taskId, true);
  if (!taskId?.name) {
    return <p className="text-sm text-slate-500">{waiting ? "Loading which task this node runs…" : "This node reported no task."}</p>;
  }
  if (task.isPending) return <LoadingRows rows={4} label="Loading the task" />;
  if (task.isError) return <QueryError error={task.error} retry={() => void task.refetch()} />;
  const rows = taskInterfaceRows(task.data);
  return (
    <div className="space-y-3" data-testid="node-task">
      <p className="text-xs text-slate-600">
        <Link
          className="font-mono text-indigo-700 hover:underline"
          href={consolePath({ page: "entityVersion", kind: "task", project: taskId.project, domain: taskId.domain, name: taskId.name, version: taskId.version })}
        >
          {taskId.name}
        </Link>{" "}
        <span className="text-slate-500">version</span> <span className="break-all font-mono">{taskId.version}</span>
      </p>
      <TaskTemplateCard task={task.data} />
      <section aria-label="Interface" data-testid="task-interface" className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <Variables title="Inputs" rows={rows.inputs} testId="task-inputs" />
        <Variables title="Outputs" rows={rows.outputs} testId="task-outputs" />
      </section>
    </div>
  );
}
