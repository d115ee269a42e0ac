// Bulk history: what FLYTE_SANDBOX_HISTORY seeds and `npm run sandbox:history` appends, and execution
// lists over it that stay on indexes.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { ExecutionMetadata_ExecutionMode as Mode, ExecutionState } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { sandboxConfig } from "../config";
import { openDb, openMemoryDb } from "../store/db";
import { executionListSql, listExecutions } from "../store/executions";
import { putProject } from "../store/projects";
import { seedIfEmpty } from "./index";
import { HISTORY_WORKFLOWS, planHistory, SCHEDULED_WORKFLOW, seedHistory } from "./history";
import { seedCatalog } from "./catalog";
import { registerSteps } from "./index";

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 6, 1);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A memory store with the projects and the seed catalog of flytesnacks/development registered. */
function catalogDb() {
  const db = openMemoryDb();
  putProject(db, create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks" }));
  const ctx = { db, config: sandboxConfig({}), now: () => NOW, httpBaseUrl: "http://127.0.0.1:8088" };
  registerSteps(ctx, seedCatalog("flytesnacks", "development").steps);
  return ctx;
}

describe("bulk history", () => {
  const planned = planHistory({ project: "flytesnacks", domain: "development", count: 2000, endMs: NOW, spanMs: 30 * DAY, seed: 11 }, "");
  const ctx = catalogDb();
  seedHistory(ctx, { project: "flytesnacks", domain: "development", count: 150, endMs: NOW, spanMs: 30 * DAY, seed: 11 });
  const executions = listExecutions(ctx.db, { project: "flytesnacks", domain: "development", filters: "", limit: 1000, token: "" }).executions;

  it("plans runs over the whole period, across the history launch plans, users, modes, tags and archived state", () => {
    const created = planned.map((r) => r.createdMs);
    expect(Math.min(...created)).toBeLessThan(NOW - 29 * DAY);
    expect(Math.max(...created)).toBeGreaterThan(NOW - DAY);
    expect(new Set(planned.map((r) => r.request.spec?.launchPlan?.name))).toEqual(new Set([...HISTORY_WORKFLOWS, SCHEDULED_WORKFLOW].map((w) => w.launchPlan)));
    expect(new Set(planned.map((r) => r.launch?.mode))).toEqual(new Set([Mode.MANUAL, Mode.SCHEDULED, Mode.RELAUNCH, Mode.RECOVERED]));
    expect(new Set(planned.map((r) => r.launch?.principal)).size).toBeGreaterThanOrEqual(4);
    expect(planned.filter((r) => r.archivedBy).length).toBeGreaterThan(10);
    expect(planned.filter((r) => r.request.spec?.tags.includes("gpu")).length).toBeGreaterThan(10);
  });

  it("runs them to SUCCEEDED, FAILED and ABORTED, with run times that differ", () => {
    expect(executions).toHaveLength(150);
    expect(new Set(executions.map((e) => e.closure?.phase))).toEqual(new Set([WP.SUCCEEDED, WP.FAILED, WP.ABORTED]));
    expect(executions.filter((e) => e.closure?.stateChangeDetails?.state === ExecutionState.EXECUTION_ARCHIVED).length).toBeGreaterThan(0);
    const durations = executions.map((e) => Number(e.closure?.duration?.seconds ?? 0)).filter((d) => d > 0);
    expect(Math.max(...durations)).toBeGreaterThan(10 * Math.min(...durations));
    expect(Math.max(...executions.map((e) => timestampMs(e.closure!.updatedAt!)))).toBeLessThanOrEqual(NOW);
  });

  it("gives the same runs for the same seed", () => {
    const again = catalogDb();
    seedHistory(again, { project: "flytesnacks", domain: "development", count: 150, endMs: NOW, spanMs: 30 * DAY, seed: 11 });
    const rows = (db: typeof ctx.db) => db.prepare("SELECT kind, node_id, phase, occurred_at, hex(message) AS m FROM events ORDER BY id").all();
    expect(rows(again.db)).toEqual(rows(ctx.db));
  });

  it("lists with the console's filters through the index of the filtered column", () => {
    const db = ctx.db;
    const since = new Date(NOW - 7 * DAY).toISOString();
    // Each filter narrows through the index on its own column (the newest-first order comes with it).
    const cases: [string, string][] = [
      ["", "executions_by_created"],
      ["eq(phase,FAILED)", "executions_by_phase_created"],
      ["eq(workflow.name,core.control_flow.merge_sort.merge_sort)", "executions_by_workflow"],
      [`eq(phase,SUCCEEDED)+eq(workflow.name,core.containerization.raw_container.wf)+gte(execution_created_at,${since})`, "executions_by_(workflow|phase_created)"],
      [`gte(started_at,${since})`, "executions_by_started"],
      ["gt(duration,600)", "executions_by_duration"],
      ["eq(state,EXECUTION_ARCHIVED)", "executions_by_state"],
      ["eq(user,ada)", "executions_by_user"],
      ["eq(launch_plan.name,core.flyte_basics.hello_world.my_wf)", "executions_by_launch_plan"],
    ];
    for (const [f, index] of cases) {
      const { sql, params } = executionListSql({ project: "flytesnacks", domain: "development", filters: f, limit: 50, token: "" });
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("; ");
      expect(plan, f).toMatch(new RegExp(`SEARCH e USING (COVERING )?INDEX ${index} `));
    }
    // Tags: the side table is searched by its index.
    const tagged = executionListSql({ project: "flytesnacks", domain: "development", filters: "eq(admin_tag.name,gpu)", limit: 50, token: "" });
    const tagPlan = (db.prepare(`EXPLAIN QUERY PLAN ${tagged.sql}`).all(...tagged.params) as { detail: string }[]).map((r) => r.detail).join("; ");
    expect(tagPlan).toMatch(/execution_tags_by_(execution|key)/);
    const page = listExecutions(db, { project: "flytesnacks", domain: "development", filters: "eq(admin_tag.name,gpu)+eq(phase,FAILED)", limit: 500, token: "" });
    expect(page.executions.length).toBeGreaterThan(0);
    expect(page.executions.every((e) => e.spec?.tags.includes("gpu") && e.closure?.phase === WP.FAILED)).toBe(true);
  });

  it("FLYTE_SANDBOX_HISTORY seeds that many executions in flytesnacks/development on first start", async () => {
    const db = openMemoryDb();
    await seedIfEmpty({ db, config: { ...sandboxConfig({ FLYTE_SANDBOX_HISTORY: "200" }) }, now: () => NOW, httpBaseUrl: "" });
    const count = (domain: string) =>
      (db.prepare("SELECT count(*) AS n FROM executions WHERE project = 'flytesnacks' AND domain = ? AND name NOT LIKE 'seed-%'").get(domain) as { n: number }).n;
    expect(count("development")).toBe(200);
    expect(count("staging")).toBe(12);
    const oldest = db.prepare("SELECT min(created_at) AS t FROM executions WHERE domain = 'development'").get() as { t: number };
    expect(oldest.t).toBeLessThan(NOW - 29 * DAY);
    db.close();
  }, 60_000);

  it("`npm run sandbox:history` appends to an existing data folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sbx-history-"));
    dirs.push(dir);
    const db = openDb(dir);
    putProject(db, create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks" }));
    db.close();
    const run = () => promisify(execFile)(path.join(repoRoot, "node_modules/.bin/tsx"), ["lib/sandbox/seed/history-cli.ts", "--count", "40", "--data-dir", dir], { cwd: repoRoot });
    // The first run registers the catalog the runs launch; the second finds it there.
    expect((await run()).stdout).toMatch(/added 40 executions to flytesnacks\/development .* \(now 40\)/);
    expect((await run()).stdout).toMatch(/\(now 80\)/);
    await expect(promisify(execFile)(path.join(repoRoot, "node_modules/.bin/tsx"), ["lib/sandbox/seed/history-cli.ts", "--data-dir", path.join(dir, "nope")], { cwd: repoRoot })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no sandbox database"),
    });
  }, 60_000);
});
