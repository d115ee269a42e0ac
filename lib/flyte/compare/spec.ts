// What the runs were launched with: launch plan, workflow version, each task's image and resources (the
// compiled workflow's, with per-node overrides), and the execution's labels and other settings. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Resources } from "@/lib/gen/flyteidl/core/tasks_pb";
import { resourceRows } from "../entities/task-template";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";

export type SpecGroup = "launch plan" | "workflow" | "image" | "resources" | "label" | "annotation" | "environment" | "setting";

export interface SpecRow {
  /** Unique among the rows, stable across runs: `image:my.task`, `label:team`. */
  key: string;
  group: SpecGroup;
  /** What the row is about: a task's name, a label's key, a setting's name. */
  label: string;
  /** By run; undefined where the run has none (or its workflow is not loaded yet). */
  values: (string | undefined)[];
  /** Some run's value is not the first run's. */
  differs: boolean;
}

const idText = (id: Identifier | undefined) => (id?.name ? `${id.name} @ ${id.version}` : undefined);

/** "CPU 1 (limit 2), Memory 1Gi", or undefined when nothing is set. */
export function resourcesText(r: Resources | undefined): string | undefined {
  const rows = resourceRows(r);
  if (!rows.length) return undefined;
  return rows.map((x) => `${x.name} ${x.request ?? "no request"}${x.limit ? ` (limit ${x.limit})` : ""}`).join(", ");
}

type Entries = Map<string, { group: SpecGroup; label: string; value: string }>;

function put(m: Entries, group: SpecGroup, label: string, value: string | undefined) {
  if (value !== undefined && value !== "") m.set(`${group}:${label}`, { group, label, value });
}

function allNodes(closure: CompiledWorkflowClosure): Node[] {
  const nodes = [...(closure.primary?.template?.nodes ?? [])];
  for (const sub of closure.subWorkflows) nodes.push(...(sub.template?.nodes ?? []));
  return nodes;
}

/** One run's spec as rows; the closure may be missing while its workflow loads. */
export function specEntries(execution: Execution, closure: CompiledWorkflowClosure | undefined): Entries {
  const m: Entries = new Map();
  const spec = execution.spec;
  put(m, "launch plan", "launch plan", idText(spec?.launchPlan));
  put(m, "workflow", "workflow", idText(execution.closure?.workflowId));
  if (closure) {
    for (const t of closure.tasks) {
      const template = t.template;
      const name = template?.id?.name;
      if (!name) continue;
      if (template.target.case === "container") {
        put(m, "image", name, template.target.value.image);
        put(m, "resources", name, resourcesText(template.target.value.resources));
      } else if (template.target.case === "k8sPod") {
        put(m, "image", name, "(pod spec)");
      }
    }
    // with_overrides(): a node's own image and resources win over its task's.
    for (const n of allNodes(closure)) {
      if (n.target.case !== "taskNode" || !n.target.value.overrides) continue;
      const o = n.target.value.overrides;
      put(m, "image", `node ${n.id}`, o.containerImage || undefined);
      put(m, "resources", `node ${n.id}`, resourcesText(o.resources));
    }
  }
  for (const [k, v] of Object.entries(spec?.labels?.values ?? {})) put(m, "label", k, v);
  for (const [k, v] of Object.entries(spec?.annotations?.values ?? {})) put(m, "annotation", k, v);
  for (const kv of spec?.envs?.values ?? []) put(m, "environment", kv.key, kv.value);
  if (spec) {
    put(m, "setting", "max parallelism", spec.maxParallelism ? String(spec.maxParallelism) : undefined);
    put(m, "setting", "interruptible", spec.interruptible !== undefined ? String(spec.interruptible) : undefined);
    put(m, "setting", "overwrite cache", spec.overwriteCache ? "true" : undefined);
    put(m, "setting", "service account", spec.securityContext?.runAs?.k8sServiceAccount || undefined);
    put(m, "setting", "raw output prefix", spec.rawOutputDataConfig?.outputLocationPrefix || undefined);
    put(m, "setting", "tags", spec.tags.length ? [...spec.tags].sort().join(", ") : undefined);
  }
  return m;
}

const GROUP_ORDER: readonly SpecGroup[] = ["launch plan", "workflow", "image", "resources", "label", "annotation", "environment", "setting"];

/** Every spec row any run has, the first run the baseline; rows in GROUP_ORDER, then by label. */
export function compareSpecs(runs: readonly { execution: Execution; closure?: CompiledWorkflowClosure }[]): SpecRow[] {
  const entries = runs.map((r) => specEntries(r.execution, r.closure));
  const keys = new Map<string, { group: SpecGroup; label: string }>();
  for (const e of entries) for (const [k, v] of e) if (!keys.has(k)) keys.set(k, { group: v.group, label: v.label });
  const rows = [...keys].map(([key, { group, label }]): SpecRow => {
    const values = entries.map((e) => e.get(key)?.value);
    return { key, group, label, values, differs: values.some((v) => v !== values[0]) };
  });
  return rows.sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || a.label.localeCompare(b.label));
}
