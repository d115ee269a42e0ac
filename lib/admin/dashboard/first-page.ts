// The dashboard's first page of executions, fetched while the server renders its route so the
// table's rows come with the HTML. Best effort: on any failure the browser fetches it itself.
import { headers } from "next/headers";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import type { ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { ExecutionListSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { parseDashboardQuery, stableNow } from "@/lib/flyte/dashboard/filter-state";
import { opaqueFrom } from "@/lib/protobuf/opaque";
import { credentialsFor } from "../credentials";
import { upstream, type Upstream } from "../upstream";
import { dashboardListRequest, encodeFirstPage, type FirstPage } from "@/lib/query/dashboard";

/** A slow FlyteAdmin must not hold the page: past this, the browser asks instead. */
const SERVER_FETCH_MS = 1_000;

/**
 * ListExecutions' answer with FlyteAdmin's bytes handed on unparsed (lib/protobuf/opaque.ts): decoding 50
 * executions and encoding them again only to put them in the page took a cold server some 300 ms of CPU
 * (profiled at 10,000 executions), while the page's render decodes them once anyway.
 */
export async function fetchFirstPage(up: Upstream, request: ResourceListRequest, callerHeaders: Headers, timeoutMs = SERVER_FETCH_MS): Promise<FirstPage> {
  const method = AdminService.method.listExecutions;
  const res = await up.transport.unary({ ...method, output: EmptySchema }, undefined, timeoutMs, callerHeaders, request);
  return encodeFirstPage(request, opaqueFrom(ExecutionListSchema, res.message), Date.now());
}

export async function loadFirstPage(
  project: string,
  domain: string,
  search: Record<string, string | string[] | undefined>,
): Promise<FirstPage | undefined> {
  try {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(search)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) query.append(k, one);
    const request = dashboardListRequest(project, domain, parseDashboardQuery(query), stableNow(Date.now()));
    const up = upstream();
    const credentials = credentialsFor(await headers(), up.config);
    // Signed out: the browser's own request gets the Unauthenticated that sends it to sign in.
    if (!credentials.ok) return undefined;
    return await fetchFirstPage(up, request, credentials.headers);
  } catch {
    return undefined;
  }
}
