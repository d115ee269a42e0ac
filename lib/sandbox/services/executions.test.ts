import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import { ExecutionMetadata_ExecutionMode } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { insertExecution } from "../store/executions";
import { makeExecution } from "./testing/builders";
import { startTestSandbox, type TestSandbox } from "./testing/server";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1);
let sb: TestSandbox;

beforeAll(async () => {
  sb = await startTestSandbox();
  const rows = [
    makeExecution({ name: "a1", phase: P.SUCCEEDED, createdMs: T0, durationMs: 30_000, workflow: "wf.alpha", user: "ada", tags: ["nightly"] }),
    makeExecution({ name: "a2", phase: P.FAILED, createdMs: T0 + DAY, durationMs: 600_000, workflow: "wf.alpha", launchPlan: "lp.alpha_daily", user: "grace", mode: ExecutionMetadata_ExecutionMode.SCHEDULED }),
    makeExecution({ name: "a3", phase: P.RUNNING, createdMs: T0 + 2 * DAY, durationMs: 0, workflow: "wf.beta", user: "ada", labels: { team: "ml" } }),
    makeExecution({ name: "a4", phase: P.ABORTED, createdMs: T0 + 3 * DAY, durationMs: 5_000, workflow: "wf.beta", user: "alan", archived: true, tags: ["experiment", "gpu"] }),
    makeExecution({ name: "a5", phase: P.FAILED, createdMs: T0 + 4 * DAY, durationMs: 7_200_000, workflow: "wf.gamma", user: "ada" }),
    makeExecution({ name: "other", domain: "staging", phase: P.FAILED, createdMs: T0 }),
  ];
  for (const r of rows) insertExecution(sb.ctx.db, r);
});
afterAll(() => sb.close());

async function names(filters: string, extra: { sortKey?: string; asc?: boolean; limit?: number; token?: string } = {}) {
  const res = await sb.admin.listExecutions({
    id: { project: "flytesnacks", domain: "development" },
    limit: extra.limit ?? 100,
    token: extra.token ?? "",
    filters,
    sortBy: extra.sortKey ? { key: extra.sortKey, direction: extra.asc ? Sort_Direction.ASCENDING : Sort_Direction.DESCENDING } : undefined,
  });
  return { names: res.executions.map((e) => e.id!.name), token: res.token };
}

async function codeOf(p: Promise<unknown>): Promise<Code | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    return ConnectError.from(err).code;
  }
}

describe("ListExecutions", () => {
  it("lists one project/domain, newest first by default", async () => {
    expect((await names("")).names).toEqual(["a5", "a4", "a3", "a2", "a1"]);
  });

  it.each([
    ["eq(phase,FAILED)", ["a5", "a2"]],
    ["value_in(phase,RUNNING;ABORTED)", ["a4", "a3"]],
    ["value_not_in(phase,FAILED;SUCCEEDED)", ["a4", "a3"]],
    ["gte(execution_created_at,2024-05-02T00:00:00Z)+lt(execution_created_at,2024-05-04T00:00:00Z)", ["a3", "a2"]],
    ["gt(duration,60)", ["a5", "a2"]],
    ["lte(duration,30s)", ["a4", "a3", "a1"]],
    ["eq(workflow.name,wf.beta)", ["a4", "a3"]],
    ["eq(launch_plan.name,lp.alpha_daily)", ["a2"]],
    ["contains(workflow.name,alp)", ["a2", "a1"]],
    ["eq(mode,SCHEDULED)", ["a2"]],
    ["eq(mode,1)", ["a2"]],
    ["eq(user,ada)+eq(phase,FAILED)", ["a5"]],
    ["eq(admin_tag.name,gpu)", ["a4"]],
    ["value_in(admin_tag.name,nightly;gpu)", ["a4", "a1"]],
    ["eq(execution_tag.key,team)", ["a3"]],
    ["eq(state,0)", ["a5", "a3", "a2", "a1"]],
    ["eq(state,EXECUTION_ARCHIVED)", ["a4"]],
    ["eq(execution.phase,SUCCEEDED)", ["a1"]],
  ])("filters %s", async (filters, expected) => {
    expect((await names(filters)).names).toEqual(expected);
  });

  it("sorts by the requested key and direction", async () => {
    expect((await names("", { sortKey: "duration", asc: true })).names).toEqual(["a3", "a4", "a1", "a2", "a5"]);
    expect((await names("", { sortKey: "created_at", asc: true })).names).toEqual(["a1", "a2", "a3", "a4", "a5"]);
  });

  it("sorts by FlyteAdmin's column names only (execution_name, id), refusing others with its message", async () => {
    expect((await names("", { sortKey: "execution_name", asc: false })).names).toEqual(["a5", "a4", "a3", "a2", "a1"]);
    expect((await names("", { sortKey: "id", asc: true })).names).toEqual(["a1", "a2", "a3", "a4", "a5"]);
    const err = await names("", { sortKey: "name" }).catch((e: unknown) => ConnectError.from(e));
    expect(err).toMatchObject({ code: Code.InvalidArgument, rawMessage: "invalid sort key 'name'" });
  });

  it("pages with the token until every row was seen once", async () => {
    const seen: string[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = await names("", { limit: 2, token });
      seen.push(...page.names);
      token = page.token;
      pages++;
    } while (token !== "");
    expect(pages).toBe(3);
    expect(seen).toEqual(["a5", "a4", "a3", "a2", "a1"]);
  });

  it("answers InvalidArgument with the reason for bad requests", async () => {
    const bad = (filters: string, more: object = {}) =>
      sb.admin.listExecutions({ id: { project: "flytesnacks", domain: "development" }, limit: 10, filters, ...more });
    await expect(bad("eq(colour,red)")).rejects.toThrow(/'colour' is not a valid filter field/);
    expect(await codeOf(bad("eq(colour,red)"))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("eq(phase,DONE)"))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("gte(execution_created_at,yesterday)"))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("like(phase,FAILED)"))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("", { sortBy: { key: "colour" } }))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("", { token: "abc" }))).toBe(Code.InvalidArgument);
    expect(await codeOf(bad("", { limit: 0 }))).toBe(Code.InvalidArgument);
    expect(await codeOf(sb.admin.listExecutions({ id: { project: "flytesnacks" }, limit: 10 }))).toBe(Code.InvalidArgument);
  });
});

describe("ListExecutions filter grammar, as FlyteAdmin's (util/filters.go)", () => {
  const list = (filters: string) => sb.admin.listExecutions({ id: { project: "flytesnacks", domain: "development" }, limit: 10, filters });

  it.each([
    ["eq(workflow.name,wf+beta)", "a '+' splits expressions, even inside a value"],
    ["eq(workflow.name,wf.beta)+", "an empty expression after '+'"],
    ["eq(workflow.name,wf.beta) eq(phase,RUNNING)", "a space is not a separator"],
    ["eq(workflow.name,a,b)", "the last ',' separates the value"],
  ])("refuses %s (%s) with InvalidArgument", async (filters) => {
    expect(await codeOf(list(filters))).toBe(Code.InvalidArgument);
  });

  it("reads a ')' inside a value as FlyteAdmin's regular expression does", async () => {
    expect((await names("eq(workflow.name,wf.beta)")).names).toEqual(["a4", "a3"]);
    expect((await names("eq(workflow.name,wf)beta)")).names).toEqual([]);
  });

  it("accepts task.project and task.domain (FlyteAdmin joins tasks for executions): only single-task runs match", async () => {
    expect((await names("eq(task.project,flytesnacks)+eq(task.domain,development)")).names).toEqual([]);
  });
});

describe("GetExecution", () => {
  it("returns the execution, or NotFound", async () => {
    const e = await sb.admin.getExecution({ id: { project: "flytesnacks", domain: "development", name: "a2" } });
    expect(e.closure?.phase).toBe(P.FAILED);
    expect(e.spec?.metadata?.principal).toBe("grace");
    expect(await codeOf(sb.admin.getExecution({ id: { project: "flytesnacks", domain: "development", name: "zz" } }))).toBe(Code.NotFound);
  });

  it("methods the sandbox does not serve answer Unimplemented", async () => {
    expect(await codeOf(sb.admin.getProjectAttributes({}))).toBe(Code.Unimplemented);
  });
});
