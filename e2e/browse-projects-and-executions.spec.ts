import { expect, test } from "./test";
import { DOMAIN, PROJECT } from "./helpers";

const PHASES = /^(UNDEFINED|QUEUED|RUNNING|SUCCEEDING|SUCCEEDED|FAILING|FAILED|ABORTED|TIMED_OUT|ABORTING)$/;

test("the projects page lists the sandbox's projects and leads to a domain's executions", async ({ page }) => {
  await page.goto("/console");
  const card = page.locator(`[data-testid="project-card"][data-project-id="${PROJECT}"]`);
  await expect(card).toBeVisible();
  expect(await page.getByTestId("project-card").count()).toBeGreaterThanOrEqual(2);
  await card.getByRole("link", { name: DOMAIN }).click();

  await expect(page).toHaveURL(new RegExp(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions$`));
  const rows = page.getByTestId("execution-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(3);
  for (const phase of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-phase")))) {
    expect(phase).toMatch(PHASES);
  }
  // Each row's phase is spelled out, not only coloured.
  await expect(rows.first().getByText(/Succeeded|Failed|Running|Queued|Aborted|Timed out|Aborting|Failing|Succeeding/)).toBeVisible();
});

test("the old ?domain= form opens the same executions list at its path form", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/executions?domain=${DOMAIN}`);
  await expect(page).toHaveURL(new RegExp(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions$`));
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "staging" })).toBeVisible();
});

test("flytekit's execution URL and FlyteAdmin's node URL open the execution", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);
  const first = page.getByTestId("execution-row").first();
  const name = await first.getAttribute("data-execution-name");
  expect(name).toBeTruthy();

  // Exactly what FlyteRemote.generate_console_url returns for an execution.
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}`);
  await expect(page.getByTestId("execution-header")).toBeVisible();
  await expect(page.getByRole("heading", { name: name! })).toBeVisible();
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", PHASES);

  // FlyteAdmin's FLYTE_EXECUTION_URL form selects a node.
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}/nodeId/n0/nodes`);
  await expect(page).toHaveURL(new RegExp(`/executions/${name}\\?node=n0$`));
  await expect(page.getByTestId("execution-header")).toBeVisible();
});

test("an execution that does not exist says so", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/no-such-run`);
  await expect(page.getByTestId("execution-not-found")).toContainText("no-such-run");
});

test("an unknown console URL gets a friendly 404", async ({ page }) => {
  const res = await page.goto("/console/nothing/here");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});
