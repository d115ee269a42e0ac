// The dashboard's first page of executions, fetched while the server renders its route so the
// table's rows come with the HTML. Best effort: on any failure the browser fetches it itself.
import { headers } from "next/headers";
import { parseDashboardQuery, stableNow } from "@/lib/flyte/dashboard/filter-state";
import { credentialsFor } from "../credentials";
import { upstream } from "../upstream";
import { dashboardListRequest, encodeFirstPage, type FirstPage } from "@/lib/query/dashboard";

/** A slow FlyteAdmin must not hold the page: past this, the browser asks instead. */
const SERVER_FETCH_MS = 1_000;

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
    const page = await up.admin.listExecutions(request, {
      headers: credentials.headers,
      timeoutMs: SERVER_FETCH_MS,
    });
    return encodeFirstPage(request, page, Date.now());
  } catch {
    return undefined;
  }
}
