import type { Task } from "@/lib/gen/flyteidl/admin/task_pb";
import { summarizeTaskTemplate } from "@/lib/flyte/entities/task-template";
import { Card, Facts } from "./card";

const mono = (s: string) => <span className="font-mono text-xs">{s}</span>;

/** What the task runs and how: type, image, resources, retries, cache, timeout. */
export function TaskTemplateCard({ task }: { task: Task }) {
  const template = task.closure?.compiledTask?.template;
  if (!template) {
    return (
      <Card title="Template" testId="task-template">
        <p className="text-sm text-slate-500">This version has no task template.</p>
      </Card>
    );
  }
  const s = summarizeTaskTemplate(template);
  const cache = s.cache.enabled
    ? `On${s.cache.version ? ` · version ${s.cache.version}` : ""}${s.cache.serializable ? " · serialized" : ""}${s.cache.ignoredInputs.length ? ` · ignores ${s.cache.ignoredInputs.join(", ")}` : ""}`
    : "Off";
  return (
    <Card title="Template" testId="task-template">
      <Facts
        items={[
          { label: "Type", value: mono(s.type), testId: "task-type" },
          ...(s.runtime ? [{ label: "Runtime", value: s.runtime }] : []),
          ...(s.image ? [{ label: "Image", value: mono(s.image), testId: "task-image" }] : []),
          ...(s.podTemplateName ? [{ label: "Pod template", value: mono(s.podTemplateName) }] : []),
          {
            label: "Resources",
            testId: "task-resources",
            value: s.resources.length ? (
              <ul className="space-y-0.5">
                {s.resources.map((r) => (
                  <li key={r.name}>
                    {r.name}: <span className="font-mono text-xs">{r.request ?? "—"}</span>
                    {r.limit ? (
                      <>
                        {" "}
                        <span className="text-slate-500">(limit</span> <span className="font-mono text-xs">{r.limit}</span>
                        <span className="text-slate-500">)</span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-slate-500">Platform defaults</span>
            ),
          },
          { label: "Retries", value: String(s.retries), testId: "task-retries" },
          { label: "Timeout", value: s.timeout ?? <span className="text-slate-500">None</span>, testId: "task-timeout" },
          { label: "Cache", value: cache, testId: "task-cache" },
          ...(s.interruptible !== undefined ? [{ label: "Interruptible", value: s.interruptible ? "Yes" : "No" }] : []),
          ...(s.sqlStatement ? [{ label: "Statement", value: <pre className="whitespace-pre-wrap font-mono text-xs">{s.sqlStatement}</pre> }] : []),
          ...(s.command.length || s.args.length
            ? [{ label: "Command", value: <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{[...s.command, ...s.args].join(" ")}</pre> }]
            : []),
          ...(s.env.length ? [{ label: "Environment", value: <pre className="whitespace-pre-wrap font-mono text-xs">{s.env.map((e) => `${e.key}=${e.value}`).join("\n")}</pre> }] : []),
        ]}
      />
    </Card>
  );
}
