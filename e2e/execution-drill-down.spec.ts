// Finding out what happened: a failed node's error, attempts, their logs and inputs; a map node's sub-tasks;
// groups (sub-workflows, dynamic nodes, branches) opened in place; a launch plan's child execution one click away;
// gates that wait; a huge graph narrowed down; and names, errors and strings full of HTML shown as text.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT } from "./helpers";
import { launch, registerWorkflow, uniqueName } from "./execution-fixtures";

const executionPage = (name: string, query = "") => `/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}${query}`;
const dagNode = (page: Page, id: string) => page.getByTestId("dag").locator(`[data-testid="dag-node"][data-node-id="${id}"]`);

async function openLogOf(page: Page, attempt: ReturnType<Page["locator"]>, logName: string | RegExp) {
  await attempt.getByRole("button", { name: logName }).first().click();
  const drawer = page.getByTestId("log-drawer");
  await expect(drawer.getByTestId("log-viewer")).toHaveAttribute("data-state", "ready");
  await expect(drawer.getByTestId("log-line").first()).toBeVisible();
  return drawer;
}

test("a failed node's panel shows the error, every attempt with its logs inline, and the inputs", async ({ page }) => {
  await page.goto(executionPage("seed-retries-fail"));
  await expect(page.getByTestId("execution-error")).toContainText("RuntimeError");
  await page.getByRole("button", { name: /Show failing node n1/ }).click();
  await expect(page).toHaveURL(/[?&]node=n1(&|$)/);
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-phase", "FAILED");
  await expect(panel.getByTestId("node-error")).toContainText("USER error");
  await expect(panel.getByTestId("node-error")).toContainText("RuntimeError: simulated failure");

  const attempts = panel.getByTestId("attempt");
  await expect(attempts).toHaveCount(4); // retries: 3, newest first
  await expect(attempts.nth(0)).toHaveAttribute("data-phase", "FAILED");
  await expect(attempts.nth(3)).toHaveAttribute("data-phase", "RETRYABLE_FAILED");
  await expect(attempts.nth(3).getByTestId("attempt-error")).toContainText("attempt 0");

  // Logs of two attempts, read inline, one after the other.
  const first = await openLogOf(page, attempts.nth(0), /logs/i);
  const firstText = await first.getByTestId("log-line").first().textContent();
  await page.getByRole("button", { name: "Close log" }).click();
  const second = await openLogOf(page, attempts.nth(1), /logs/i);
  await expect(second.getByTestId("log-line").filter({ hasText: /retry|attempt/i }).first()).toBeVisible();
  expect(firstText).toBeTruthy();
  await page.getByRole("button", { name: "Close log" }).click();

  await panel.getByRole("tab", { name: "inputs" }).click();
  await expect(panel.getByTestId("node-inputs")).toContainText("batch");
  await expect(panel.getByTestId("node-inputs")).toContainText(/List/);
});

test("a map node counts its sub-tasks per phase and lists each with its phase and logs", async ({ page }) => {
  await page.goto(executionPage("seed-map-task"));
  const map = dagNode(page, "n0");
  await expect(map).toHaveAttribute("data-kind", "array");
  const bar = map.getByTestId("sub-task-bar");
  await expect(bar).toHaveAttribute("data-total", "12");
  await expect(bar).toHaveAttribute("data-counts", /SUCCEEDED:\d+/);
  await expect(bar).toHaveAttribute("aria-label", /^12 sub-tasks: .*succeeded/);

  await map.click();
  const subTasks = page.getByTestId("node-panel").getByTestId("sub-task");
  await expect(subTasks).toHaveCount(12);
  await expect(subTasks.first()).toHaveAttribute("data-phase", "SUCCEEDED");
  await expect(subTasks.nth(7)).toHaveAttribute("data-index", "7");
  const drawer = await openLogOf(page, subTasks.nth(3), /logs-3/);
  await expect(drawer).toContainText(/INFO/);
});

test("groups open in place: a sub-workflow collapses and expands, a dynamic node shows the workflow it yielded", async ({ page }) => {
  await page.goto(executionPage("seed-subworkflows"));
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
  // n1 is parent_wf: a task, a nested sub-workflow and a launch plan.
  const group = dagNode(page, "n1");
  const child = dagNode(page, "n1-0-node-t1-parent");
  await expect(group).toHaveAttribute("data-expanded", "true");
  await expect(child).toHaveAttribute("data-phase", "SUCCEEDED");
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Collapse parent_wf" }).click();
  await expect(child).toHaveCount(0);
  const expand = page.getByRole("button", { name: "Expand parent_wf" });
  await expect(expand).toBeVisible();
  await expand.click();
  await expect(child).toHaveAttribute("data-phase", "SUCCEEDED");
  await expect(group).toHaveAttribute("data-expanded", "true");
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

  // merge_sort_remotely is dynamic: its nodes come from GetDynamicNodeWorkflow, under it.
  await page.goto(executionPage("seed-dynamic"));
  const dynamic = dagNode(page, "n0-0-n0-n1");
  await expect(dynamic).toHaveAttribute("data-kind", "dynamic");
  await expect(dynamic).toHaveAttribute("data-expanded", "true");
  for (const id of ["dn0", "dn1", "dn2", "dn3"]) await expect(dagNode(page, `n0-0-n0-n1-0-${id}`)).toHaveAttribute("data-phase", "SUCCEEDED");
});

test("a launch-plan node is not a group: its panel links to the child execution it ran", async ({ page }) => {
  // parent_wf's n2 calls leaf_subwf's launch plan, which FlytePropeller runs as a separate child execution.
  await page.goto(executionPage("seed-parent-wf"));
  const lp = dagNode(page, "n2");
  await expect(lp).toHaveAttribute("data-kind", "launchplan");
  await expect(lp.getByTestId("child-run-marker")).toBeVisible();
  // The badge is a real link to the child run (openable in a new tab), once the child has started.
  await expect(lp.getByTestId("child-run-marker")).toHaveAttribute("href", /\/console\/projects\/flytesnacks\/domains\/development\/executions\/[a-z0-9-]+$/, { timeout: 30_000 });
  await expect(lp.getByRole("button", { name: /^Expand / })).toHaveCount(0);
  await expect(lp).not.toHaveAttribute("data-phase", "UNDEFINED");
  await lp.click();

  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-node-id", "n2");
  const link = panel.getByRole("link", { name: /^Open child execution \S+$/ });
  await expect(panel.getByTestId("child-execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
  const childName = (await link.textContent())!.replace(/^Open child execution /, "");
  expect(childName).not.toBe("seed-parent-wf");
  await link.click();

  await expect(page).toHaveURL(new RegExp(`/executions/${childName}$`));
  const header = page.getByTestId("execution-header");
  await expect(header.getByRole("heading", { level: 1 })).toHaveText(childName);
  await expect(header).toContainText("core.control_flow.subworkflows.leaf_subwf");
  await expect(header).toHaveAttribute("data-phase", "SUCCEEDED");
});

test("a branch shows the case it took and the cases it skipped; a gate shows that it waits", async ({ page }) => {
  await page.goto(executionPage("seed-branch"));
  const taken = page.getByTestId("dag").locator('[data-branch="taken"]');
  const skipped = page.getByTestId("dag").locator('[data-branch="skipped"]');
  await expect(taken.first()).toBeVisible();
  await expect(taken.first()).not.toHaveAttribute("data-phase", "UNDEFINED");
  await expect(skipped.first()).toHaveAttribute("data-phase", "UNDEFINED");
  await expect(skipped.first()).toContainText("not taken");
  expect(await skipped.count()).toBeGreaterThanOrEqual(2);

  await page.goto(executionPage("seed-gate-approve"));
  const gate = page.getByTestId("dag").locator('[data-kind="gate"]');
  await expect(gate).toHaveAttribute("data-waiting", "true");
  await expect(gate).toHaveAttribute("data-phase", "RUNNING");
  await expect(gate).toContainText("waiting for approval");
});

test("a huge graph offers a filtered view", async ({ page }) => {
  await page.goto(executionPage("seed-large-1k"));
  const bar = page.getByTestId("graph-filter");
  await expect(bar).toContainText("Large graph: 1,004 nodes");
  // Laying out 1,004 nodes takes a while on a busy machine.
  await expect(page.getByTestId("dag")).toHaveAttribute("data-node-count", "1004", { timeout: 60_000 });
  const before = (await dagNode(page, "l24-n7").boundingBox())!;
  await bar.getByLabel("Find nodes by name").fill("l24-");
  await expect(bar).toContainText("Showing 40 of 1,004 nodes");
  await expect(page.getByTestId("dag")).toHaveAttribute("data-node-count", "40");
  await expect(dagNode(page, "l24-n7")).toBeVisible();
  await bar.getByLabel("Find nodes by name").fill("l24-n7");
  await expect(bar).toContainText("Showing 1 of 1,004 nodes");
  await expect(page.getByTestId("dag")).toHaveAttribute("data-node-count", "1");
  // The view fits what the filter kept: the node is inside the graph's area and drawn larger than among 1,004.
  const area = (await page.getByTestId("dag").boundingBox())!;
  const kept = (await dagNode(page, "l24-n7").boundingBox())!;
  expect(kept.x).toBeGreaterThanOrEqual(area.x);
  expect(kept.y).toBeGreaterThanOrEqual(area.y);
  expect(kept.x + kept.width).toBeLessThanOrEqual(area.x + area.width);
  expect(kept.y + kept.height).toBeLessThanOrEqual(area.y + area.height);
  expect(kept.width).toBeGreaterThan(before.width * 2);
  await bar.getByRole("button", { name: "Show all 1,004 nodes" }).click();
  await expect(page.getByTestId("dag")).toHaveAttribute("data-node-count", "1004");
});

test("a large graph zoomed out is one drawing whose nodes still show their phase and open their panel; zooming in brings full nodes", async ({ page }) => {
  await page.goto(executionPage("seed-large-1k"));
  const dag = page.getByTestId("dag");
  await expect(dag).toHaveAttribute("data-node-count", "1004", { timeout: 60_000 });
  // Zoomed out to fit: every node is a rectangle of the overview, with its phase.
  await expect(dag.locator('[data-testid="dag-node"][data-phase]')).toHaveCount(1004);
  await expect(dag.locator('div[data-testid="dag-node"]')).toHaveCount(0);
  // The first layer runs first: its nodes finish within seconds of the sandbox starting.
  const node = dagNode(page, "l0-n7");
  await expect(node).toHaveAttribute("data-phase", "SUCCEEDED");
  // Too small for text: hovering says which node it is and its phase.
  await node.hover();
  await expect(page.getByRole("tooltip")).toHaveText(/\(l0-n7\): Succeeded/);
  await node.click();
  await expect(page.getByTestId("node-panel")).toContainText("l0-n7");
  expect(new URL(page.url()).searchParams.get("node")).toBe("l0-n7");

  // Zoomed in, the nodes in view are full nodes again: name, phase icon, and a button to open them.
  const box = (await dag.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -300);
  const full = dag.locator('div[data-testid="dag-node"][role="button"]');
  await expect(full.first()).toBeVisible();
  expect(await full.count()).toBeLessThan(300);
  await expect(full.first()).toHaveAttribute("data-phase", "SUCCEEDED");
});

test("a node name, an error message and a string literal full of HTML show as text and never run", async ({ page, request }) => {
  test.setTimeout(120_000);
  // No dot: like flytekit's dotted names, only the part after the last dot is shown.
  const nodeName = "<b>bold</b><script>alert(1)</script>";
  const error = "<script>window.__xss=2</script><img src=x onerror=window.__xss=3> went wrong";
  const input = "<img src=x onerror=window.__xss=4><script>window.__xss=5</script>";
  const version = uniqueName("v");
  const lp = await registerWorkflow(
    request,
    version,
    [{ name: "e2e.html.fails", inputs: { text: "STRING" }, retries: 1, sandbox: { failAttempts: 9, errorMessage: error, durationMs: 300 } }],
    { name: "e2e.html.wf", inputs: { text: "STRING" }, nodes: [{ id: "n0", name: nodeName, task: "e2e.html.fails", input: { node: "start-node", var: "text" } }] },
  );
  const name = await launch(request, lp, uniqueName("e2ehtml"), { text: input });

  await page.goto(executionPage(name, "?node=n0"));
  await expect(page.getByTestId("execution-phase")).toHaveText(/Failed/, { timeout: 60_000 });
  const root = page.getByTestId("execution-page");
  await expect(page.getByTestId("execution-error")).toContainText(error);
  await expect(dagNode(page, "n0")).toContainText(nodeName);
  const panel = page.getByTestId("node-panel");
  await expect(panel.getByTestId("node-panel-name")).toHaveText(nodeName);
  await expect(panel.getByTestId("node-error")).toContainText(error);
  const attempts = panel.getByTestId("attempt");
  await expect(attempts).toHaveCount(2); // retries: 1
  await expect(attempts.nth(0).getByTestId("attempt-error")).toContainText(error);
  await panel.getByRole("tab", { name: "inputs" }).click();
  await expect(panel.getByTestId("node-inputs")).toContainText(input);
  await page.getByTestId("tab-nodes").click();
  await expect(page.getByTestId("node-row").filter({ hasText: nodeName })).toHaveCount(1);

  await expect(root.locator("script, img, b")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
