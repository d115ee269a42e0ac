// The project dashboard's data: the executions list request for its filters, and the counts by
// day and phase from the console's stats endpoint (app/api/dashboard/stats).
import { Code, ConnectError } from "@connectrpc/connect";
import { codeFromString } from "@connectrpc/connect/protocol-connect";
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { base64Decode, base64Encode } from "@bufbuild/protobuf/wire";
import { ResourceListRequestSchema, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { ExecutionListSchema, type ExecutionList } from "@/lib/gen/flyteidl/admin/execution_pb";
import { toAdminFilters, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import type { ChartWindow, ExecutionStats } from "@/lib/flyte/dashboard/stats";
import { withBasePath } from "@/lib/flyte/urls";
import { executionListRequest } from "./executions";

export const STATS_PATH = "/api/dashboard/stats";

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
  /** FlyteAdmin filters without phase and time: the endpoint adds the window. */
  filters: string;
  window: ChartWindow;
}

export const dashboardKeys = {
  all: ["dashboard"] as const,
  stats: (q: StatsQuery) => ["dashboard", "stats", q.project, q.domain, q.filters, q.window.fromMs, q.window.toMs, q.window.bucketMs] as const,
};

export function statsUrl(q: StatsQuery): string {
  const params = new URLSearchParams({
    project: q.project,
    domain: q.domain,
    filters: q.filters,
    from: String(q.window.fromMs),
    to: String(q.window.toMs),
    bucket: String(q.window.bucketMs),
  });
  return withBasePath(`${STATS_PATH}?${params}`);
}

export async function fetchExecutionStats(q: StatsQuery, signal?: AbortSignal): Promise<ExecutionStats> {
  const res = await fetch(statsUrl(q), { signal, headers: { accept: "application/json" } });
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = (body ?? {}) as { code?: string; message?: string };
    // The response's headers go along as the error's metadata (the BFF's sign-in URL among them).
    throw new ConnectError(err.message ?? `stats request failed with HTTP ${res.status}`, codeFromString(err.code ?? "") ?? Code.Unknown, res.headers);
  }
  return body as ExecutionStats;
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
