// Pages of a project domain's executions read on the server, newest first, up to a cap: the browser
// gets a few hundred bytes (counts, groups) instead of paging through thousands of executions itself.
import { create } from "@bufbuild/protobuf";
import { ResourceListRequestSchema, Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { filters as f, formatFilters, parseFilters } from "@/lib/flyte/filters";
import { StatsAccumulator, type ChartWindow, type RawStats } from "@/lib/flyte/dashboard/stats";
import { timestampMs } from "@/lib/flyte/time";
import type { Upstream } from "../upstream";

export const STATS_PAGE_SIZE = 500;
/** The most executions one scan reads (40 pages); beyond it the answer says where it stopped. */
export const STATS_MAX_SCAN = 20_000;

export interface StatsRequest {
  project: string;
  domain: string;
  filters: string;
  window: ChartWindow;
}

/** The FlyteAdmin filters of one scan: the caller's plus the window on created_at (throws FilterSyntaxError). */
export function scanFilters(req: StatsRequest): string {
  const window = [f.gte("created_at", new Date(req.window.fromMs)), f.lt("created_at", new Date(req.window.toMs))];
  return formatFilters([...parseFilters(req.filters), ...window]);
}

/**
 * Hands every execution matching `filters` to `each`, newest first, in pages of STATS_PAGE_SIZE, until
 * the list ends or `maxScan` were read. Returns how many were read and whether it stopped at the cap.
 */
export async function pageExecutions(
  up: Pick<Upstream, "admin" | "config">,
  headers: Headers,
  scope: { project: string; domain: string; filters: string },
  each: (e: Execution) => void,
  signal?: AbortSignal,
  maxScan = STATS_MAX_SCAN,
): Promise<{ scanned: number; truncated: boolean }> {
  let token = "";
  let scanned = 0;
  do {
    const page = await up.admin.listExecutions(
      create(ResourceListRequestSchema, {
        id: { project: scope.project, domain: scope.domain },
        limit: Math.min(STATS_PAGE_SIZE, maxScan - scanned),
        token,
        filters: scope.filters,
        sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
      }),
      { headers, signal, timeoutMs: up.config.deadlineMs },
    );
    for (const e of page.executions) each(e);
    scanned += page.executions.length;
    token = page.executions.length > 0 ? page.token : "";
  } while (token && scanned < maxScan);
  return { scanned, truncated: token !== "" };
}

export async function scanStats(
  up: Pick<Upstream, "admin" | "config">,
  headers: Headers,
  req: StatsRequest,
  signal?: AbortSignal,
  maxScan = STATS_MAX_SCAN,
): Promise<RawStats> {
  const acc = new StatsAccumulator(req.window);
  const { truncated } = await pageExecutions(
    up,
    headers,
    { project: req.project, domain: req.domain, filters: scanFilters(req) },
    (e) => acc.add(timestampMs(e.closure?.createdAt), e.closure?.phase ?? 0),
    signal,
    maxScan,
  );
  return acc.raw(truncated);
}
