import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./test";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { flytekitConsoleUrl } from "@/lib/flyte/deep-links";
import { DOMAIN, PROJECT, SANDBOX_HTTP } from "./helpers";

// Runs against the normal seed, and against bulk history (FLYTE_SANDBOX_HISTORY=10000) unchanged.

const DASHBOARD = `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`;

/** A workflow with a FAILED run created in the last day, found through FlyteAdmin's REST API. */
async function workflowWithRecentFailure(request: APIRequestContext): Promise<string> {
  let name = "";
  await expect
    .poll(
      async () => {
        const since = new Date(Date.now() - 23 * 3_600_000).toISOString();
        const filters = `eq(phase,FAILED)+gte(created_at,${since})+eq(state,0)`;
        const res = await request.get(`${SANDBOX_HTTP}/api/v1/executions/${PROJECT}/${DOMAIN}?limit=1&filters=${encodeURIComponent(filters)}`);
        const body = (await res.json()) as { executions?: { closure?: { workflowId?: { name?: string } } }[] };
        name = body.executions?.[0]?.closure?.workflowId?.name ?? "";
        return name;
      },
      { timeout: 45_000, message: "the sandbox has a failed run in the last day" },
    )
    .not.toBe("");
  return name;
}

/**
 * The dashboard's rows come with the server's HTML, before its controls work; the counts load only
 * once the page runs in the browser, so they say it is interactive.
 */
async function openDashboard(page: Page, url = DASHBOARD) {
  await page.goto(url);
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await expect(page.getByTestId("count-failed")).not.toHaveAttribute("data-count", "");
}

/** The latest version of an entity, from FlyteAdmin's REST API. */
async function latestVersion(request: APIRequestContext, kind: "workflows" | "tasks" | "launch_plans", name: string): Promise<string> {
  const res = await request.get(`${SANDBOX_HTTP}/api/v1/${kind}/${PROJECT}/${DOMAIN}/${name}?limit=1&sort_by.key=created_at&sort_by.direction=DESCENDING`);
  const body = (await res.json()) as Record<string, { id: { version: string } }[]>;
  const list = body.workflows ?? body.tasks ?? body.launchPlans ?? [];
  expect(list.length, `${kind}/${name} is registered`).toBeGreaterThan(0);
  return list[0].id.version;
}

test("filter the dashboard to one workflow's failed runs of the last day, open one, come back with the filters", async ({ page, request }) => {
  const workflow = await workflowWithRecentFailure(request);
  await openDashboard(page);

  await page.getByTestId("phase-filter").click();
  await page.getByRole("checkbox", { name: "Failed" }).check();
  await page.keyboard.press("Escape");
  await page.getByTestId("time-filter").selectOption("24h");
  await page.getByTestId("workflow-filter").fill(workflow);
  await page.getByTestId("workflow-filter").press("Enter");

  await expect(page).toHaveURL(/phase=FAILED/);
  await expect(page).toHaveURL(/since=24h/);
  await expect(page).toHaveURL(new RegExp(`workflow=${encodeURIComponent(workflow).replace(/\./g, "\\.")}`));
  const rows = page.getByTestId("execution-row");
  await expect(rows.first()).toBeVisible();
  await expect.poll(async () => [...new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-phase"))))]).toEqual(["FAILED"]);
  await expect(rows.first()).toContainText(workflow.split(".").slice(0, 2).join("."));
  const filtered = page.url();

  const name = await rows.first().getAttribute("data-execution-name");
  await rows.first().getByRole("link", { name: name! }).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${name}$`));
  await expect(page.getByTestId("execution-header")).toBeVisible();

  await page.goBack();
  expect(page.url()).toBe(filtered);
  await expect(page.getByTestId("workflow-filter")).toHaveValue(workflow);
  await expect(page.getByTestId("time-filter")).toHaveValue("24h");
  await expect(page.getByTestId("phase-filter")).toContainText("Failed");
  await expect(rows.first()).toBeVisible();
  await expect.poll(async () => [...new Set(await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-phase"))))]).toEqual(["FAILED"]);
});

test("flytekit's URLs of a workflow, a task and a launch plan version open their pages", async ({ page, request, baseURL }) => {
  const cases = [
    { rt: ResourceType.WORKFLOW, rest: "workflows" as const, segment: "workflows", kind: "workflow", name: "core.flyte_basics.hello_world.my_wf" },
    { rt: ResourceType.TASK, rest: "tasks" as const, segment: "tasks", kind: "task", name: "core.flyte_basics.hello_world.say_hello" },
    { rt: ResourceType.LAUNCH_PLAN, rest: "launch_plans" as const, segment: "launchPlans", kind: "launch_plan", name: "core.scheduled_workflows.lp_schedules.my_cron_scheduled_lp" },
  ];
  for (const c of cases) {
    const version = await latestVersion(request, c.rest, c.name);
    const url = flytekitConsoleUrl({ resourceType: c.rt, project: PROJECT, domain: DOMAIN, name: c.name, version }, baseURL!);
    await page.goto(url);
    await expect(page).toHaveURL(`${baseURL}/console/projects/${PROJECT}/domains/${DOMAIN}/${c.segment}/${c.name}/version/${version}`);
    const entity = page.getByTestId("entity-page");
    await expect(entity).toHaveAttribute("data-kind", c.kind);
    await expect(entity).toHaveAttribute("data-version", version);
    await expect(page.getByTestId("entity-name")).toHaveText(c.name);
    await expect(page.getByTestId("entity-interface")).toBeVisible();
    await expect(page.locator(`[data-testid="version-row"][data-version="${version}"] a`)).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("launch-button")).toHaveAttribute("href", new RegExp(`/launch\\?${c.kind === "launch_plan" ? "launchPlan" : c.kind}=`));
  }
  // What each kind shows beyond its interface.
  await expect(page.getByTestId("launch-plan-schedule")).not.toContainText("None");
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/task/core.flyte_basics.hello_world.say_hello/versions/${await latestVersion(request, "tasks", "core.flyte_basics.hello_world.say_hello")}`);
  await expect(page.getByTestId("task-type")).not.toBeEmpty();
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/workflows/core.flyte_basics.hello_world.my_wf`);
  await expect(page.getByTestId("entity-graph").getByTestId("dag-node").first()).toBeVisible();
});

test("the old ?domain= list URL opens the workflows of that domain, searchable by name", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/workflows?domain=${DOMAIN}`);
  await expect(page).toHaveURL(new RegExp(`/console/projects/${PROJECT}/domains/${DOMAIN}/workflows$`));
  const rows = page.getByTestId("entity-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  await page.getByTestId("entity-search").fill("hello_world");
  await expect(page).toHaveURL(/\?q=hello_world$/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-entity-name", "core.flyte_basics.hello_world.my_wf");
  await expect(rows.first().getByTestId("run-strip")).toBeVisible();
  await rows.first().getByRole("link", { name: "core.flyte_basics.hello_world.my_wf", exact: true }).click();
  await expect(page.getByTestId("entity-page")).toHaveAttribute("data-kind", "workflow");
});

test("a launch plan is deactivated and activated again, each after a confirmation", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/launchPlans/core.scheduled_workflows.lp_schedules.my_fixed_rate_lp`);
  const state = page.getByTestId("launch-plan-active").locator("[data-state]");
  await expect(state).toBeVisible();
  const before = await state.getAttribute("data-state");
  const after = before === "ACTIVE" ? "INACTIVE" : "ACTIVE";
  const toggle = page.getByTestId("toggle-launch-plan");

  await toggle.click();
  await page.getByTestId("launch-plan-confirm").getByRole("button", { name: "Cancel" }).click();
  await expect(state).toHaveAttribute("data-state", before!);

  await toggle.click();
  await page.getByTestId("launch-plan-confirm").getByRole("button", { name: before === "ACTIVE" ? "Deactivate" : "Activate" }).click();
  await expect(state).toHaveAttribute("data-state", after);
  await toggle.click();
  await page.getByTestId("launch-plan-confirm").getByRole("button", { name: after === "ACTIVE" ? "Deactivate" : "Activate" }).click();
  await expect(state).toHaveAttribute("data-state", before!);
});

test("⌘K finds a workflow by part of its name and opens it, from any page", async ({ page }) => {
  await openDashboard(page);
  await page.keyboard.press("ControlOrMeta+k");
  const input = page.getByTestId("palette-input");
  await expect(input).toBeFocused();
  await input.fill("hello_world");
  const item = page.locator('[data-testid="palette-item"][data-kind="workflow"][data-name="core.flyte_basics.hello_world.my_wf"]');
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/domains/${DOMAIN}/workflows/core\\.flyte_basics\\.hello_world\\.my_wf$`));
  await expect(page.getByTestId("entity-name")).toHaveText("core.flyte_basics.hello_world.my_wf");

  // An execution by name, from the entity page this time.
  const run = await page.getByTestId("entity-executions").getByTestId("execution-row").first().getAttribute("data-execution-name");
  await page.getByTestId("search-button").click();
  await page.getByTestId("palette-input").fill(run!.slice(0, 6));
  await page.locator(`[data-testid="palette-item"][data-kind="execution"][data-name="${run}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/executions/${run}$`));
});
