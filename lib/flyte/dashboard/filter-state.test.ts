import { describe, expect, it } from "vitest";
import { parseFilters } from "../filters";
import {
  DEFAULT_FILTERS,
  formatDurationParam,
  hasActiveFilters,
  parseDashboardQuery,
  stableNow,
  toAdminFilters,
  writeDashboardQuery,
  type DashboardFilters,
} from "./filter-state";

const NOW = Date.parse("2024-05-10T12:34:56Z");

describe("dashboard filters in the URL", () => {
  it("reads every filter a person can set", () => {
    const f = parseDashboardQuery(
      "phase=FAILED&phase=timed_out&since=24h&minDuration=90&maxDuration=1h&workflow=etl.daily.ingest_events_wf" +
        "&version=v1&tag=nightly&tag=prod&user=ada%40flyte.example&archived=include&sort=duration&order=asc&node=n0",
    );
    expect(f).toEqual<DashboardFilters>({
      phases: ["FAILED", "TIMED_OUT"],
      since: "24h",
      from: undefined,
      to: undefined,
      minDurationMs: 90_000,
      maxDurationMs: 3_600_000,
      workflow: "etl.daily.ingest_events_wf",
      launchPlan: undefined,
      version: "v1",
      tags: ["nightly", "prod"],
      user: "ada@flyte.example",
      archived: "include",
      sort: { key: "duration", ascending: true },
    });
  });

  it("drops what it cannot read instead of failing the page", () => {
    const f = parseDashboardQuery("phase=EXPLODED&phase=&since=3w&from=yesterday&minDuration=-5&archived=maybe&sort=rm+-rf");
    expect(f).toEqual({ ...DEFAULT_FILTERS, since: undefined, from: undefined, to: undefined, minDurationMs: undefined, maxDurationMs: undefined, workflow: undefined, launchPlan: undefined, version: undefined, user: undefined });
    expect(hasActiveFilters(f)).toBe(false);
  });

  it("accepts comma-separated phases, as people type them", () => {
    expect(parseDashboardQuery("phase=failed,RUNNING,failed").phases).toEqual(["FAILED", "RUNNING"]);
  });

  it("ignores an absolute range that ends before it starts", () => {
    const f = parseDashboardQuery("from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z");
    expect(f.from).toBe(Date.parse("2024-05-02T00:00:00Z"));
    expect(f.to).toBeUndefined();
  });

  it("round-trips through the URL and leaves other keys alone", () => {
    const f = parseDashboardQuery(
      "phase=FAILED&from=2024-05-01T00:00:00.000Z&to=2024-05-02T00:00:00.000Z&launchPlan=lp&tag=a&archived=only&sort=execution_name",
    );
    const q = writeDashboardQuery(f, "launch=1&phase=RUNNING");
    expect(q.get("launch")).toBe("1");
    expect(q.getAll("phase")).toEqual(["FAILED"]);
    expect(parseDashboardQuery(q)).toEqual(f);
  });

  it("writes nothing for the defaults, so the plain dashboard URL stays plain", () => {
    expect(writeDashboardQuery(DEFAULT_FILTERS).toString()).toBe("");
  });

  it("writes durations the way FlyteAdmin reads them back", () => {
    expect(formatDurationParam(90_000)).toBe("1m30s");
    expect(formatDurationParam(3_600_000)).toBe("1h");
    expect(formatDurationParam(250)).toBe("250ms");
    expect(parseDashboardQuery(writeDashboardQuery({ ...DEFAULT_FILTERS, minDurationMs: 5_430_000 })).minDurationMs).toBe(5_430_000);
  });
});

describe("dashboard filters as a FlyteAdmin filters string", () => {
  it("hides archived runs explicitly by default", () => {
    expect(toAdminFilters(DEFAULT_FILTERS, NOW)).toBe("eq(state,0)");
  });

  it("writes FAILED runs of one workflow in the last day", () => {
    const f = parseDashboardQuery("phase=FAILED&workflow=wf.a&since=24h");
    expect(toAdminFilters(f, NOW)).toBe("eq(phase,FAILED)+gte(created_at,2024-05-09T12:34:56.000Z)+eq(workflow.name,wf.a)+eq(state,0)");
  });

  it("writes every filter in a form the filter parser accepts", () => {
    const f = parseDashboardQuery(
      "phase=FAILED&phase=TIMED_OUT&from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&minDuration=90&maxDuration=2h" +
        "&launchPlan=lp&version=v2&tag=a&tag=b&user=ada&archived=include",
    );
    const s = toAdminFilters(f, NOW);
    expect(parseFilters(s)).toEqual([
      { fn: "value_in", field: "phase", values: ["FAILED", "TIMED_OUT"] },
      { fn: "gte", field: "created_at", values: ["2024-05-01T00:00:00.000Z"] },
      { fn: "lt", field: "created_at", values: ["2024-05-02T00:00:00.000Z"] },
      { fn: "gte", field: "duration", values: ["90"] },
      { fn: "lte", field: "duration", values: ["7200"] },
      { fn: "eq", field: "launch_plan.name", values: ["lp"] },
      { fn: "eq", field: "launch_plan.version", values: ["v2"] },
      { fn: "value_in", field: "admin_tag.name", values: ["a", "b"] },
      { fn: "eq", field: "user", values: ["ada"] },
      { fn: "value_in", field: "state", values: ["0", "1"] },
    ]);
  });

  it("filters the version of the workflow when no launch plan is chosen", () => {
    expect(toAdminFilters(parseDashboardQuery("version=v9"), NOW)).toContain("eq(workflow.version,v9)");
  });

  it("shows only archived runs when asked", () => {
    expect(toAdminFilters(parseDashboardQuery("archived=only"), NOW)).toBe("eq(state,1)");
  });

  it("can leave out the phase and the time, for the counts and the chart", () => {
    const f = parseDashboardQuery("phase=FAILED&since=7d&user=ada");
    expect(toAdminFilters(f, NOW, { omitPhase: true, omitTime: true })).toBe("eq(user,ada)+eq(state,0)");
  });

  it("refuses a value FlyteAdmin's syntax cannot carry", () => {
    expect(() => toAdminFilters(parseDashboardQuery("workflow=a;b"), NOW)).toThrow(/cannot contain/);
  });

  it("keeps relative windows stable for a minute, so requests are cached", () => {
    const a = toAdminFilters(parseDashboardQuery("since=1h"), stableNow(NOW));
    const b = toAdminFilters(parseDashboardQuery("since=1h"), stableNow(NOW + 3_000));
    expect(a).toBe(b);
  });
});
