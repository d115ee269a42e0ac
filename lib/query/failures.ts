"use client";

// The failure triage view's data: a project domain's failed runs grouped by error signature
// (ConsoleService.GetFailureGroups, computed by the BFF), for the dashboard's filters.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { keepPreviousData } from "@tanstack/react-query";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { useMemo } from "react";
import { ConsoleService, GetFailureGroupsRequestSchema, type GetFailureGroupsRequest } from "@/lib/gen/flyteconsole/v1/console_pb";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { toAdminFilters, windowStartMs, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { failureGroupsFromWire } from "@/lib/flyte/triage/wire";
import { DASHBOARD_STATS_REFRESH_MS, refreshWhileVisible } from "./refresh";

export const getFailureGroups = ConsoleService.method.getFailureGroups;

/**
 * The request for these filters: FlyteAdmin filters without phase (the BFF asks for the failure phases)
 * and without time (sent as start and end); throws FilterSyntaxError for values FlyteAdmin cannot carry.
 */
export function failureGroupsRequest(project: string, domain: string, filters: DashboardFilters, nowMs: number): GetFailureGroupsRequest {
  const start = windowStartMs(filters, nowMs);
  const end = filters.since ? undefined : filters.to;
  return create(GetFailureGroupsRequestSchema, {
    project,
    domain,
    filters: toAdminFilters(filters, nowMs, { omitPhase: true, omitTime: true }),
    start: start === undefined ? undefined : timestampFromMs(start),
    end: end === undefined ? undefined : timestampFromMs(end),
  });
}

export function useFailureGroups(project: string, domain: string, filters: DashboardFilters, nowMs: number) {
  const request = useMemo(() => {
    try {
      return { request: failureGroupsRequest(project, domain, filters, nowMs) };
    } catch (err) {
      if (err instanceof FilterSyntaxError) return { error: err.message };
      throw err;
    }
  }, [project, domain, filters, nowMs]);
  const groups = useQuery(getFailureGroups, request.request ?? skipToken, {
    select: failureGroupsFromWire,
    ...refreshWhileVisible(DASHBOARD_STATS_REFRESH_MS),
    placeholderData: keepPreviousData,
  });
  return { groups, filterError: request.error };
}
