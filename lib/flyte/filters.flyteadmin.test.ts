import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FilterSyntaxError, filters, formatFilters, supersetFilter, type FilterExpression } from "./filters";

/**
 * FlyteAdmin's reading of a filters string (flyteadmin/pkg/manager/impl/util/filters.go ParseFilters): split on
 * every "+", match each part with the unanchored `(.+)\((.+),\s?(.+)\)` (Go's RE2 is leftmost-first and greedy
 * like JavaScript's here; `.` stops at "\n"), then split the value on ";".
 */
function flyteAdminReads(text: string): { fn: string; field: string; values: string[] }[] | "InvalidArgument" {
  const out = [];
  for (const part of text.split("+")) {
    const m = /(.+)\((.+),\s?(.+)\)/.exec(part);
    if (!m) return "InvalidArgument";
    out.push({ fn: m[1], field: m[2], values: m[3].split(";") });
  }
  return out;
}

const asRead = (e: FilterExpression) => ({ fn: e.fn, field: e.field, values: e.values });

describe("filter values FlyteAdmin would read differently", () => {
  it.each([
    ["a version with +", "1.0+g123"],
    ["a user with +", "a+b@x.com"],
    ["a name with )+", "wf)+eq(state,1"],
    ["a comma", "a,b"],
    ["a line break", "a\nb"],
    ["a ;", "a;b"],
    ["nothing", ""],
  ])("are refused, never sent: %s", (_, value) => {
    expect(() => formatFilters([filters.eq("workflow.version", value)])).toThrow(FilterSyntaxError);
  });

  it("say why in the message", () => {
    expect(() => filters.eq("user", "a+b@x.com")).toThrow(/FlyteAdmin's filter syntax cannot carry "\+"/);
  });

  it("keep a leading space (FlyteAdmin eats one space after the comma)", () => {
    const text = formatFilters([filters.eq("user", " x")]);
    expect(flyteAdminReads(text)).toEqual([{ fn: "eq", field: "user", values: [" x"] }]);
  });

  it("reach FlyteAdmin exactly as written, or not at all (any string)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("eq", "contains", "value_in") , (value, fn) => {
        let text: string;
        try {
          text = formatFilters([fn === "value_in" ? filters.valueIn("name", [value, "b"]) : filters[fn]("name", value), filters.eq("state", 0)]);
        } catch (err) {
          expect(err).toBeInstanceOf(FilterSyntaxError);
          return;
        }
        expect(flyteAdminReads(text)).toEqual([{ fn, field: "name", values: fn === "value_in" ? [value, "b"] : [value] }, { fn: "eq", field: "state", values: ["0"] }]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("supersetFilter", () => {
  it("sends an expressible value as it is", () => {
    expect(supersetFilter("eq", "workflow.version", "v1")).toEqual({ expression: filters.eq("workflow.version", "v1"), exact: true });
  });

  it("asks for the longest piece FlyteAdmin can carry, with contains, and says it is not exact", () => {
    const s = supersetFilter("eq", "workflow.version", "1.0+g1234");
    expect(s.exact).toBe(false);
    expect(s.expression && asRead(s.expression)).toEqual({ fn: "contains", field: "workflow.version", values: ["g1234"] });
  });

  it("leaves LIKE's escape character out of contains (a \\ would narrow the match)", () => {
    const s = supersetFilter("contains", "workflow.name", "ab\\cde");
    expect(s.exact).toBe(false);
    expect(s.expression?.values).toEqual(["cde"]);
  });

  it("sends nothing when no piece is left", () => {
    expect(supersetFilter("eq", "user", "+;")).toEqual({ expression: undefined, exact: false });
  });
});
