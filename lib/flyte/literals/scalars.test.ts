import { describe, expect, it } from "vitest";
import {
  formatDateTimeUtc,
  formatDurationExact,
  formatDurationSeconds,
  formatFloat,
  parseDateTime,
  parseDuration,
  parseFloatText,
  parseInteger,
} from "./scalars";

const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }) => (r.ok ? "ok" : r.message);

describe("integers", () => {
  it("keeps 64-bit values exact and rejects what is not a whole number", () => {
    expect(ok(parseInteger(" 9223372036854775807 "))).toBe(9223372036854775807n);
    expect(ok(parseInteger("-9223372036854775808"))).toBe(-(2n ** 63n));
    expect(ok(parseInteger("+42"))).toBe(42n);
    expect(message(parseInteger("9223372036854775808"))).toMatch(/between .* \(64-bit\)/);
    expect(message(parseInteger("1.5"))).toBe("must be a whole number");
    expect(message(parseInteger("12abc"))).toBe("must be a whole number");
    expect(message(parseInteger("1e3"))).toBe("must be a whole number");
    expect(message(parseInteger(""))).toBe("enter a whole number");
  });
});

describe("floats", () => {
  it("parses decimals, exponents and Python's nan/inf, and prints like Python", () => {
    expect(ok(parseFloatText("1.5e3"))).toBe(1500);
    expect(ok(parseFloatText(".5"))).toBe(0.5);
    expect(ok(parseFloatText("-inf"))).toBe(-Infinity);
    expect(Number.isNaN(ok(parseFloatText("NaN")))).toBe(true);
    expect(message(parseFloatText("1,5"))).toBe("must be a number");
    expect(message(parseFloatText("1e999"))).toMatch(/too large/);
    expect(formatFloat(3)).toBe("3.0");
    expect(formatFloat(0.1)).toBe("0.1");
    expect(formatFloat(-Infinity)).toBe("-inf");
    expect(ok(parseFloatText(formatFloat(2)))).toBe(2);
  });
});

describe("date-times", () => {
  it("reads an offset and keeps the instant (to the nanosecond)", () => {
    const v = ok(parseDateTime("2024-05-01T10:00:00+02:00"));
    expect(v).toEqual({ seconds: BigInt(Date.UTC(2024, 4, 1, 8) / 1000), nanos: 0 });
    expect(formatDateTimeUtc(v)).toBe("2024-05-01T08:00:00Z");
    const precise = ok(parseDateTime("2024-05-01T08:00:00.123456789Z"));
    expect(precise.nanos).toBe(123_456_789);
    expect(formatDateTimeUtc(precise)).toBe("2024-05-01T08:00:00.123456789Z");
    expect(ok(parseDateTime("2024-05-01 05:30-0230"))).toEqual(ok(parseDateTime("2024-05-01T08:00Z")));
  });

  it("insists on a time zone and a real calendar date", () => {
    expect(message(parseDateTime("2024-05-01T10:00:00"))).toMatch(/^add a time zone/);
    expect(message(parseDateTime("2024-02-30T10:00:00Z"))).toMatch(/^not a valid date-time with time zone/);
    expect(message(parseDateTime("2023-02-29T00:00:00Z"))).toMatch(/^not a valid date-time/);
    expect(ok(parseDateTime("2024-02-29T00:00:00Z")).seconds).toBe(BigInt(Date.UTC(2024, 1, 29) / 1000));
    expect(message(parseDateTime("yesterday"))).toMatch(/^not a valid date-time with time zone/);
    expect(message(parseDateTime("0001-01-01T00:30:00+01:00"))).toMatch(/0001 and 9999/);
  });

  it("handles the first years of the calendar (no 19xx surprise from Date.UTC)", () => {
    const v = ok(parseDateTime("0050-01-01T00:00:00Z"));
    expect(formatDateTimeUtc(v)).toBe("0050-01-01T00:00:00Z");
  });
});

describe("durations", () => {
  const ns = (text: string) => {
    const v = ok(parseDuration(text));
    return v.seconds * 1_000_000_000n + BigInt(v.nanos);
  };

  it("reads Go/Flyte style and ISO 8601, negative included", () => {
    expect(ns("-1h30m")).toBe(-5_400_000_000_000n);
    expect(ns("1h 30m")).toBe(5_400_000_000_000n);
    expect(ns("-PT1H30M")).toBe(-5_400_000_000_000n);
    expect(ns("P1DT2H")).toBe(26n * 3_600_000_000_000n);
    expect(ns("1.5s")).toBe(1_500_000_000n);
    expect(ns("250ms")).toBe(250_000_000n);
    expect(ns("3us")).toBe(3_000n);
    expect(ns("2d")).toBe(172_800_000_000_000n);
    expect(ns("-5400.5s")).toBe(-5_400_500_000_000n);
  });

  it("keeps seconds and nanos the same sign, as google.protobuf.Duration requires", () => {
    expect(ok(parseDuration("-1.25s"))).toEqual({ seconds: -1n, nanos: -250_000_000 });
  });

  it("explains what is wrong", () => {
    expect(message(parseDuration("90"))).toMatch(/^add a unit/);
    expect(message(parseDuration("P1M"))).toMatch(/months have no fixed length/);
    expect(message(parseDuration("1x"))).toMatch(/^not a valid duration/);
    expect(message(parseDuration("PT"))).toMatch(/^not a valid duration/);
    expect(message(parseDuration("0.5ns"))).toMatch(/^not a valid duration/);
    expect(message(parseDuration("400000000000s"))).toMatch(/10,000 years/);
  });

  it("prints exactly and re-parses to the same value", () => {
    for (const text of ["-1h30m", "2d3h4m5.000000006s", "250ms", "-3us", "7ns", "0s", "1m0.5s"]) {
      const v = ok(parseDuration(text));
      expect(ns(formatDurationExact(v))).toBe(ns(text));
    }
    expect(formatDurationExact({ seconds: -5400n, nanos: 0 })).toBe("-1h30m");
    expect(formatDurationSeconds({ seconds: -5400n, nanos: -500_000_000 })).toBe("-5400.5s");
  });
});
