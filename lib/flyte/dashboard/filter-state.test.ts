import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { parseFilters } from "../filters";
import {
  DEFAULT_FILTERS,
  executionMatches,
  inexactFilters,
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
    expect(toAdminFilters(f, NOW)).toBe("eq(phase,FAILED)+gte(created_at,2024-05-09T12:34:56.000Z)+contains(workflow.name,wf.a)+eq(state,0)");
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
      { fn: "contains", field: "launch_plan.name", values: ["lp"] },
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

  it("never sends a value FlyteAdmin's syntax cannot carry: a piece of it, with contains", () => {
    expect(toAdminFilters(parseDashboardQuery("workflow=ab;c"), NOW)).toBe("contains(workflow.name,ab)+eq(state,0)");
  });

  it("keeps relative windows stable for a minute, so requests are cached", () => {
    const a = toAdminFilters(parseDashboardQuery("since=1h"), stableNow(NOW));
    const b = toAdminFilters(parseDashboardQuery("since=1h"), stableNow(NOW + 3_000));
    expect(a).toBe(b);
  });
});

describe("filters typed by a person", () => {
  const run = (wf: string, wfVersion: string, principal: string, lp = "lp", lpVersion = "v1") =>
    create(ExecutionSchema, {
      closure: { workflowId: { name: wf, version: wfVersion } },
      spec: { launchPlan: { name: lp, version: lpVersion }, metadata: { principal } },
    });

  it("match workflow and launch-plan names by part, as FlyteAdmin's contains does", () => {
    expect(toAdminFilters(parseDashboardQuery("workflow=ingest"), NOW)).toBe("contains(workflow.name,ingest)+eq(state,0)");
    expect(toAdminFilters(parseDashboardQuery("launchPlan=daily"), NOW)).toBe("contains(launch_plan.name,daily)+eq(state,0)");
    const keep = executionMatches(parseDashboardQuery("workflow=ingest"))!;
    expect(keep(run("etl.ingest_events", "v1", "ada"))).toBe(true);
    expect(keep(run("etl.Ingest_events", "v1", "ada"))).toBe(false);
  });

  it("ask for a version with + as a wider contains, then keep exactly that version", () => {
    const f = parseDashboardQuery("version=1.0%2Bg1234");
    expect(toAdminFilters(f, NOW)).toBe("contains(workflow.version,g1234)+eq(state,0)");
    expect(inexactFilters(f)).toEqual(["version"]);
    const keep = executionMatches(f)!;
    expect(keep(run("wf", "1.0+g1234", "ada"))).toBe(true);
    expect(keep(run("wf", "2.0+g1234", "ada"))).toBe(false);
  });

  it("ask for a user with + the same way, never as eq(user,a+b@x.com)", () => {
    const f = parseDashboardQuery("user=a%2Bb%40x.com");
    expect(toAdminFilters(f, NOW, { omitPhase: true, omitTime: true })).toBe("contains(user,b@x.com)+eq(state,0)");
    expect(executionMatches(f)!(run("wf", "v1", "a+b@x.com"))).toBe(true);
    expect(executionMatches(f)!(run("wf", "v1", "c+b@x.com"))).toBe(false);
  });

  it("say nothing is narrowed when every value went as it is", () => {
    expect(inexactFilters(parseDashboardQuery("version=v1&user=ada"))).toEqual([]);
    expect(executionMatches(DEFAULT_FILTERS)).toBeUndefined();
  });
});

describe("names picked as whole entities", () => {
  it("match exactly, and say so in the URL", () => {
    const f = parseDashboardQuery("workflow=wf.a&match=exact");
    expect(toAdminFilters(f, NOW)).toBe("eq(workflow.name,wf.a)+eq(state,0)");
    expect(writeDashboardQuery(f).toString()).toBe("workflow=wf.a&match=exact");
  });
});

describe("LIKE wildcards in a typed name", () => {
  it("are narrowed without a word: the name itself went to FlyteAdmin", () => {
    const f = parseDashboardQuery("workflow=my_wf");
    expect(inexactFilters(f)).toEqual([]);
    expect(executionMatches(f)!(create(ExecutionSchema, { closure: { workflowId: { name: "myXwf" } } }))).toBe(false);
  });
});
