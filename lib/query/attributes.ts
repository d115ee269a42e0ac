"use client";

// The project-domain attributes FlyteAdmin holds, one GetProjectDomainAttributes per matchable resource.
// NotFound means nothing is set for it (FlyteAdmin's defaults apply): an answer, not an error to retry.
import { create } from "@bufbuild/protobuf";
import { useQuery } from "@connectrpc/connect-query";
import { ProjectDomainAttributesGetRequestSchema, type ProjectDomainAttributesGetRequest } from "@/lib/gen/flyteidl/admin/project_domain_attributes_pb";
import type { MatchableResource } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const getProjectDomainAttributes = AdminService.method.getProjectDomainAttributes;

export function projectDomainAttributesRequest(project: string, domain: string, resourceType: MatchableResource): ProjectDomainAttributesGetRequest {
  return create(ProjectDomainAttributesGetRequestSchema, { project, domain, resourceType });
}

export function useProjectDomainAttributes(project: string, domain: string, resourceType: MatchableResource) {
  return useQuery(getProjectDomainAttributes, projectDomainAttributesRequest(project, domain, resourceType), { retry: false, staleTime: 60_000 });
}
