// What FlyteAdmin stores as an execution's spec: the request's spec completed with the values the run
// actually gets (flyteadmin/pkg/manager/impl/execution_manager.go). getExecutionConfig merges, each source
// filling only what is still unset (util.MergeIntoExecConfig): the request's spec, the launch plan's spec,
// the most specific WORKFLOW_EXECUTION_CONFIG attributes, then the project's own; a security context still
// unset comes from the deprecated auth role. completeResolvedSpec writes the result into the spec, labels and
// annotations falling back to the launch plan's (resolveStringMap) and labels getting the project's labels for
// keys the run does not set (addProjectLabels); the cluster assignment is the request's or the matchable one.
import { clone, create, fromBinary } from "@bufbuild/protobuf";
import type { ExecutionSpec } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { LaunchPlanSpec } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import {
  MatchableResource,
  MatchingAttributesSchema,
  WorkflowExecutionConfigSchema,
  type WorkflowExecutionConfig,
} from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import type { ClusterAssignment } from "@/lib/gen/flyteidl/admin/cluster_assignment_pb";
import { AnnotationsSchema, LabelsSchema, type AuthRole } from "@/lib/gen/flyteidl/admin/common_pb";
import { IdentitySchema, SecurityContextSchema } from "@/lib/gen/flyteidl/core/security_pb";
import { getMostSpecificAttributes } from "../store/attributes";
import type { Db } from "../store/db";
import { getProject } from "../store/projects";

/** What a run's spec is resolved against besides its request: read once per project and domain. */
export interface ExecutionDefaults {
  /** WORKFLOW_EXECUTION_CONFIG: the most specific setting, then the project's own (either may be absent). */
  workflowExecutionConfigs: WorkflowExecutionConfig[];
  clusterAssignment?: ClusterAssignment;
  projectLabels: Record<string, string>;
}

type ConfigSource = Pick<WorkflowExecutionConfig, "maxParallelism" | "securityContext" | "rawOutputDataConfig" | "labels" | "annotations" | "interruptible" | "overwriteCache" | "envs">;

function matching(db: Db, type: MatchableResource, project: string, domain: string) {
  const row = getMostSpecificAttributes(db, type, project, domain);
  return row ? fromBinary(MatchingAttributesSchema, row.attributes).target : undefined;
}

export function executionDefaults(db: Db, project: string, domain: string): ExecutionDefaults {
  const configs: WorkflowExecutionConfig[] = [];
  for (const d of [domain, ""]) {
    const t = matching(db, MatchableResource.WORKFLOW_EXECUTION_CONFIG, project, d);
    if (t?.case === "workflowExecutionConfig") configs.push(t.value);
  }
  const assignment = matching(db, MatchableResource.CLUSTER_ASSIGNMENT, project, domain);
  return {
    workflowExecutionConfigs: configs,
    clusterAssignment: assignment?.case === "clusterAssignment" ? assignment.value : undefined,
    projectLabels: getProject(db, project)?.labels?.values ?? {},
  };
}

const nonEmpty = (values: { [k: string]: string } | undefined) => !!values && Object.keys(values).length > 0;

/** util.MergeIntoExecConfig: `source` fills what `into` leaves unset. */
function mergeInto(into: WorkflowExecutionConfig, source: ConfigSource | undefined): void {
  if (!source) return;
  if (into.maxParallelism === 0 && source.maxParallelism > 0) into.maxParallelism = source.maxParallelism;
  const runAs = source.securityContext?.runAs;
  if (!into.securityContext && runAs && (runAs.k8sServiceAccount || runAs.iamRole || runAs.executionIdentity)) into.securityContext = source.securityContext;
  if (!into.rawOutputDataConfig?.outputLocationPrefix && source.rawOutputDataConfig?.outputLocationPrefix) into.rawOutputDataConfig = source.rawOutputDataConfig;
  if (!nonEmpty(into.labels?.values) && nonEmpty(source.labels?.values)) into.labels = source.labels;
  if (!nonEmpty(into.annotations?.values) && nonEmpty(source.annotations?.values)) into.annotations = source.annotations;
  if (into.interruptible === undefined && source.interruptible !== undefined) into.interruptible = source.interruptible;
  if (!into.overwriteCache && source.overwriteCache) into.overwriteCache = true;
  if (!into.envs?.values.length && source.envs?.values.length) into.envs = source.envs;
}

/** resolveAuthRole + resolveSecurityCtx: the deprecated auth role, as a run-as identity. */
function fromAuthRole(role: AuthRole | undefined) {
  if (!role?.kubernetesServiceAccount && !role?.assumableIamRole) return undefined;
  return create(SecurityContextSchema, { runAs: { k8sServiceAccount: role.kubernetesServiceAccount, iamRole: role.assumableIamRole } });
}

/** Completes `spec` (the request's, already cloned) in place, as FlyteAdmin stores it. */
export function resolveExecutionSpec(spec: ExecutionSpec, lp: LaunchPlanSpec | undefined, defaults: ExecutionDefaults): void {
  const config = create(WorkflowExecutionConfigSchema);
  mergeInto(config, spec);
  mergeInto(config, lp);
  for (const c of defaults.workflowExecutionConfigs) mergeInto(config, c);
  config.securityContext ??= fromAuthRole(spec.authRole) ?? fromAuthRole(lp?.authRole) ?? create(SecurityContextSchema);
  config.securityContext = clone(SecurityContextSchema, config.securityContext);
  config.securityContext.runAs ??= create(IdentitySchema);

  const labels = { ...(config.labels ? config.labels.values : (lp?.labels?.values ?? {})) };
  for (const [k, v] of Object.entries(defaults.projectLabels)) if (!(k in labels)) labels[k] = v;
  spec.labels = create(LabelsSchema, { values: labels });
  spec.annotations = create(AnnotationsSchema, { values: { ...(config.annotations ? config.annotations.values : (lp?.annotations?.values ?? {})) } });
  spec.securityContext = config.securityContext;
  spec.maxParallelism = config.maxParallelism;
  spec.rawOutputDataConfig = config.rawOutputDataConfig;
  spec.clusterAssignment = spec.clusterAssignment?.clusterPoolName ? spec.clusterAssignment : defaults.clusterAssignment;
  spec.interruptible = config.interruptible ?? false;
  spec.overwriteCache = config.overwriteCache;
  spec.envs = config.envs;
}
