// What a task runs and how: the facts of a TaskTemplate a person checks before launching. Pure.
import { RuntimeMetadata_RuntimeType, Resources_ResourceName, type Resources, type TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { durationMs, formatDuration } from "../time";

export interface ResourceRow {
  name: string;
  request?: string;
  limit?: string;
}

export interface TaskTemplateSummary {
  type: string;
  /** "flytekit 1.10.3 (python)". */
  runtime?: string;
  image?: string;
  command: string[];
  args: string[];
  resources: ResourceRow[];
  retries: number;
  /** "1h 00m"; undefined when there is none. */
  timeout?: string;
  cache: { enabled: boolean; version?: string; serializable: boolean; ignoredInputs: string[] };
  interruptible?: boolean;
  /** What runs the task when it is not a container. */
  target: "container" | "k8sPod" | "sql" | "none";
  sqlStatement?: string;
  podTemplateName?: string;
  env: { key: string; value: string }[];
}

const RESOURCE_LABELS: Record<number, string> = {
  [Resources_ResourceName.CPU]: "CPU",
  [Resources_ResourceName.GPU]: "GPU",
  [Resources_ResourceName.MEMORY]: "Memory",
  [Resources_ResourceName.STORAGE]: "Storage",
  [Resources_ResourceName.EPHEMERAL_STORAGE]: "Ephemeral storage",
};

export function resourceRows(resources: Resources | undefined): ResourceRow[] {
  const rows = new Map<number, ResourceRow>();
  const row = (name: number) => {
    let r = rows.get(name);
    if (!r) {
      r = { name: RESOURCE_LABELS[name] ?? `Resource ${name}` };
      rows.set(name, r);
    }
    return r;
  };
  for (const e of resources?.requests ?? []) row(e.name).request = e.value;
  for (const e of resources?.limits ?? []) row(e.name).limit = e.value;
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

function runtimeText(t: TaskTemplate): string | undefined {
  const rt = t.metadata?.runtime;
  if (!rt || (!rt.version && !rt.flavor)) return undefined;
  const kind = rt.type === RuntimeMetadata_RuntimeType.FLYTE_SDK ? "flytekit" : "runtime";
  return `${kind} ${rt.version}${rt.flavor ? ` (${rt.flavor})` : ""}`.trim();
}

export function summarizeTaskTemplate(t: TaskTemplate): TaskTemplateSummary {
  const m = t.metadata;
  const container = t.target.case === "container" ? t.target.value : undefined;
  const timeoutMs = durationMs(m?.timeout);
  return {
    type: t.type,
    runtime: runtimeText(t),
    image: container?.image,
    command: container?.command ?? [],
    args: container?.args ?? [],
    resources: resourceRows(container?.resources),
    retries: m?.retries?.retries ?? 0,
    timeout: timeoutMs ? formatDuration(timeoutMs) : undefined,
    cache: {
      enabled: m?.discoverable ?? false,
      version: m?.discoveryVersion || undefined,
      serializable: m?.cacheSerializable ?? false,
      ignoredInputs: m?.cacheIgnoreInputVars ?? [],
    },
    interruptible: m?.interruptibleValue.case === "interruptible" ? m.interruptibleValue.value : undefined,
    target: t.target.case ?? "none",
    sqlStatement: t.target.case === "sql" ? t.target.value.statement : undefined,
    podTemplateName: m?.podTemplateName || undefined,
    env: (container?.env ?? []).map((e) => ({ key: e.key, value: e.value })),
  };
}
