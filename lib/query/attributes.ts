"use client";

// A project domain's settings (the matchable attributes FlyteAdmin holds), every resource in one
// ConsoleService.GetDomainSettings call: an unset resource comes back without attributes, not as an error.
import { create } from "@bufbuild/protobuf";
import { useQuery } from "@connectrpc/connect-query";
import { ConsoleService, GetDomainSettingsRequestSchema, type GetDomainSettingsRequest } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { MatchableResource } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";

export const getDomainSettings = ConsoleService.method.getDomainSettings;

export function domainSettingsRequest(project: string, domain: string, resourceTypes: MatchableResource[]): GetDomainSettingsRequest {
  return create(GetDomainSettingsRequestSchema, { project, domain, resourceTypes });
}

export function useDomainSettings(project: string, domain: string, resourceTypes: MatchableResource[]) {
  return useQuery(getDomainSettings, domainSettingsRequest(project, domain, resourceTypes), { retry: false, staleTime: 60_000 });
}
