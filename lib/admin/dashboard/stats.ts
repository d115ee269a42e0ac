// ConsoleService.GetDashboardStats: the dashboard's counts, computed on the server. One computation
// pages through up to 40 ListExecutions, so it runs as a shared scan (./shared-scan.ts): same origin,
// a deadline, rationed per caller, and shared between identical requests.
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { GetDashboardStatsRequest, GetDashboardStatsResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { invalidWindow, type ChartWindow } from "@/lib/flyte/dashboard/stats";
import { statsToWire, windowFromWire } from "@/lib/flyte/dashboard/stats-wire";
import type { Upstream } from "../upstream";
import { scanFilters, scanStats, type StatsRequest } from "./collect";
import { SCAN_DEFAULTS, createSharedScan, type SharedScanOptions } from "./shared-scan";

export type DashboardStatsOptions = SharedScanOptions;
export const STATS_DEFAULTS = SCAN_DEFAULTS;

export type DashboardStatsHandler = (req: GetDashboardStatsRequest, ctx: HandlerContext) => Promise<GetDashboardStatsResponse>;

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/** The window in whole buckets, so that requests a minute apart share one computation. */
function normalisedWindow(w: ChartWindow): ChartWindow {
  if (!(w.bucketMs > 0)) return w;
  return { fromMs: floorTo(w.fromMs, w.bucketMs), toMs: ceilTo(w.toMs, w.bucketMs), bucketMs: w.bucketMs };
}

function readRequest(req: GetDashboardStatsRequest): { stats: StatsRequest; filters: string } {
  if (!req.project || !req.domain) throw new ConnectError("project and domain are required", Code.InvalidArgument);
  if (!req.window) throw new ConnectError("window is required (start, end and bucket)", Code.InvalidArgument);
  const window = normalisedWindow(windowFromWire(req.window));
  const bad = invalidWindow(window);
  if (bad) throw new ConnectError(`invalid window: ${bad}`, Code.InvalidArgument);
  const stats = { project: req.project, domain: req.domain, filters: req.filters, window };
  try {
    return { stats, filters: scanFilters(stats) };
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new ConnectError(`invalid filters: ${err.message}`, Code.InvalidArgument);
    throw err;
  }
}

export function createDashboardStats(up: Upstream, opts: Partial<DashboardStatsOptions> = {}): DashboardStatsHandler {
  const scan = createSharedScan<GetDashboardStatsResponse>(
    up,
    { noun: "dashboard counts", whenSlow: "FlyteAdmin is slow or the window holds many executions; narrow the time range or the filters, or retry" },
    opts,
  );
  return (req, ctx) =>
    scan(ctx, () => {
      const { stats, filters } = readRequest(req);
      // The scan's filters hold the normalised window.
      return {
        key: ["stats", stats.project, stats.domain, filters, stats.window.bucketMs],
        run: (headers, signal) => scanStats(up, headers, stats, signal).then(statsToWire),
      };
    });
}
