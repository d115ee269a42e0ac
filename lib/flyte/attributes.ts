// The project-domain attributes FlyteAdmin holds (matchable resources), in words. Pure.
import { MatchableResource, PluginOverride_MissingPluginBehavior, type MatchingAttributes, type TaskResourceSpec } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { QualityOfService_Tier } from "@/lib/gen/flyteidl/core/execution_pb";
import { durationMs, formatDuration } from "./time";

/** Every matchable resource, in FlyteAdmin's order, with what an operator calls it and what it decides. */
export const MATCHABLE_RESOURCES: { type: MatchableResource; label: string; about: string }[] = [
  { type: MatchableResource.TASK_RESOURCE, label: "Task resources", about: "Default and maximum CPU, GPU, memory and storage of tasks" },
  { type: MatchableResource.CLUSTER_RESOURCE, label: "Cluster resources", about: "Values for the cluster resource templates (quotas, namespaces)" },
  { type: MatchableResource.EXECUTION_QUEUE, label: "Execution queue", about: "Tags that pick the queue executions run in" },
  { type: MatchableResource.EXECUTION_CLUSTER_LABEL, label: "Execution cluster label", about: "The label of the cluster executions run on" },
  { type: MatchableResource.QUALITY_OF_SERVICE_SPECIFICATION, label: "Quality of service", about: "Tier or queueing budget of executions" },
  { type: MatchableResource.PLUGIN_OVERRIDE, label: "Plugin overrides", about: "Which plugin runs each task type" },
  { type: MatchableResource.WORKFLOW_EXECUTION_CONFIG, label: "Workflow execution config", about: "Parallelism, identity, raw output prefix, labels, annotations, environment" },
  { type: MatchableResource.CLUSTER_ASSIGNMENT, label: "Cluster assignment", about: "The cluster pool executions are assigned to" },
];

export interface AttributeFact {
  label: string;
  value: string;
}

const TIER: Record<QualityOfService_Tier, string> = {
  [QualityOfService_Tier.UNDEFINED]: "undefined",
  [QualityOfService_Tier.HIGH]: "high",
  [QualityOfService_Tier.MEDIUM]: "medium",
  [QualityOfService_Tier.LOW]: "low",
};

function resources(spec: TaskResourceSpec | undefined): string {
  if (!spec) return "";
  const parts: [string, string][] = [
    ["CPU", spec.cpu],
    ["GPU", spec.gpu],
    ["memory", spec.memory],
    ["storage", spec.storage],
    ["ephemeral storage", spec.ephemeralStorage],
  ];
  return parts
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

const pairs = (m: { [k: string]: string } | undefined) =>
  Object.entries(m ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

/** What one setting says, as label/value facts (empty values left out). */
export function describeAttributes(matching: MatchingAttributes | undefined): AttributeFact[] {
  const t = matching?.target;
  const out: AttributeFact[] = [];
  const add = (label: string, value: string | undefined) => void (value ? out.push({ label, value }) : undefined);
  switch (t?.case) {
    case "taskResourceAttributes":
      add("Defaults", resources(t.value.defaults));
      add("Limits", resources(t.value.limits));
      break;
    case "clusterResourceAttributes":
      for (const [k, v] of Object.entries(t.value.attributes).sort(([a], [b]) => a.localeCompare(b))) add(k, v);
      break;
    case "executionQueueAttributes":
      add("Tags", t.value.tags.join(", "));
      break;
    case "executionClusterLabel":
      add("Label", t.value.value);
      break;
    case "qualityOfService": {
      const d = t.value.designation;
      if (d.case === "tier") add("Tier", TIER[d.value] ?? String(d.value));
      if (d.case === "spec") add("Queueing budget", formatDuration(durationMs(d.value.queueingBudget)));
      break;
    }
    case "pluginOverrides":
      for (const o of t.value.overrides) {
        const missing = o.missingPluginBehavior === PluginOverride_MissingPluginBehavior.USE_DEFAULT ? "else the default plugin" : "else fail";
        add(o.taskType, `${o.pluginId.join(" → ")} (${missing})`);
      }
      break;
    case "workflowExecutionConfig": {
      const c = t.value;
      if (c.maxParallelism) add("Max parallelism", String(c.maxParallelism));
      const runAs = c.securityContext?.runAs;
      add("Service account", runAs?.k8sServiceAccount);
      add("IAM role", runAs?.iamRole);
      add("Raw output prefix", c.rawOutputDataConfig?.outputLocationPrefix);
      add("Labels", pairs(c.labels?.values));
      add("Annotations", pairs(c.annotations?.values));
      add("Environment", (c.envs?.values ?? []).map((e) => `${e.key}=${e.value}`).join(", "));
      if (c.interruptible !== undefined) add("Interruptible", c.interruptible ? "yes" : "no");
      if (c.overwriteCache) add("Overwrite cache", "yes");
      break;
    }
    case "clusterAssignment":
      add("Cluster pool", t.value.clusterPoolName);
      break;
  }
  return out;
}

/** Where a setting FlyteAdmin answered comes from: the domain's own, or one set for the whole project (or everywhere). */
export function attributesScope(answer: { project: string; domain: string }, domain: string): "domain" | "project" | "global" {
  if (answer.domain === domain && answer.project) return "domain";
  return answer.project ? "project" : "global";
}
