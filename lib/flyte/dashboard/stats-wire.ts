// The dashboard's counts as ConsoleService.GetDashboardStats carries them (phase numbers, Timestamps,
// a bucket enum), and back into the chart's shape (phase names, milliseconds). Pure.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  ChartBucket,
  ChartWindowSchema,
  GetDashboardStatsResponseSchema,
  PhaseCountSchema,
  type ChartWindow as WireWindow,
  type GetDashboardStatsResponse,
  type PhaseCount,
} from "@/lib/gen/flyteconsole/v1/console_pb";
import { timestampMs } from "../time";
import { DAY_MS, HOUR_MS, namedStats, type ChartWindow, type ExecutionStats, type PhaseNumberCounts, type RawStats } from "./stats";

const BUCKET_MS: Partial<Record<ChartBucket, number>> = { [ChartBucket.HOUR]: HOUR_MS, [ChartBucket.DAY]: DAY_MS };

export function windowToWire(w: ChartWindow): WireWindow {
  return create(ChartWindowSchema, {
    start: timestampFromMs(w.fromMs),
    end: timestampFromMs(w.toMs),
    bucket: w.bucketMs === HOUR_MS ? ChartBucket.HOUR : w.bucketMs === DAY_MS ? ChartBucket.DAY : ChartBucket.UNSPECIFIED,
  });
}

/** The window as sent; missing parts become NaN or 0, which invalidWindow refuses with a message. */
export function windowFromWire(w: WireWindow | undefined): ChartWindow {
  return {
    fromMs: timestampMs(w?.start) ?? Number.NaN,
    toMs: timestampMs(w?.end) ?? Number.NaN,
    bucketMs: BUCKET_MS[w?.bucket ?? ChartBucket.UNSPECIFIED] ?? 0,
  };
}

const countsToWire = (counts: PhaseNumberCounts): PhaseCount[] =>
  [...counts].sort(([a], [b]) => a - b).map(([phase, count]) => create(PhaseCountSchema, { phase, count }));

const countsFromWire = (counts: PhaseCount[]): PhaseNumberCounts => new Map(counts.map((c) => [c.phase as number, c.count]));

export function statsToWire(raw: RawStats): GetDashboardStatsResponse {
  return create(GetDashboardStatsResponseSchema, {
    window: windowToWire(raw.window),
    buckets: raw.buckets.map((b) => ({ start: timestampFromMs(b.startMs), counts: countsToWire(b.counts) })),
    totals: countsToWire(raw.totals),
    scanned: raw.scanned,
    truncated: raw.truncated,
    coveredFrom: raw.coveredFromMs === undefined ? undefined : timestampFromMs(raw.coveredFromMs),
  });
}

export function statsFromWire(res: GetDashboardStatsResponse): ExecutionStats {
  return namedStats({
    window: windowFromWire(res.window),
    buckets: res.buckets.map((b) => ({ startMs: timestampMs(b.start) ?? 0, counts: countsFromWire(b.counts) })),
    totals: countsFromWire(res.totals),
    scanned: res.scanned,
    truncated: res.truncated,
    coveredFromMs: timestampMs(res.coveredFrom),
  });
}
