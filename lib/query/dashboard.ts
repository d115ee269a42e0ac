// The project dashboard's data: the executions list request for its filters, and the counts by
// day and phase (ConsoleService.GetDashboardStats, computed by the BFF).
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { base64Decode, base64Encode } from "@bufbuild/protobuf/wire";
import { ResourceListRequestSchema, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { ExecutionListSchema, type ExecutionList } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ConsoleService, GetDashboardStatsRequestSchema, type GetDashboardStatsRequest } from "@/lib/gen/flyteconsole/v1/console_pb";
import { toAdminFilters, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import type { ChartWindow } from "@/lib/flyte/dashboard/stats";
import { windowToWire } from "@/lib/flyte/dashboard/stats-wire";
import { executionListRequest } from "./executions";

export const getDashboardStats = ConsoleService.method.getDashboardStats;

/** The dashboard table's first page for these filters (throws FilterSyntaxError for unusable values). */
export function dashboardListRequest(project: string, domain: string, filters: DashboardFilters, nowMs: number): ResourceListRequest {
  return executionListRequest(project, domain, toAdminFilters(filters, nowMs), {
    key: filters.sort.key,
    ascending: filters.sort.ascending,
  });
}

export interface StatsQuery {
  project: string;
  domain: string;
  /** FlyteAdmin filters without phase and time: the BFF adds the window. */
  filters: string;
  window: ChartWindow;
}

export function dashboardStatsRequest(q: StatsQuery): GetDashboardStatsRequest {
  return create(GetDashboardStatsRequestSchema, { project: q.project, domain: q.domain, filters: q.filters, window: windowToWire(q.window) });
}

/**
 * The table's first page as fetched by the server while rendering the route, so the rows arrive
 * with the HTML. Binary protobuf in base64: plain strings cross the server/client boundary.
 */
export interface FirstPage {
  /** The request it answers; the browser uses the page only when its own request is the same. */
  request: string;
  page: string;
  fetchedAt: number;
}

export function encodeFirstPage(request: ResourceListRequest, page: ExecutionList, fetchedAt: number): FirstPage {
  return {
    request: base64Encode(toBinary(ResourceListRequestSchema, request)),
    page: base64Encode(toBinary(ExecutionListSchema, page)),
    fetchedAt,
  };
}

/** The first page, when it answers exactly `request`. */
export function firstPageFor(first: FirstPage | undefined, request: ResourceListRequest | undefined): ExecutionList | undefined {
  if (!first || !request) return undefined;
  if (base64Encode(toBinary(ResourceListRequestSchema, request)) !== first.request) return undefined;
  try {
    return fromBinary(ExecutionListSchema, base64Decode(first.page));
  } catch {
    return undefined;
  }
}
