// What an execution's spec says about how it runs and where it came from, shaped for its "Details". Pure.
import { ExecutionMetadata_ExecutionMode as Mode, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { Identifier, WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";

/**
 * The run this one came from: the execution whose launch-plan node started it (a child run), or the run it
 * recovers or relaunches (spec.metadata.reference_execution).
 */
export type ExecutionLineage =
  | { relation: "child"; execution: WorkflowExecutionIdentifier; nodeId: string }
  | { relation: "recovered" | "relaunched"; execution: WorkflowExecutionIdentifier };

export function executionLineage(e: Execution): ExecutionLineage | undefined {
  const m = e.spec?.metadata;
  const parent = m?.parentNodeExecution;
  if (parent?.executionId?.name) return { relation: "child", execution: parent.executionId, nodeId: parent.nodeId };
  const ref = m?.referenceExecution;
  if (!m || !ref?.name) return undefined;
  if (m.mode === Mode.RECOVERED) return { relation: "recovered", execution: ref };
  if (m.mode === Mode.RELAUNCH) return { relation: "relaunched", execution: ref };
  return undefined;
}

export type ExecutionFactKey =
  | "cluster"
  | "clusterPool"
  | "clusterLabel"
  | "namespace"
  | "serviceAccount"
  | "iamRole"
  | "executionIdentity"
  | "rawOutputPrefix"
  | "maxParallelism"
  | "interruptible"
  | "overwriteCache";

export interface ExecutionFact {
  key: ExecutionFactKey;
  label: string;
  value: string;
}

export interface ExecutionDetails {
  /** Only what the spec sets, in a fixed order. */
  facts: ExecutionFact[];
  /** Secrets the run may read, as "group/key". */
  secrets: string[];
  labels: [string, string][];
  annotations: [string, string][];
  envs: [string, string][];
  launchPlan?: Identifier;
  workflow?: Identifier;
}

const sorted = (values: { [k: string]: string } | undefined): [string, string][] => Object.entries(values ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const yesNo = (b: boolean) => (b ? "yes" : "no");

export function executionDetails(e: Execution): ExecutionDetails {
  const spec = e.spec;
  const runAs = spec?.securityContext?.runAs;
  const role = spec?.authRole;
  const system = spec?.metadata?.systemMetadata;
  const candidates: [ExecutionFactKey, string, string | undefined][] = [
    ["cluster", "Cluster", system?.executionCluster],
    ["clusterPool", "Cluster pool", spec?.clusterAssignment?.clusterPoolName],
    ["clusterLabel", "Cluster label", spec?.executionClusterLabel?.value],
    ["namespace", "Namespace", system?.namespace],
    ["serviceAccount", "Service account", runAs?.k8sServiceAccount || role?.kubernetesServiceAccount],
    ["iamRole", "IAM role", runAs?.iamRole || role?.assumableIamRole],
    ["executionIdentity", "Execution identity", runAs?.executionIdentity],
    ["rawOutputPrefix", "Raw output prefix", spec?.rawOutputDataConfig?.outputLocationPrefix],
    ["maxParallelism", "Max parallelism", spec?.maxParallelism ? String(spec.maxParallelism) : undefined],
    ["interruptible", "Interruptible", spec?.interruptible === undefined ? undefined : yesNo(spec.interruptible)],
    ["overwriteCache", "Overwrite cache", spec?.overwriteCache ? "yes" : undefined],
  ];
  return {
    facts: candidates.filter((c): c is [ExecutionFactKey, string, string] => !!c[2]).map(([key, label, value]) => ({ key, label, value })),
    secrets: (spec?.securityContext?.secrets ?? []).map((s) => (s.group ? `${s.group}/${s.key}` : s.key)),
    labels: sorted(spec?.labels?.values),
    annotations: sorted(spec?.annotations?.values),
    envs: (spec?.envs?.values ?? []).map((kv) => [kv.key, kv.value]),
    launchPlan: spec?.launchPlan?.name ? spec.launchPlan : undefined,
    workflow: e.closure?.workflowId?.name ? e.closure.workflowId : undefined,
  };
}
