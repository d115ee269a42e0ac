import { describe, expect, it } from "vitest";
import { nextPollDelay } from "./execution-watch";

const options = { intervalMs: 750, maxBackoffMs: 15_000 };

describe("nextPollDelay", () => {
  it("starts polls an interval apart: a poll that took 300 ms is followed by 450 ms, not 750", () => {
    expect(nextPollDelay(options, 0, 300)).toBe(450);
    expect(nextPollDelay(options, 0, 0)).toBe(750);
  });

  it("still pauses a third of the interval after a poll slower than the interval", () => {
    expect(nextPollDelay(options, 0, 2_000)).toBe(250);
  });

  it("backs off after failures, up to the maximum", () => {
    expect(nextPollDelay(options, 1, 10)).toBe(1_500);
    expect(nextPollDelay(options, 3, 10)).toBe(6_000);
    expect(nextPollDelay(options, 10, 10)).toBe(15_000);
  });
});
