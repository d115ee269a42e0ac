// Reading a run's graph at a laptop's size: every node's name whole, the edges clear of the nodes, the minimap
// out of the way (and away when asked), the picked node in view beside its panel, the thousand-node run's nodes
// told apart by id, and a waiting gate amber like its banner.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";

test.use({ viewport: { width: 1440, height: 900 } });

/** Every seeded run small enough to open drawn in full (seed-large-1k has a test of its own below). */
const SEEDS = [
  "seed-hello-world",
  "seed-basic-wf",
  "seed-cache-first",
  "seed-raw-container",
  "seed-branch",
  "seed-branch-square",
  "seed-branch-fails",
  "seed-branch-outputs",
  "seed-subworkflows",
  "seed-hashed-ids",
  "seed-parent-wf",
  "seed-map-task",
  "seed-dynamic",
  "seed-retries-fail",
  "seed-retries-ok",
  "seed-recoverable",
  "seed-timeout",
  "seed-system-error",
  "seed-fail-late",
  "seed-long-running",
  "seed-gate-approve",
  "seed-gate-signal",
  "seed-gate-sleep",
  "seed-all-types",
];

const dag = (page: Page) => page.getByTestId("dag");
const minimapOf = (page: Page) => dag(page).locator(".react-flow__minimap");
const fullNodes = (page: Page) => dag(page).locator('div[data-testid="dag-node"]');

async function openGraph(page: Page, name: string, query = "") {
  await page.goto(executionUrl(name, query));
  await expect(fullNodes(page).first()).toBeVisible({ timeout: 30_000 });
  // Drawn in full (not as the zoomed-out boxes, which have no text to cut).
  await expect(dag(page).locator('[data-testid="dag-node-label"]').first()).toBeVisible();
}

/** What the page shows of each node's name, and whether any of it is cut off or spills out of its node. */
function labelsOf(page: Page) {
  return dag(page).evaluate((root) =>
    [...root.querySelectorAll<HTMLElement>('[data-testid="dag-node-label"]')].map((label) => {
      const node = label.closest<HTMLElement>('[data-testid="dag-node"]')!;
      const l = label.getBoundingClientRect();
      const n = node.getBoundingClientRect();
      return {
        id: node.getAttribute("data-node-id"),
        text: label.textContent,
        scrollWidth: label.scrollWidth,
        clientWidth: label.clientWidth,
        inside: l.left >= n.left - 0.5 && l.right <= n.right + 0.5 && l.top >= n.top - 0.5 && l.bottom <= n.bottom + 0.5,
      };
    }),
  );
}

/** Edges whose line passes over a node other than its own two ends (points along each path, in page pixels). */
function edgesUnderNodes(page: Page) {
  return dag(page).evaluate((root) => {
    const boxes = [...root.querySelectorAll<HTMLElement>('div[data-testid="dag-node"]:not([data-expanded])')].map((el) => ({
      id: el.getAttribute("data-graph-id")!,
      rect: el.getBoundingClientRect(),
    }));
    const hits: string[] = [];
    for (const edge of root.querySelectorAll<SVGGElement>(".react-flow__edge")) {
      const id = edge.getAttribute("data-id") ?? "";
      const [source, target] = id.split("->");
      const path = edge.querySelector<SVGPathElement>("path.react-flow__edge-path");
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const length = path.getTotalLength();
      for (let at = 2; at < length - 2; at += 3) {
        const p = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(matrix);
        const under = boxes.find(({ id: nodeId, rect: r }) => nodeId !== source && nodeId !== target && p.x > r.left + 1 && p.x < r.right - 1 && p.y > r.top + 1 && p.y < r.bottom - 1);
        if (under) {
          hits.push(`${id} under ${under.id}`);
          break;
        }
      }
    }
    return hits;
  });
}

test("at 1440×900 no seeded node's name is cut short, and no edge runs under a node", async ({ page }) => {
  test.setTimeout(240_000);
  for (const seed of SEEDS) {
    await openGraph(page, seed);
    // Every node drawn in full shows its name (start and end markers have none).
    const drawn = await fullNodes(page).evaluateAll((els) => els.filter((el) => !["start", "end"].includes(el.getAttribute("data-kind") ?? "")).length);
    const labels = await labelsOf(page);
    expect(labels.length, seed).toBe(drawn);
    for (const l of labels) {
      expect(l.text, `${seed}: ${l.id}`).toBeTruthy();
      expect(l.scrollWidth, `${seed}: "${l.text}" (${l.id}) is cut short`).toBeLessThanOrEqual(l.clientWidth);
      expect(l.inside, `${seed}: "${l.text}" (${l.id}) spills out of its node`).toBe(true);
    }
    expect(await edgesUnderNodes(page), seed).toEqual([]);
  }
});

test("the minimap sits clear of the nodes, and hides for good when asked", async ({ page }) => {
  await openGraph(page, "seed-raw-container");
  const minimap = minimapOf(page);
  await expect(minimap).toBeVisible();
  const map = (await minimap.boundingBox())!;
  for (const box of await fullNodes(page).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
    const overlaps = box.left < map.x + map.width && map.x < box.right && box.top < map.y + map.height && map.y < box.bottom;
    expect(overlaps, `a node at ${box.left},${box.top} is under the minimap`).toBe(false);
  }

  const toggle = page.getByTestId("dag-minimap-toggle");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(minimap).toHaveCount(0);
  await expect(toggle).toHaveAccessibleName("Show the minimap");
  // Remembered by this browser: another run opens without it.
  await openGraph(page, "seed-hello-world");
  await expect(page.getByTestId("dag-minimap-toggle")).toHaveAttribute("aria-pressed", "false");
  await expect(minimapOf(page)).toHaveCount(0);
  await page.getByTestId("dag-minimap-toggle").click();
  await expect(minimapOf(page)).toBeVisible();
});

test("the node picked right of the middle is centred again when its panel narrows the graph", async ({ page }) => {
  await openGraph(page, "seed-raw-container");
  const last = fullNodes(page).and(page.locator('[data-node-id="n5"]'));
  await last.click();
  await expect(page.getByTestId("node-panel")).toBeVisible();
  await expect
    .poll(async () => {
      const node = (await last.boundingBox())!;
      const graph = (await dag(page).boundingBox())!;
      return Math.abs(node.x + node.width / 2 - (graph.x + graph.width / 2));
    })
    .toBeLessThan(30);
  const node = (await last.boundingBox())!;
  const panel = (await page.getByTestId("node-panel").boundingBox())!;
  expect(node.x + node.width).toBeLessThan(panel.x);
});

test("arrow keys step over the start and end markers", async ({ page }) => {
  await openGraph(page, "seed-raw-container");
  await dag(page).focus();
  const selected = () => new URL(page.url()).searchParams.get("node");
  await page.keyboard.press("ArrowRight");
  await expect.poll(selected).toMatch(/^n[0-4]$/);
  await page.keyboard.press("ArrowRight");
  await expect.poll(selected).toBe("n5");
  // The end marker is next in the drawing; the selection stays on the last real node.
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(selected).toMatch(/^n[0-4]$/);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(selected).toMatch(/^n[0-4]$/);
});

test("zoomed in, the 1,000-node run's nodes say which node they are, legibly", async ({ page }) => {
  await page.goto(executionUrl("seed-large-1k"));
  await expect(dag(page)).toHaveAttribute("data-node-count", "1004", { timeout: 60_000 });
  await dag(page).focus();
  // The first key picks the first node and zooms in on it; the next moves along its edges.
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => new URL(page.url()).searchParams.get("node")).toBe("split");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => new URL(page.url()).searchParams.get("node")).toMatch(/^l0-n\d+$/);
  const id = new URL(page.url()).searchParams.get("node")!;
  const node = fullNodes(page).and(page.locator(`[data-node-id="${id}"]`));
  await expect(node).toBeVisible();
  // Every one of the thousand runs `step`: the node's id tells them apart.
  await expect(node.getByTestId("dag-node-label")).toHaveText("step");
  await expect(node).toContainText(id);
  const idLine = node.getByText(id, { exact: false });
  // The keys zoom in to the nodes' own size: the id's line is drawn at least 12px tall.
  expect((await idLine.boundingBox())!.height).toBeGreaterThanOrEqual(12);
  const labels = await labelsOf(page);
  expect(labels.length).toBeGreaterThan(0);
  for (const l of labels) expect(l.scrollWidth, `"${l.text}" (${l.id})`).toBeLessThanOrEqual(l.clientWidth);
});

test("a gate waiting for approval is drawn amber, like its banner", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-gate-approve");
  await page.goto(executionUrl(name));
  const banner = page.getByTestId("gate-banner");
  await expect(banner).toBeVisible({ timeout: 30_000 });
  const gate = dag(page).locator('div[data-testid="dag-node"][data-waiting="true"]');
  await expect(gate).toBeVisible();
  const colours = (el: Element) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, text: s.color };
  };
  const bannerBg = (await banner.evaluate(colours)).background;
  const gateColours = await gate.evaluate(colours);
  expect(gateColours.background).toBe(bannerBg);
  // And no other phase is drawn in it: a running task node is blue.
  const running = dag(page).locator('div[data-testid="dag-node"][data-phase="RUNNING"]:not([data-waiting])');
  if (await running.count()) expect((await running.first().evaluate(colours)).background).not.toBe(bannerBg);
});
