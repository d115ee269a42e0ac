// Reading one node: the task it ran (image, resources, interface), its data's URIs and a FlyteRemote snippet
// copied to the clipboard, its attempts newest first with the error's last line up front, a map node's
// sub-tasks counted per phase with each failed one's error and logs, and a gate or launch-plan node saying why
// it has no attempts.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, executionUrl, failOnPageErrors, waitUntilEnded } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });


const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

failOnPageErrors(test);

test("a failed task node: attempts newest first with the traceback's last line, the task it ran, its data's URIs copied", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-retries-fail");
  await page.goto(executionUrl("seed-retries-fail", "?node=n1"));
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-phase", "FAILED");
  const lastLine = /^RuntimeError: simulated failure of core\.flyte_basics\.retries\.call_flaky_api \(attempt 3\)$/;
  await expect(panel.getByTestId("node-error").getByTestId("error-last-line")).toHaveText(lastLine);

  const attempts = panel.getByTestId("attempt");
  await expect(attempts).toHaveCount(4);
  expect(await attempts.evaluateAll((els) => els.map((e) => e.getAttribute("data-attempt")))).toEqual(["3", "2", "1", "0"]);
  await expect(attempts.first()).toHaveAttribute("aria-current", "true");
  const newest = attempts.first().getByTestId("attempt-error");
  await expect(newest.getByTestId("error-last-line")).toHaveText(lastLine);
  const full = newest.getByTestId("error-full");
  await expect(full).toBeHidden();
  await newest.getByText("Full error").click();
  await expect(full).toBeVisible();
  await expect(full).toContainText("Traceback (most recent call last):");
  await expect(attempts.last().getByTestId("error-last-line")).toHaveText(/\(attempt 0\)$/);

  await panel.getByRole("tab", { name: "task" }).click();
  await expect(page).toHaveURL(/[?&]panel=task(&|$)/);
  const task = panel.getByTestId("node-task");
  await expect(task).toContainText("core.flyte_basics.retries.call_flaky_api");
  await expect(task.getByTestId("task-image")).toHaveText(/^cr\.flyte\.org\/flyteorg\/flytekit:py3\.11-/);
  await expect(task.getByTestId("task-resources")).toContainText("CPU: 500m (limit 1)");
  await expect(task.getByTestId("task-resources")).toContainText("Memory: 400Mi (limit 1Gi)");
  await expect(task.getByTestId("task-retries")).toHaveText("3");
  await expect(task.getByTestId("task-inputs").getByTestId("interface-row")).toHaveAttribute("data-name", "batch");
  await expect(task.getByTestId("task-outputs").getByTestId("interface-row")).toHaveAttribute("data-name", "o0");
  await expect(task).toContainText("pyflyte-execute");

  await panel.getByRole("tab", { name: "inputs" }).click();
  const actions = panel.getByTestId("node-inputs-actions");
  const uri = actions.getByTestId("data-uri").first();
  await expect(uri).toHaveText(/^s3:\/\/\S+\/seed-retries-fail\/n1\/offloaded_inputs$/);
  await actions.getByRole("button", { name: "Copy input URI" }).click();
  await expect(actions.getByRole("button", { name: "Copy input URI" })).toHaveText("Copied");
  expect(await clipboard(page)).toBe(await uri.textContent());

  await actions.getByRole("button", { name: "Copy input flyte:// URI" }).click();
  expect(await clipboard(page)).toBe(`flyte://v1/${PROJECT}/${DOMAIN}/seed-retries-fail/n1/i`);

  await actions.getByRole("button", { name: "Copy FlyteRemote snippet" }).click();
  const snippet = await clipboard(page);
  expect(snippet).toContain("from flytekit.remote import FlyteRemote");
  expect(snippet).toContain(`default_project="${PROJECT}", default_domain="${DOMAIN}"`);
  expect(snippet).toContain('execution = remote.fetch_execution(name="seed-retries-fail")');
  expect(snippet).toContain('node = execution.node_executions["n1"]');
});

test("a map node counts its sub-tasks per phase and shows the failed one's error and logs", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-map-task");
  await page.goto(executionUrl("seed-map-task", "?node=n0"));
  const panel = page.getByTestId("node-panel");
  const counts = panel.getByTestId("sub-task-counts");
  await expect(counts).toHaveAttribute("data-total", "12");
  await expect(counts.locator('[data-testid="sub-task-count"][data-phase="SUCCEEDED"]')).toHaveAttribute("data-count", "11");
  await expect(counts.locator('[data-testid="sub-task-count"][data-phase="FAILED"]')).toHaveAttribute("data-count", "1");
  await expect(counts).toContainText("12 sub-tasks:");

  const failed = panel.locator('[data-testid="sub-task"][data-index="7"]');
  await expect(failed).toHaveAttribute("data-phase", "FAILED");
  await expect(failed).toContainText("after 1 retry");
  await expect(failed.getByTestId("sub-task-error").getByTestId("error-last-line")).toHaveText(
    "RuntimeError: simulated failure of core.control_flow.map_task.a_mappable_task[7] (attempt 1)",
  );
  await expect(panel.getByTestId("sub-task-error")).toHaveCount(1);

  await panel.getByLabel(/Only failed sub-tasks \(1\)/).check();
  await expect(panel.getByTestId("sub-task")).toHaveCount(1);
  await failed.getByRole("button", { name: /logs-7/ }).click();
  const drawer = page.getByTestId("log-drawer");
  await expect(drawer.getByTestId("log-viewer")).toHaveAttribute("data-state", "ready");
  await expect(drawer.getByTestId("log-line").first()).toBeVisible();
  await page.getByRole("button", { name: "Close log" }).click();

  await panel.getByRole("tab", { name: "task" }).click();
  await expect(panel.getByTestId("task-resources")).toContainText("Memory: 300Mi (limit 500Mi)");
  await expect(panel.getByTestId("task-inputs").getByTestId("interface-row")).toHaveAttribute("data-name", "a");
});

test("a gate and a launch-plan node say why they have no attempts, and offer no Task tab", async ({ page }) => {
  await page.goto(executionUrl("seed-gate-approve", "?node=n1"));
  const panel = page.getByTestId("node-panel");
  await expect(panel.getByTestId("no-attempts")).toHaveText(/^An approval gate runs no task/, { timeout: 30_000 });
  await expect(panel.getByRole("tab", { name: "task" })).toHaveCount(0);

  await page.goto(executionUrl("seed-parent-wf", "?node=n2"));
  await expect(panel.getByTestId("no-attempts")).toHaveText(/^A launch-plan node runs no task here/, { timeout: 30_000 });
  await expect(panel.getByRole("tab", { name: "task" })).toHaveCount(0);
  await expect(page.getByText("No task attempts (yet)")).toHaveCount(0);
});
