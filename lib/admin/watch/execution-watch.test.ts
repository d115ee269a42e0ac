import { describe, expect, it } from "vitest";
import { nextPollDelay, QUIET_POLLS_BEFORE_SLOWING } from "./execution-watch";

const options = { intervalMs: 500, idleIntervalMs: 2_000, maxBackoffMs: 15_000 };

describe("nextPollDelay", () => {
  it("starts polls an interval apart: a poll that took 200 ms is followed by 300 ms, not 500", () => {
    expect(nextPollDelay(options, 0, 200)).toBe(300);
    expect(nextPollDelay(options, 0, 0)).toBe(500);
  });

  it("still pauses a third of the interval after a poll slower than the interval", () => {
    expect(nextPollDelay(options, 0, 2_000)).toBeCloseTo(500 / 3);
  });

  it("asks less often while polls find nothing, doubling up to the idle interval, and at the interval again after news", () => {
    const after = (quiet: number) => nextPollDelay(options, 0, 0, quiet);
    // A few quiet polls are normal between a running task's events: no slowing yet.
    for (let q = 0; q < QUIET_POLLS_BEFORE_SLOWING; q++) expect(after(q)).toBe(500);
    expect(after(QUIET_POLLS_BEFORE_SLOWING)).toBe(1_000);
    expect(after(QUIET_POLLS_BEFORE_SLOWING + 1)).toBe(2_000);
    expect(after(QUIET_POLLS_BEFORE_SLOWING + 50)).toBe(2_000);
    // The loop resets its count on news (execution-watch.ts), which is the interval again.
    expect(after(0)).toBe(500);
  });

  it("never polls faster than the interval, even when the idle interval is set below it", () => {
    expect(nextPollDelay({ ...options, intervalMs: 5_000 }, 0, 0, 100)).toBe(5_000);
  });

  it("backs off after failures, up to the maximum", () => {
    expect(nextPollDelay(options, 1, 10)).toBe(1_000);
    expect(nextPollDelay(options, 3, 10)).toBe(4_000);
    expect(nextPollDelay(options, 10, 10)).toBe(15_000);
  });
});
