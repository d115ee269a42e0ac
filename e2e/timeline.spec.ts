// Reading a finished run's timeline: a time axis in local time or UTC, zoom that keeps the pointer's time in
// place, each retry of a node as a block of its own, and the critical path marked on the nodes that decided
// when the run ended.
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, SANDBOX_HTTP, executionUrl, failOnPageErrors, waitUntilEnded } from "./helpers";

// Half an hour off UTC, so every local label differs from its UTC one.
test.use({ timezoneId: "Asia/Kolkata" });

interface RestNode {
  id: { nodeId: string };
  closure: { phase: string; startedAt?: string; duration?: string };
}


async function nodeExecutions(request: APIRequestContext, name: string): Promise<RestNode[]> {
  const res = await request.get(`${SANDBOX_HTTP}/api/v1/node_executions/${PROJECT}/${DOMAIN}/${name}?limit=100`);
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { nodeExecutions: RestNode[] }).nodeExecutions;
}

const endMs = (n: RestNode) => Date.parse(n.closure.startedAt!) + parseFloat(n.closure.duration ?? "0") * 1000;

failOnPageErrors(test);

const row = (page: Page, nodeId: string) => page.locator(`[data-testid="timeline-row"][data-node-id="${nodeId}"]`);
const tickLabels = (page: Page) => page.getByTestId("timeline-tick").allTextContents();

test("the axis names its times in local time or in UTC, and the choice is remembered", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-raw-container");
  await page.goto(executionUrl("seed-raw-container", "?tab=timeline"));
  const zone = page.getByTestId("timeline-zone");
  await expect(zone).toHaveText("Times in local time (GMT+5:30)");
  await expect(page.getByTestId("timeline-tick").nth(1)).toBeVisible();
  const local = await tickLabels(page);
  expect(local.length).toBeGreaterThanOrEqual(2);

  await page.getByRole("button", { name: "UTC", exact: true }).click();
  await expect(zone).toHaveText("Times in UTC");
  await expect.poll(() => tickLabels(page)).not.toEqual(local);
  const utc = await tickLabels(page);
  // The same instants, 5:30 apart: the first labels' hours or minutes differ.
  expect(utc[0]).not.toBe(local[0]);

  await page.reload();
  await expect(zone).toHaveText("Times in UTC");
  await expect.poll(() => tickLabels(page)).toEqual(utc);
  await page.getByRole("button", { name: "Local time" }).click();
  await expect.poll(() => tickLabels(page)).toEqual(local);
});

test("zoom in and out keeps the time under the pointer, and resets", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-raw-container");
  await page.goto(executionUrl("seed-raw-container", "?tab=timeline"));
  const level = page.getByTestId("timeline-zoom");
  await expect(level).toHaveText("×1");
  const bar = row(page, "n5").getByTestId("timeline-attempt").first();
  await expect(bar).toBeVisible();
  const before = (await bar.boundingBox())!;
  const widthBefore = before.width;

  // Ctrl + wheel with the pointer on n5's start: the chart zooms there and n5 starts where it did.
  await page.mouse.move(before.x + 1, before.y + before.height / 2);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -200);
  await page.keyboard.up("Control");
  await expect(level).not.toHaveText("×1");
  await expect.poll(async () => (await bar.boundingBox())!.width).toBeGreaterThan(widthBefore * 1.5);
  const after = (await bar.boundingBox())!;
  expect(Math.abs(after.x - before.x)).toBeLessThan(4);

  // Finer ticks when zoomed in.
  const spacing = async () => {
    const ms = await page.getByTestId("timeline-tick").evaluateAll((ts) => ts.map((t) => Number(t.getAttribute("data-ms"))));
    return ms[1] - ms[0];
  };
  const zoomedSpacing = await spacing();
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(level).toHaveText("×1");
  await expect.poll(async () => (await bar.boundingBox())!.width).toBeCloseTo(widthBefore, 0);
  expect(await spacing()).toBeGreaterThan(zoomedSpacing);

  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(level).toHaveText("×2");
  await expect.poll(async () => (await bar.boundingBox())!.width).toBeCloseTo(widthBefore * 2, 0);
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(level).toHaveText("×1");
  await expect(page.getByRole("button", { name: "Zoom out" })).toBeDisabled();
});

test("a node that was retried shows each attempt as its own block, in order", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-retries-ok");
  await page.goto(executionUrl("seed-retries-ok", "?tab=timeline"));
  const attempts = row(page, "n1").getByTestId("timeline-attempt");
  await expect(attempts).toHaveCount(3); // fails twice, succeeds on the third attempt
  await expect(attempts.nth(0)).toHaveAttribute("data-phase", "RETRYABLE_FAILED");
  await expect(attempts.nth(2)).toHaveAttribute("data-phase", "SUCCEEDED");
  const boxes = await Promise.all([0, 1, 2].map(async (i) => (await attempts.nth(i).boundingBox())!));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].x).toBeGreaterThanOrEqual(boxes[i - 1].x + boxes[i - 1].width - 0.5);
  await expect(attempts.nth(1)).toHaveAttribute("title", /^Attempt 2 · /);
  // n0 ran once.
  await expect(row(page, "n0").getByTestId("timeline-attempt")).toHaveCount(1);
});

test("the critical path is marked on the slowest of the parallel nodes and the node they feed", async ({ page, request }) => {
  await waitUntilEnded(request, "seed-raw-container");
  // Five raw containers n0…n4 run side by side and feed n5: the one that ended last held n5 back.
  const parallel = (await nodeExecutions(request, "seed-raw-container")).filter((n) => /^n[0-4]$/.test(n.id.nodeId));
  expect(parallel).toHaveLength(5);
  const slowest = parallel.reduce((a, b) => (endMs(b) > endMs(a) ? b : a)).id.nodeId;

  await page.goto(executionUrl("seed-raw-container", "?tab=timeline"));
  await expect(page.getByTestId("timeline-row")).toHaveCount(6);
  const critical = page.locator('[data-testid="timeline-row"][data-critical="true"]');
  await expect(critical).toHaveCount(2);
  expect((await critical.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-node-id")))).sort()).toEqual([slowest, "n5"].sort());
  for (const id of [slowest, "n5"]) {
    await expect(row(page, id).getByTestId("critical-outline")).toBeVisible();
    await expect(row(page, id).getByTestId("critical-mark")).toBeVisible();
    await expect(row(page, id).getByRole("button", { name: /on the critical path/ })).toBeVisible();
  }
  for (const other of ["n0", "n1", "n2", "n3", "n4"].filter((id) => id !== slowest)) {
    await expect(row(page, other).getByTestId("critical-outline")).toHaveCount(0);
  }
  await expect(page.getByTestId("critical-path-summary")).toContainText("→");

  // The rows' names are reachable by keyboard, after the toolbar, and select the node.
  await row(page, "n5").getByRole("button", { name: /on the critical path/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]node=n5(&|$)/);
});
