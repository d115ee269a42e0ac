import { describe, expect, it } from "vitest";
import { durationMs, formatDuration, formatRelative, formatTimestampUtc, timestampMs } from "./time";

describe("durations", () => {
  it("formats each scale so a person can compare at a glance", () => {
    expect(formatDuration(850)).toBe("850ms");
    expect(formatDuration(12_400)).toBe("12s");
    expect(formatDuration(184_000)).toBe("3m 04s");
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe("2h 05m");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
    expect(formatDuration(-2_000)).toBe("-2s");
    expect(formatDuration(undefined)).toBe("—");
  });

  it("reads protobuf durations and timestamps, treating the zero time as unset", () => {
    expect(durationMs({ seconds: 3n, nanos: 500_000_000 } as never)).toBe(3_500);
    expect(timestampMs({ seconds: 1_700_000_000n, nanos: 250_000_000 } as never)).toBe(1_700_000_000_250);
    expect(timestampMs({ seconds: 0n, nanos: 0 } as never)).toBeUndefined();
  });

  it("prints UTC timestamps and relative times", () => {
    expect(formatTimestampUtc(Date.UTC(2026, 10, 23, 12, 4, 5))).toBe("2026-11-23 12:04:05 UTC");
    expect(formatRelative(1_000_000 - 5 * 60_000, 1_000_000)).toBe("5 minutes ago");
  });
});
