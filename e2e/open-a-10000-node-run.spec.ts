// A run as wide as dynamic workflows and array expansions make them: 10,000 nodes that all succeeded. Its
// graph opens whole (not narrowed to failed or running nodes, which would show nothing), every node with its
// phase, and it pans, zooms in and opens a node's panel like any graph.
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, SANDBOX_HTTP } from "./helpers";
import { launch, registerWorkflow, uniqueName } from "./execution-fixtures";

const NODES = 10_000;
/** Nodes per layer: 25 layers, so the sandbox runs it in seconds. */
const WIDTH = 400;

const executionPage = (name: string, query = "") => `/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}${query}`;
const dagNode = (page: Page, id: string) => page.getByTestId("dag").locator(`[data-testid="dag-node"][data-node-id="${id}"]`);
const viewport = (page: Page) => page.locator(".react-flow__viewport").getAttribute("style");

async function succeededRun(request: APIRequestContext): Promise<string> {
  const version = uniqueName("v");
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    id: `n${i}`,
    task: "e2e.wide.t",
    ...(i >= WIDTH ? { after: [`n${i - WIDTH}`, ...((i % WIDTH) + 1 < WIDTH ? [`n${i - WIDTH + 1}`] : [])] } : {}),
  }));
  const lp = await registerWorkflow(request, version, [{ name: "e2e.wide.t", sandbox: { durationMs: 0, queueMs: 0, waitingMs: 0 } }], { name: "e2e.wide.wf", nodes });
  const name = await launch(request, lp, uniqueName("wide"));
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_HTTP}/api/v1/executions/${PROJECT}/${DOMAIN}/${name}`);
        return ((await res.json()) as { closure?: { phase?: string } }).closure?.phase;
      },
      { timeout: 420_000, intervals: [2000] },
    )
    .toBe("SUCCEEDED");
  return name;
}

test("a succeeded 10,000-node run opens with its whole graph drawn, pans, zooms in and opens a node", async ({ page, request }) => {
  test.setTimeout(600_000);
  const name = await succeededRun(request);
  await page.goto(executionPage(name));

  const dag = page.getByTestId("dag");
  await expect(dag).toHaveAttribute("data-node-count", String(NODES + 2), { timeout: 120_000 });
  // Not filtered: the bar only says how big the graph is.
  await expect(page.getByTestId("graph-filter")).toHaveAttribute("data-filtered", "false");
  await expect(page.getByTestId("graph-filter")).toContainText("Large graph: 10,002 nodes");
  await expect(dag.locator('[data-testid="dag-node"][data-kind="task"][data-phase="SUCCEEDED"]')).toHaveCount(NODES, { timeout: 60_000 });

  // Dragging the pane moves the drawing.
  const before = await viewport(page);
  const box = (await dag.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 240, box.y + 140, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => viewport(page)).not.toBe(before);

  // A rectangle of the zoomed-out drawing opens its node (one mid-graph, in view after the drag).
  await dagNode(page, "n5000").click();
  await expect(page.getByTestId("node-panel")).toContainText("n5000");
  expect(new URL(page.url()).searchParams.get("node")).toBe("n5000");

  // Zoomed in, the nodes in view are full nodes with their phase, and only those are in the page.
  // The arrow keys move to the next node and zoom in on it (the graph is a narrow band of 25 columns, so a
  // zoom at some point of the page would mostly show empty space).
  await dag.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).not.toHaveURL(/[?&]node=n5000(&|$)/);
  const full = dag.locator('div[data-testid="dag-node"][role="button"]');
  await expect(full.first()).toBeVisible();
  await expect(full.first()).toHaveAttribute("data-phase", "SUCCEEDED");
  expect(await full.count()).toBeLessThan(500);
  await expect(dag.locator('rect[data-testid="dag-node"]')).toHaveCount(0);
  // One wholly in view (the page mounts a margin of nodes around the view too).
  const picked = await dag.evaluate((el) => {
    const area = el.getBoundingClientRect();
    for (const n of el.querySelectorAll('div[data-testid="dag-node"][role="button"]')) {
      const r = n.getBoundingClientRect();
      if (r.left > area.left + 20 && r.right < area.right - 20 && r.top > area.top + 20 && r.bottom < area.bottom - 20) return n.getAttribute("data-node-id");
    }
    return null;
  });
  expect(picked).toBeTruthy();
  await dagNode(page, picked!).click();
  await expect(page).toHaveURL(new RegExp(`[?&]node=${picked}(&|$)`));
  await expect(page.getByTestId("node-panel")).toContainText(picked!);
});
