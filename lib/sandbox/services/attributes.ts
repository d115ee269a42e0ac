// Project-domain attributes (matchable resources: task resources, execution queues, …), as FlyteAdmin's
// resource manager serves them: Get answers the most specific setting that applies, NotFound when none does.
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { MatchableResource, MatchingAttributesSchema } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import {
  ProjectDomainAttributesGetResponseSchema,
  ProjectDomainAttributesSchema,
  ProjectDomainAttributesUpdateResponseSchema,
} from "@/lib/gen/flyteidl/admin/project_domain_attributes_pb";
import { getMostSpecificAttributes, putAttributes } from "../store/attributes";
import type { Db } from "../store/db";
import { getProject } from "../store/projects";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound } from "./errors";
import { DOMAINS } from "./projects";

/** Which MatchingAttributes case each resource type is set with. */
const CASE_OF: Record<MatchableResource, string> = {
  [MatchableResource.TASK_RESOURCE]: "taskResourceAttributes",
  [MatchableResource.CLUSTER_RESOURCE]: "clusterResourceAttributes",
  [MatchableResource.EXECUTION_QUEUE]: "executionQueueAttributes",
  [MatchableResource.EXECUTION_CLUSTER_LABEL]: "executionClusterLabel",
  [MatchableResource.QUALITY_OF_SERVICE_SPECIFICATION]: "qualityOfService",
  [MatchableResource.PLUGIN_OVERRIDE]: "pluginOverrides",
  [MatchableResource.WORKFLOW_EXECUTION_CONFIG]: "workflowExecutionConfig",
  [MatchableResource.CLUSTER_ASSIGNMENT]: "clusterAssignment",
};

/** FlyteAdmin's ValidateProjectAndDomain: a registered project and one of the configured domains. */
function requireProjectDomain(db: Db, project: string, domain: string): void {
  if (!project) throw invalidArgument("missing project");
  if (!domain) throw invalidArgument("missing domain");
  if (!getProject(db, project) || !DOMAINS.some((d) => d.id === domain)) {
    throw invalidArgument(`failed to validate that project [${project}] and domain [${domain}] are registered`);
  }
}

export function attributesService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getProjectDomainAttributes(req) {
      requireProjectDomain(ctx.db, req.project, req.domain);
      const row = getMostSpecificAttributes(ctx.db, req.resourceType, req.project, req.domain);
      if (!row) {
        throw notFound(
          `Resource [{Project:${req.project} Domain:${req.domain} Workflow: LaunchPlan: ResourceType:${MatchableResource[req.resourceType] ?? req.resourceType}}] not found`,
        );
      }
      return create(ProjectDomainAttributesGetResponseSchema, {
        attributes: create(ProjectDomainAttributesSchema, {
          project: row.project,
          domain: row.domain,
          matchingAttributes: fromBinary(MatchingAttributesSchema, row.attributes),
        }),
      });
    },

    // flytectl's `update task-resource-attribute` and friends; the BFF never lets the browser call it.
    updateProjectDomainAttributes(req) {
      const a = req.attributes;
      requireProjectDomain(ctx.db, a?.project ?? "", a?.domain ?? "");
      const target = a?.matchingAttributes?.target;
      if (!target?.case) throw invalidArgument("missing matching_attributes");
      const resourceType = Number(Object.entries(CASE_OF).find(([, c]) => c === target.case)?.[0]) as MatchableResource;
      putAttributes(ctx.db, resourceType, a!.project, a!.domain, toBinary(MatchingAttributesSchema, a!.matchingAttributes!));
      return create(ProjectDomainAttributesUpdateResponseSchema);
    },
  };
}
