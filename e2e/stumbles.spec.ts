// The small stumbles of issue 13, each as a person meets it: keys that should work, a value sent by
// mistake, a dashboard whose runs start below the fold, a log page that does not say whose log it is.
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./test";
import { callBff, DOMAIN, executionUrl, failOnPageErrors, PROJECT, relaunchSeed, waitUntilEnded } from "./helpers";
import { launchUrl, launchedName } from "./launch-helpers";
import { requestCounter } from "./request-counter";

failOnPageErrors(test);

const DASHBOARD = `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`;

async function terminate(request: APIRequestContext, baseURL: string, name: string) {
  const res = await callBff(
    request,
    "flyteidl.service.AdminService/TerminateExecution",
    { id: { project: PROJECT, domain: DOMAIN, name }, cause: "e2e stumbles: done with it" },
    { origin: baseURL },
  );
  expect(res.ok(), await res.text()).toBeTruthy();
}

const dagNode = (page: Page, id: string) => page.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);

test.describe("keyboard", () => {
  test("Escape closes the log drawer, then the node panel, also with the focus on the graph", async ({ page, request }) => {
    await waitUntilEnded(request, "seed-basic-wf");
    await page.goto(executionUrl("seed-basic-wf", "?node=n0"));
    const panel = page.getByTestId("node-panel");
    await expect(panel).toHaveAttribute("data-node-id", "n0");
    await panel.getByRole("list", { name: "Logs" }).getByRole("button").first().click();
    const drawer = page.getByTestId("log-drawer");
    await expect(drawer.getByTestId("log-viewer")).toHaveAttribute("data-state", "ready");

    // Escape in the log's search box is the search's own (it clears it): nothing closes.
    await drawer.getByTestId("log-search").fill("INFO");
    await drawer.getByTestId("log-search").press("Escape");
    await expect(drawer).toBeVisible();

    await drawer.getByTestId("log-search").blur();
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await expect(panel).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]node=/);

    // The graph claims the arrow keys (and Escape) for itself; Escape still closes the panel it opened.
    await dagNode(page, "n1").click();
    await expect(panel).toHaveAttribute("data-node-id", "n1");
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
  });

  test("the palette highlights its best match, so Enter opens it, and matches names whatever their case", async ({ page }) => {
    await page.goto(DASHBOARD);
    await expect(page.locator("[data-execution-name]").first()).toBeVisible();
    await page.getByTestId("search-button").click();
    const palette = page.getByTestId("command-palette");
    await palette.getByTestId("palette-input").fill("MERGE_SORT.merge");
    const first = palette.getByTestId("palette-item").first();
    await expect(first).toHaveAttribute("data-name", "core.control_flow.merge_sort.merge_sort");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(palette.locator('[data-testid="palette-item"][aria-selected="true"]')).toHaveCount(1);

    // Execution names too (FlyteAdmin stores them in lower case).
    await palette.getByTestId("palette-input").fill("SEED-PARENT-WF");
    const execution = palette.locator('[data-testid="palette-item"][data-kind="execution"][data-name="seed-parent-wf"]');
    await expect(execution).toBeVisible();
    await expect(palette.getByTestId("palette-item").first()).toHaveAttribute("aria-selected", "true");

    // The arrow keys move the highlight; a new term starts again at its best match, which Enter opens.
    await palette.getByTestId("palette-input").fill("Merge_Sort.Merge");
    // The new term's results (the list shows the last term's until its debounce ends), highlighted from the top.
    await expect(first).toHaveAttribute("data-name", "core.control_flow.merge_sort.merge_sort");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("ArrowDown");
    await expect(palette.getByTestId("palette-item").nth(1)).toHaveAttribute("aria-selected", "true");
    await palette.getByTestId("palette-input").fill("merge_sort.MERGE_SORT");
    await expect(first).toHaveAttribute("data-name", "core.control_flow.merge_sort.merge_sort");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/workflows\/core\.control_flow\.merge_sort\.merge_sort$/);
  });

  test("Tab reaches the dashboard's filters before the counts and the chart's bars", async ({ page }) => {
    await page.goto(DASHBOARD);
    await expect(page.getByTestId("chart-bar").first()).toBeVisible({ timeout: 45_000 });
    await page.getByRole("link", { name: "production" }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes("bar"); i++) {
      await page.keyboard.press("Tab");
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el) return "none";
        if (el.closest('[data-testid="filter-bar"]')) return "filter";
        if (el.closest('[data-testid="execution-counts"]')) return "count";
        if (el.matches('[data-testid="chart-bar"]')) return "bar";
        if (el.closest("[data-execution-name]")) return "row";
        return "other";
      });
      if (reached.at(-1) !== where) reached.push(where);
    }
    const kinds = reached.filter((k) => k !== "other");
    expect(kinds.slice(0, 3)).toEqual(["filter", "count", "bar"]);
  });
});

test("a signal's empty value asks first, as Reject does; Cancel sends nothing", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  // seed-gate-signal: sleep 10 s → "title-input" (str) → create report → "publish" (bool).
  const name = await relaunchSeed(request, baseURL!, "seed-gate-signal");
  try {
    const sent = requestCounter(page, "/SetSignal", (body) => body.includes("title-input"));
    await page.goto(executionUrl(name, "?node=n1"));
    const gate = page.getByTestId("gate-actions");
    await expect(gate).toHaveAttribute("data-gate-kind", "signal", { timeout: 45_000 });
    await expect(gate.getByTestId("literal-input-title-input")).toHaveValue("");

    await gate.getByRole("button", { name: "Set value" }).click();
    const dialog = page.getByTestId("empty-signal-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading")).toHaveText("Set title-input to an empty string?");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await sent.settled();
    expect(sent.count, "SetSignal requests after Cancel").toBe(0);
    await expect(dagNode(page, "n1")).not.toHaveAttribute("data-phase", "SUCCEEDED");

    await gate.getByRole("button", { name: "Set value" }).click();
    await dialog.getByRole("button", { name: "Set empty value" }).click();
    await expect(dagNode(page, "n1")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
    await sent.settled();
    expect(sent.count, "SetSignal requests after confirming").toBe(1);
  } finally {
    await terminate(request, baseURL!, name);
  }
});

test.describe("dashboard at 1440×900", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("the first runs are on the first screen; counts and chart say their period and fold away, remembered", async ({ page }) => {
    // The counts scan the sandbox's 10,000 past runs: on a busy machine that takes a while.
    test.setTimeout(120_000);
    await page.goto(DASHBOARD);
    const overview = page.getByTestId("dashboard-overview");
    await expect(page.getByTestId("chart-bar").first()).toBeVisible({ timeout: 45_000 });
    const rows = page.locator("[data-execution-name]");
    const firstRow = (await rows.first().boundingBox())!;
    const secondRow = (await rows.nth(1).boundingBox())!;
    expect(firstRow.y + firstRow.height, "the first row's bottom edge").toBeLessThanOrEqual(900);
    expect(secondRow.y + secondRow.height, "the second row's bottom edge").toBeLessThanOrEqual(900);

    // What the tiles count: the chart's 14 UTC days by default, a preset's whole days once chosen.
    await expect(page.getByTestId("counts-period")).toHaveText(/^Runs started in the last 14 days \(since [A-Z][a-z]{2} \d{1,2}, UTC\)$/);
    await expect(page.getByTestId("count-succeeded")).toHaveAccessibleName(/^Succeeded: [\d,]+, started in the last 14 days \(since /);
    await page.getByTestId("time-filter").selectOption("7d");
    await expect(page.getByTestId("counts-period")).toHaveText(/^Runs started in the last 8 days \(since [A-Z][a-z]{2} \d{1,2}, UTC\)$/);
    await page.getByTestId("time-filter").selectOption("");

    const toggle = overview.getByTestId("overview-toggle");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await toggle.click();
    await expect(overview).toHaveAttribute("data-state", "hidden");
    await expect(page.getByTestId("execution-chart")).toHaveCount(0);
    await expect(page.getByTestId("counts-summary")).toHaveText(/^[\d,]+\+? running · [\d,]+\+? succeeded · [\d,]+\+? failed · [\d,]+\+? aborted$/);
    await expect.poll(async () => (await rows.first().boundingBox())!.y).toBeLessThan(firstRow.y - 120);

    // Remembered on this browser: a new visit starts folded.
    await page.reload();
    await expect(overview).toHaveAttribute("data-state", "hidden");
    await expect(page.getByTestId("counts-summary")).toBeVisible({ timeout: 45_000 });
    await overview.getByTestId("overview-toggle").click();
    await expect(page.getByTestId("chart-bar").first()).toBeVisible({ timeout: 45_000 });
    await page.reload();
    await expect(overview).toHaveAttribute("data-state", "shown");
  });
});

test("a run launched from the console shows in the executions list while it runs", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const names: string[] = [];
  try {
    await page.goto(launchUrl("workflow=core.flyte_basics.long_running.train_wf"));
    await page.getByTestId("launch-submit").click();
    names.push(await launchedName(page));
    // Back to the list the way a person goes: the breadcrumb's domain.
    await page.getByTestId("execution-header").getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: DOMAIN }).click();
    const launched = page.locator(`[data-execution-name="${names[0]}"]`);
    await expect(launched).toHaveAttribute("data-phase", /UNDEFINED|QUEUED|RUNNING/);

    // One launched elsewhere (flytekit, another tab) while the list is open appears by itself, still running.
    const other = await relaunchSeed(request, baseURL!, "seed-long-running");
    names.push(other);
    await expect(page.locator(`[data-execution-name="${other}"]`)).toHaveAttribute("data-phase", /UNDEFINED|QUEUED|RUNNING/, { timeout: 25_000 });
  } finally {
    for (const name of names) await terminate(request, baseURL!, name);
  }
});

test("a full-page log says whose log it is and leads back to that node", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-basic-wf");
  await page.goto(executionUrl("seed-basic-wf", "?node=n1"));
  const panel = page.getByTestId("node-panel");
  await panel.getByRole("list", { name: "Logs" }).getByRole("button").first().click();
  const full = page.getByTestId("log-drawer").getByRole("link", { name: "Full page" });
  await expect(full).toHaveAttribute("href", /[?&]execution=seed-basic-wf&node=n1&attempt=0(&|$)/);
  // Opened here rather than in a new tab, as a person pasting the link would.
  await page.goto((await full.getAttribute("href"))!);

  await expect(page.getByTestId("log-viewer")).toHaveAttribute("data-state", "ready");
  await expect(page.getByTestId("log-owner")).toContainText("Attempt 1 of node n1 in execution seed-basic-wf (flytesnacks/development)");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem")).toHaveText([
    "Projects",
    "/flytesnacks",
    "/development",
    "/seed-basic-wf",
    "/n1",
    "/Log",
  ]);
  await page.getByTestId("log-back").click();
  await expect(page).toHaveURL(/\/executions\/seed-basic-wf\?node=n1&attempt=0$/);
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-node-id", "n1");
});

test("breadcrumbs start Projects / project / domain on every page of a project", async ({ page }) => {
  const pages = [
    DASHBOARD,
    `/console/projects/${PROJECT}/domains/${DOMAIN}/workflows`,
    `/console/projects/${PROJECT}/domains/${DOMAIN}/workflows/core.flyte_basics.basic_workflow.my_wf`,
    `/console/projects/${PROJECT}/domains/${DOMAIN}/launchPlans`,
    `/console/projects/${PROJECT}/domains/${DOMAIN}/launch?workflow=core.flyte_basics.basic_workflow.my_wf`,
    executionUrl("seed-basic-wf"),
  ];
  for (const path of pages) {
    await page.goto(path);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).first().getByRole("listitem");
    await expect(crumbs.nth(2), path).toBeVisible();
    expect((await crumbs.allTextContents()).slice(0, 3), path).toEqual(["Projects", "/flytesnacks", "/development"]);
  }
});
