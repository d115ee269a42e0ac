import { describe, expect, it } from "vitest";
import {
  FilterSyntaxError,
  filters,
  formatFilters,
  parseFilterDurationMs,
  parseFilterTimestampMs,
  parseFilters,
} from "./filters";

describe("parseFilters", () => {
  it("reads expressions joined with +", () => {
    expect(parseFilters("eq(phase,FAILED)+gte(execution_created_at,2024-05-01T00:00:00Z)")).toEqual([
      { fn: "eq", field: "phase", values: ["FAILED"] },
      { fn: "gte", field: "execution_created_at", values: ["2024-05-01T00:00:00Z"] },
    ]);
  });

  it("splits value_in lists on ; and keeps entity prefixes", () => {
    expect(parseFilters("value_in(phase,RUNNING;QUEUED)+eq(workflow.name,core.flow)")).toEqual([
      { fn: "value_in", field: "phase", values: ["RUNNING", "QUEUED"] },
      { fn: "eq", field: "workflow.name", values: ["core.flow"] },
    ]);
  });

  it("accepts one space after the comma, as FlyteAdmin does", () => {
    expect(parseFilters("contains(name, abc)")).toEqual([{ fn: "contains", field: "name", values: ["abc"] }]);
  });

  it("keeps a + inside a timestamp value", () => {
    expect(parseFilters("lt(execution_created_at,2024-05-01T00:00:00+02:00)+eq(user,ann)")).toEqual([
      { fn: "lt", field: "execution_created_at", values: ["2024-05-01T00:00:00+02:00"] },
      { fn: "eq", field: "user", values: ["ann"] },
    ]);
  });

  it("takes a space between expressions as the +, as an unescaped + in a URL query arrives", () => {
    expect(parseFilters("eq(phase,FAILED) eq(user,ann)")).toEqual([
      { fn: "eq", field: "phase", values: ["FAILED"] },
      { fn: "eq", field: "user", values: ["ann"] },
    ]);
    expect(parseFilters("contains(name, abc)")).toHaveLength(1);
  });

  it("treats an empty string as no filter", () => {
    expect(parseFilters("")).toEqual([]);
  });

  it.each([
    ["like(phase,FAILED)", /unrecognized filter function: like/],
    ["eq(phase)", /no value/],
    ["eq phase FAILED", /not of the form/],
    ["eq(phase,)", /empty value/],
    ["eq(phase,A;B)", /takes one value/],
    ["eq(ph ase,A)", /invalid field name/],
  ])("rejects %s", (source, message) => {
    expect(() => parseFilters(source)).toThrow(FilterSyntaxError);
    expect(() => parseFilters(source)).toThrow(message);
  });
});

describe("formatFilters", () => {
  it("writes what parseFilters reads", () => {
    const built = [
      filters.valueIn("phase", ["FAILED", "TIMED_OUT"]),
      filters.gte("execution_created_at", new Date("2024-05-01T00:00:00Z")),
      filters.eq("state", 0),
    ];
    const text = formatFilters(built);
    expect(text).toBe("value_in(phase,FAILED;TIMED_OUT)+gte(execution_created_at,2024-05-01T00:00:00.000Z)+eq(state,0)");
    expect(parseFilters(text)).toEqual(built);
  });

  it("refuses values the syntax cannot carry", () => {
    expect(() => filters.eq("name", "a;b")).toThrow(FilterSyntaxError);
    expect(() => filters.valueIn("phase", [])).toThrow(FilterSyntaxError);
  });
});

describe("value readers", () => {
  it("reads durations as seconds or Go durations", () => {
    expect(parseFilterDurationMs("90")).toBe(90_000);
    expect(parseFilterDurationMs("1.5")).toBe(1500);
    expect(parseFilterDurationMs("1h30m")).toBe(5_400_000);
    expect(parseFilterDurationMs("250ms")).toBe(250);
    expect(parseFilterDurationMs("soon")).toBeUndefined();
  });

  it("reads RFC 3339 timestamps, nanoseconds included", () => {
    expect(parseFilterTimestampMs("2024-05-01T00:00:00Z")).toBe(Date.UTC(2024, 4, 1));
    expect(parseFilterTimestampMs("2024-05-01T02:00:00.123456789+02:00")).toBe(Date.UTC(2024, 4, 1, 0, 0, 0, 123));
    expect(parseFilterTimestampMs("yesterday")).toBeUndefined();
    expect(parseFilterTimestampMs("2024-05-01")).toBeUndefined();
  });
});
