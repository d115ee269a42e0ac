// Counts of executions by time bucket and phase, read from FlyteAdmin on the server: the browser
// gets a few hundred bytes instead of paging through thousands of executions itself.
import { create } from "@bufbuild/protobuf";
import { ResourceListRequestSchema, Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import { filters as f, formatFilters, parseFilters } from "@/lib/flyte/filters";
import { StatsAccumulator, type ChartWindow, type RawStats } from "@/lib/flyte/dashboard/stats";
import { timestampMs } from "@/lib/flyte/time";
import type { Upstream } from "../upstream";

export const STATS_PAGE_SIZE = 500;
/** The most executions one scan reads (40 pages); beyond it the chart says its oldest buckets are incomplete. */
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

export async function scanStats(
  up: Pick<Upstream, "admin" | "config">,
  headers: Headers,
  req: StatsRequest,
  signal?: AbortSignal,
  maxScan = STATS_MAX_SCAN,
): Promise<RawStats> {
  const acc = new StatsAccumulator(req.window);
  const filters = scanFilters(req);
  let token = "";
  let scanned = 0;
  do {
    const page = await up.admin.listExecutions(
      create(ResourceListRequestSchema, {
        id: { project: req.project, domain: req.domain },
        limit: Math.min(STATS_PAGE_SIZE, maxScan - scanned),
        token,
        filters,
        sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
      }),
      { headers, signal, timeoutMs: up.config.deadlineMs },
    );
    for (const e of page.executions) acc.add(timestampMs(e.closure?.createdAt), e.closure?.phase ?? 0);
    scanned += page.executions.length;
    token = page.executions.length > 0 ? page.token : "";
  } while (token && scanned < maxScan);
  return acc.raw(token !== "");
}
