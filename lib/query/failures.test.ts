import { describe, expect, it } from "vitest";
import { timestampMs } from "@/lib/flyte/time";
import { DEFAULT_FILTERS } from "@/lib/flyte/dashboard/filter-state";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { failureGroupsRequest } from "./failures";

const NOW = Date.UTC(2026, 5, 1, 12);

describe("failureGroupsRequest", () => {
  it("sends the dashboard's filters without phase or time, and the window as start and end", () => {
    const req = failureGroupsRequest("p", "d", { ...DEFAULT_FILTERS, phases: ["SUCCEEDED"], since: "24h", workflow: "etl" }, NOW);
    expect(req.filters).toBe("contains(workflow.name,etl)+eq(state,0)");
    expect(timestampMs(req.start)).toBe(NOW - 86_400_000);
    expect(req.end).toBeUndefined();

    const range = failureGroupsRequest("p", "d", { ...DEFAULT_FILTERS, from: NOW - 7_200_000, to: NOW - 3_600_000 }, NOW);
    expect([timestampMs(range.start), timestampMs(range.end)]).toEqual([NOW - 7_200_000, NOW - 3_600_000]);

    const always = failureGroupsRequest("p", "d", DEFAULT_FILTERS, NOW);
    expect([always.start, always.end]).toEqual([undefined, undefined]);
  });

  it("refuses a tag FlyteAdmin's filter syntax cannot carry, as the dashboard does", () => {
    expect(() => failureGroupsRequest("p", "d", { ...DEFAULT_FILTERS, tags: ["a,b"] }, NOW)).toThrow(FilterSyntaxError);
  });
});
