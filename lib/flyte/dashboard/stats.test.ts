import { describe, expect, it } from "vitest";
import { WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { DEFAULT_FILTERS, parseDashboardQuery } from "./filter-state";
import {
  DAY_MS,
  HOUR_MS,
  StatsAccumulator,
  bucketLabel,
  chartBars,
  chartWindow,
  groupCounts,
  invalidWindow,
  isGroupSelected,
  periodWords,
  COUNT_GROUPS,
} from "./stats";

const NOW = Date.parse("2024-05-10T12:34:56Z");
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe("the chart's window", () => {
  it("is the last 14 UTC days, today included, when no time filter is set", () => {
    const w = chartWindow(DEFAULT_FILTERS, NOW);
    expect(w).toEqual({ fromMs: day("2024-04-27"), toMs: day("2024-05-11"), bucketMs: DAY_MS });
  });

  it("uses hours for a day's range, so a clicked day can be drilled into", () => {
    const w = chartWindow(parseDashboardQuery("from=2024-05-03T00:00:00Z&to=2024-05-04T00:00:00Z"), NOW);
    expect(w).toEqual({ fromMs: day("2024-05-03"), toMs: day("2024-05-04"), bucketMs: HOUR_MS });
  });

  it("follows a relative preset", () => {
    const w = chartWindow(parseDashboardQuery("since=7d"), NOW);
    expect(w.bucketMs).toBe(DAY_MS);
    expect(w.fromMs).toBe(day("2024-05-03"));
    expect(w.toMs).toBe(day("2024-05-11"));
  });

  it("cuts a very long window to its recent part", () => {
    const w = chartWindow(parseDashboardQuery("from=2020-01-01T00:00:00Z"), NOW);
    expect((w.toMs - w.fromMs) / DAY_MS).toBe(90);
    expect(invalidWindow(w)).toBeUndefined();
  });

  it("refuses windows that came over the wire broken", () => {
    expect(invalidWindow({ fromMs: 0, toMs: DAY_MS, bucketMs: 1234 })).toMatch(/bucket/);
    expect(invalidWindow({ fromMs: DAY_MS, toMs: 0, bucketMs: DAY_MS })).toMatch(/after/);
    expect(invalidWindow({ fromMs: 0, toMs: 1000 * DAY_MS, bucketMs: DAY_MS })).toMatch(/at most/);
  });
});

describe("the period the counts cover, in words", () => {
  it("names the window's whole UTC days or hours, which is what the tiles count", () => {
    expect(periodWords(chartWindow(DEFAULT_FILTERS, NOW), NOW)).toBe("in the last 14 days (since Apr 27, UTC)");
    // "Last 7 days" counts from the start of the UTC day seven days ago: eight calendar days, today's part included.
    expect(periodWords(chartWindow(parseDashboardQuery("since=7d"), NOW), NOW)).toBe("in the last 8 days (since May 3, UTC)");
    expect(periodWords(chartWindow(parseDashboardQuery("since=24h"), NOW), NOW)).toBe("in the last 25 hours (since May 9 12:00 UTC)");
    expect(periodWords({ fromMs: day("2024-05-10"), toMs: day("2024-05-11"), bucketMs: DAY_MS }, NOW)).toBe("today (since May 10, UTC)");
    expect(periodWords({ fromMs: day("2024-05-10") + 12 * HOUR_MS, toMs: day("2024-05-10") + 13 * HOUR_MS, bucketMs: HOUR_MS }, NOW)).toBe(
      "this hour (since May 10 12:00 UTC)",
    );
  });

  it("gives a range that ended before now its two ends", () => {
    const w = chartWindow(parseDashboardQuery("from=2024-05-03T00:00:00Z&to=2024-05-04T00:00:00Z"), NOW);
    expect(periodWords(w, NOW)).toBe("between May 3 00:00 and May 4 00:00 UTC");
    expect(periodWords({ fromMs: day("2024-04-01"), toMs: day("2024-04-08"), bucketMs: DAY_MS }, NOW)).toBe("between Apr 1 and Apr 8 UTC");
  });
});

describe("counting executions", () => {
  const window = { fromMs: day("2024-05-08"), toMs: day("2024-05-11"), bucketMs: DAY_MS };

  function sample() {
    const acc = new StatsAccumulator(window);
    acc.add(day("2024-05-08") + 5, P.SUCCEEDED);
    acc.add(day("2024-05-08") + 6, P.FAILED);
    acc.add(day("2024-05-10") + 7, P.SUCCEEDED);
    acc.add(day("2024-05-10") + 8, P.SUCCEEDED);
    acc.add(day("2024-05-10") + 9, P.RUNNING);
    acc.add(day("2024-05-10") + 10, P.TIMED_OUT);
    acc.add(day("2024-05-07"), P.FAILED); // before the window
    acc.add(undefined, P.QUEUED);
    acc.add(day("2024-05-10") + 11, 99); // a phase from a newer FlyteAdmin
    return acc;
  }

  it("buckets by day and phase and totals what falls in the window", () => {
    const stats = sample().result(false);
    expect(stats.buckets.map((b) => b.counts)).toEqual([
      { SUCCEEDED: 1, FAILED: 1 },
      {},
      { SUCCEEDED: 2, RUNNING: 1, TIMED_OUT: 1, UNKNOWN: 1 },
    ]);
    expect(stats.scanned).toBe(9);
    expect(groupCounts(stats.totals)).toEqual({ running: 1, succeeded: 3, failed: 2, aborted: 0 });
  });

  it("marks bars older than a truncated scan as incomplete", () => {
    const acc = new StatsAccumulator(window);
    acc.add(day("2024-05-10") + 5, P.SUCCEEDED);
    acc.add(day("2024-05-09") + 3_600_000, P.SUCCEEDED);
    const bars = chartBars(acc.result(true));
    expect(bars.map((b) => b.incomplete)).toEqual([true, true, false]);
    expect(chartBars(acc.result(false)).some((b) => b.incomplete)).toBe(false);
  });

  it("draws bars relative to the tallest, succeeded at the bottom, and only the filtered phases", () => {
    const bars = chartBars(sample().result(false));
    expect(bars.map((b) => b.height)).toEqual([0.4, 0, 1]);
    expect(bars[2].segments.map((s) => s.phase)).toEqual(["SUCCEEDED", "TIMED_OUT", "RUNNING", "UNKNOWN"]);
    const failedOnly = chartBars(sample().result(false), ["FAILED", "TIMED_OUT"]);
    expect(failedOnly.map((b) => b.total)).toEqual([1, 0, 1]);
    expect(failedOnly[0].height).toBe(1);
  });

  it("labels buckets in UTC", () => {
    expect(bucketLabel(day("2024-05-03"), DAY_MS)).toBe("May 3");
    expect(bucketLabel(day("2024-05-03") + 14 * HOUR_MS, HOUR_MS)).toBe("14:00");
  });

  it("knows which tile the phase filter matches", () => {
    expect(isGroupSelected("failed", ["TIMED_OUT", "FAILED"])).toBe(true);
    expect(isGroupSelected("failed", ["FAILED"])).toBe(false);
    expect(COUNT_GROUPS.running.phases).toEqual(["QUEUED", "RUNNING", "SUCCEEDING", "FAILING", "ABORTING"]);
  });
});
