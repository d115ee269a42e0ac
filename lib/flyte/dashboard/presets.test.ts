import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, hasActiveFilters, parseDashboardQuery } from "./filter-state";
import { durationBoundsOf, durationPresetOf, filterChips, sortOptionOf, SORT_OPTIONS } from "./presets";

describe("filter bar presets", () => {
  it("maps duration presets to bounds and back, and calls other bounds custom", () => {
    for (const id of ["lt1m", "1to10m", "10to60m", "gt1h"]) expect(durationPresetOf(durationBoundsOf(id))).toBe(id);
    expect(durationPresetOf({})).toBe("");
    expect(durationPresetOf({ minDurationMs: 5_000 })).toBe("custom");
  });

  it("finds the sort option of a URL and falls back to newest first", () => {
    expect(sortOptionOf(parseDashboardQuery("sort=duration").sort)).toBe("longest");
    expect(sortOptionOf(parseDashboardQuery("sort=execution_name&order=asc").sort)).toBe("name");
    expect(new Set(SORT_OPTIONS.map((o) => o.id)).size).toBe(SORT_OPTIONS.length);
  });
});

describe("filter chips", () => {
  const f = parseDashboardQuery(
    "phase=FAILED&from=2024-05-03T00:00:00Z&to=2024-05-04T00:00:00Z&minDuration=1m&workflow=wf&tag=a&tag=b&user=ada&archived=include",
  );
  const chips = filterChips(f, (n) => n.toLowerCase());

  it("shows every filter in effect, in words", () => {
    expect(chips.map((c) => c.label)).toEqual([
      "Phase: failed",
      "2024-05-03 00:00 – 2024-05-04 00:00 UTC",
      "Duration ≥ 1m",
      "Workflow: wf",
      "Tag: a",
      "Tag: b",
      "Launched by: ada",
      "Including archived",
    ]);
  });

  it("removes exactly one filter per chip, and all of them leave none", () => {
    expect(chips.find((c) => c.id === "tag:a")!.without.tags).toEqual(["b"]);
    const cleared = chips.reduce((acc, c) => filterChips(acc, String).find((x) => x.id === c.id)!.without, f);
    expect(hasActiveFilters(cleared)).toBe(false);
    expect(filterChips(DEFAULT_FILTERS, String)).toEqual([]);
  });
});
