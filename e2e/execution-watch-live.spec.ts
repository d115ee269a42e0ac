// Watching a run: the link flytekit prints opens the execution page, the DAG is drawn before the run starts,
// and every node changes colour in place (same DOM element, no reload) until the run has SUCCEEDED.
import { expect, test } from "./test";
import { flyteAdminExecutionUrl, flytekitConsoleUrl } from "@/lib/flyte/deep-links";
import { DOMAIN, PROJECT } from "./helpers";
import { launchChain } from "./execution-fixtures";

const CHAIN = ["n0", "n1", "n2", "n3", "n4"];

test("a flytekit link opens a running execution whose DAG nodes change phase in place until SUCCEEDED", async ({ page, request, baseURL }) => {
  test.setTimeout(150_000);
  const name = await launchChain(request, "live", CHAIN, { durationMs: 4000, queueMs: 300 }, { nodeName: (i) => `step_${i}` });
  await page.goto(flytekitConsoleUrl({ project: PROJECT, domain: DOMAIN, name }, baseURL!));
  await expect(page).toHaveURL(new RegExp(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}$`));
  const dag = page.getByTestId("dag");
  const node = (id: string) => dag.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);

  // The whole graph is there at once, with the nodes that have not started drawn as such.
  for (const id of ["start-node", ...CHAIN, "end-node"]) await expect(node(id)).toHaveCount(1);
  await expect(dag.locator('[data-testid="dag-node"][data-phase]')).toHaveCount(CHAIN.length + 2);
  await expect(node("n4")).toHaveAttribute("data-phase", "UNDEFINED");
  await expect(page.getByTestId("execution-phase")).toContainText(/Queued|Running/);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  // Marks that a reload or re-render from scratch would lose.
  await page.evaluate(() => {
    const w = window as unknown as { __marker: string; __last: Element | null; __seen: string[] };
    w.__marker = "still here";
    w.__last = document.querySelector('[data-testid="dag-node"][data-node-id="n4"]');
    w.__seen = [];
    new MutationObserver(() => {
      const phase = w.__last?.getAttribute("data-phase") ?? "";
      if (w.__seen.at(-1) !== phase) w.__seen.push(phase);
    }).observe(w.__last!, { attributes: true, attributeFilter: ["data-phase"] });
  });

  await expect(node("n1")).toHaveAttribute("data-phase", /RUNNING|QUEUED|SUCCEEDED/, { timeout: 20_000 });
  await expect(page.getByTestId("execution-phase")).toHaveText(/Succeeded/, { timeout: 90_000 });
  for (const id of CHAIN) await expect(node(id)).toHaveAttribute("data-phase", "SUCCEEDED");
  await expect(page.getByTestId("execution-header")).toHaveAttribute("data-phase", "SUCCEEDED");

  const after = await page.evaluate(() => {
    const w = window as unknown as { __marker?: string; __last: Element | null; __seen: string[] };
    return { marker: w.__marker, sameElement: w.__last?.isConnected ?? false, seen: w.__seen, navigations: performance.getEntriesByType("navigation").length };
  });
  expect(after.marker).toBe("still here");
  expect(after.sameElement).toBe(true);
  expect(after.navigations).toBe(1);
  // The last node went through running before it succeeded, all seen in the same element.
  expect(after.seen.at(-1)).toBe("SUCCEEDED");
  expect(after.seen.length).toBeGreaterThanOrEqual(2);
});

test("FlyteAdmin's …/nodeId/:id/nodes link selects the node; a copied URL reopens the same view", async ({ page, baseURL }) => {
  const url = flyteAdminExecutionUrl(`${baseURL}/console`, { nodeId: "n1", executionId: { project: PROJECT, domain: DOMAIN, name: "seed-retries-fail" } });
  await page.goto(url);
  await expect(page).toHaveURL(/\/executions\/seed-retries-fail\?node=n1$/);
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-node-id", "n1");
  await expect(page.getByTestId("node-panel-name")).toHaveText("call_flaky_api");
  await expect(page.getByTestId("dag").locator('[data-node-id="n1"]')).toHaveAttribute("aria-pressed", "true");

  // Another tab of the panel and another attempt: all in the query string.
  await panel.getByRole("tab", { name: "inputs" }).click();
  await expect(page).toHaveURL(/[?&]panel=inputs/);
  await page.getByTestId("tab-timeline").click();
  await expect(page).toHaveURL(/[?&]tab=timeline/);
  const copied = page.url();

  const other = await page.context().newPage();
  await other.goto(copied);
  await expect(other.getByTestId("timeline-tab")).toBeVisible();
  await expect(other.getByTestId("node-panel")).toHaveAttribute("data-node-id", "n1");
  await expect(other.getByTestId("node-panel").getByRole("tab", { name: "inputs" })).toHaveAttribute("aria-selected", "true");
  await expect(other.getByTestId("node-inputs")).toContainText("batch");
  await other.close();
});

test("an unknown execution gets a friendly not-found page", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/no-such-run-42`);
  const notFound = page.getByTestId("execution-not-found");
  await expect(notFound).toContainText("Execution no-such-run-42 was not found");
  await expect(page.getByRole("link", { name: DOMAIN, exact: true })).toBeVisible();
});

test("arrow keys move the selection between DAG nodes along the edges", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/seed-retries-fail`);
  const dag = page.getByTestId("dag");
  await expect(dag.locator('[data-node-id="n1"]')).toHaveAttribute("data-phase", "FAILED");
  await dag.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/[?&]node=n0(&|$)/);
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/[?&]node=n1(&|$)/);
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-node-id", "n1");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/[?&]node=n0(&|$)/);
});
