// A deep link paints at once: the server renders the execution's header into the HTML (it shows with
// JavaScript off), and sends the execution, its workflow and the live watch's snapshot with the page, so the
// browser asks FlyteAdmin for neither, draws the graph from the snapshot, and its live stream resumes from the
// snapshot's cursor; the graph's layout comes with the page too, so it draws without laying out first.
// Hydrating that HTML must not trip React's hydration checks (times, counts).
import { type Page, type APIRequestContext } from "@playwright/test";
import { expect, test } from "./test";
import { callBff, DOMAIN, executionUrl, PROJECT, relaunchSeed } from "./helpers";
import { launchChain } from "./execution-fixtures";
import { requestCounter } from "./request-counter";

const ADMIN = "/api/connect/flyteidl.service.AdminService/";
const WATCH = "/api/connect/flyteconsole.v1.ConsoleService/WatchExecution";

async function phaseOf(request: APIRequestContext, name: string): Promise<string> {
  const res = await callBff(request, "flyteidl.service.AdminService/GetExecution", { id: { project: PROJECT, domain: DOMAIN, name } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { closure?: { phase?: string } }).closure?.phase ?? "";
}

/**
 * The server waits for FlyteAdmin only so long (then the browser asks itself, which needs JavaScript): these
 * specs load the page once FlyteAdmin answers briskly (the sandbox may still be adding its history at start).
 */
async function untilAdminIsBrisk(request: APIRequestContext, name: string) {
  await expect
    .poll(
      async () => {
        const started = Date.now();
        const res = await callBff(request, "flyteidl.service.AdminService/GetExecution", { id: { project: PROJECT, domain: DOMAIN, name } });
        return res.ok() ? Date.now() - started : Infinity;
      },
      { timeout: 120_000 },
    )
    .toBeLessThan(250);
}

/**
 * Opens `url` with JavaScript off until the server had the execution in time to put its header in the HTML
 * (on a machine this busy one load may miss the server's 1 s); a page that never has it fails.
 */
async function openWithHeader(page: Page, url: string, name: string) {
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("execution-header").getByRole("heading", { level: 1 })).toHaveText(name, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

/** Notes whether the page ever showed the graph's "Laying out N nodes…" state. */
async function watchForLayingOut(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __layingOut?: boolean };
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="dag-layout-pending"]')) w.__layingOut = true;
    }).observe(document, { subtree: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { __layingOut?: boolean }).__layingOut ?? false);
}

const CHAIN = ["n0", "n1", "n2"];
// Long enough that the run is still going when the page has loaded, even on a busy machine.
const launchRun = (request: APIRequestContext) => launchChain(request, "ssr", CHAIN, { durationMs: 5_000 });

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a deep link shows the header from the HTML: name, phase, when it started and why it failed", async ({ page, request, baseURL }) => {
    test.setTimeout(240_000);
    await untilAdminIsBrisk(request, "seed-hello-world");
    const name = await relaunchSeed(request, baseURL!, "seed-retries-fail");
    await expect.poll(() => phaseOf(request, name), { timeout: 60_000 }).toBe("FAILED");
    await untilAdminIsBrisk(request, name);
    await openWithHeader(page, executionUrl(name), name);
    const header = page.getByTestId("execution-header");
    await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED");
    await expect(page.getByTestId("execution-phase")).toHaveText(/Failed/);
    await expect(header.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)).toBeVisible();
    await expect(page.getByTestId("execution-error")).toBeVisible();
    await expect(header.getByRole("link", { name: DOMAIN, exact: true })).toBeVisible();
  });

  test("a running execution's header is there too, with its phase and a running duration", async ({ page, request }) => {
    const name = await launchRun(request);
    // Running, not queued: a queued execution has no start time yet (FlyteAdmin sets it with the RUNNING event).
    await expect.poll(() => phaseOf(request, name), { timeout: 30_000 }).toBe("RUNNING");
    await untilAdminIsBrisk(request, name);
    await openWithHeader(page, executionUrl(name), name);
    await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "RUNNING");
    await expect(page.getByTestId("execution-duration")).toHaveText(/^\d+(ms|s)$|^\d+m \d\ds$/);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "connecting");
  });

  test("a mistyped deep link says the execution was not found", async ({ page, request }) => {
    await untilAdminIsBrisk(request, "seed-hello-world");
    await page.goto(executionUrl("no-such-execution-ssr"));
    await expect(page.getByTestId("execution-not-found")).toContainText("no-such-execution-ssr");
  });
});

test("a deep link to a running execution starts from the server's snapshot: no GetExecution or GetWorkflow from the browser, and live changes arrive", async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = await launchRun(request);
  await expect.poll(() => phaseOf(request, name), { timeout: 20_000 }).toBe("RUNNING");
  await untilAdminIsBrisk(request, name);
  const getExecution = requestCounter(page, `${ADMIN}GetExecution`);
  const getWorkflow = requestCounter(page, `${ADMIN}GetWorkflow`);
  const watches: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(WATCH)) watches.push((r.postDataBuffer() ?? Buffer.alloc(0)).toString("latin1"));
  });

  await page.goto(executionUrl(name));
  const dag = page.getByTestId("dag");
  const node = (id: string) => dag.locator(`[data-testid="dag-node"][data-node-id="${id}"]`);
  // Drawn from the server's snapshot: every node, n0 with the phase it had when the page was rendered.
  for (const id of CHAIN) await expect(node(id)).toHaveCount(1);
  await expect(node("n0")).toHaveAttribute("data-phase", /QUEUED|RUNNING|SUCCEEDED/);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  // The stream opened once, resuming from the snapshot's cursor (`<generation>.<sequence>`) rather than asking for a snapshot.
  expect(watches).toHaveLength(1);
  expect(watches[0]).toMatch(/[A-Za-z0-9_-]{8}\.\d+/);

  // Live changes arrive in place until the run ends.
  await expect(node("n2")).toHaveAttribute("data-phase", /RUNNING|SUCCEEDED/, { timeout: 45_000 });
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 45_000 });
  for (const id of CHAIN) await expect(node(id)).toHaveAttribute("data-phase", "SUCCEEDED");

  expect(getExecution.count, "GetExecution calls from the browser").toBe(0);
  expect(getWorkflow.count, "GetWorkflow calls from the browser").toBe(0);
  // Hydrating the server's HTML raised no React error: e2e/test.ts fails the test on any.
});

test("a finished execution's deep link draws from the server's data and layout, and opens no live stream", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const name = await relaunchSeed(request, baseURL!, "seed-retries-fail");
  await expect.poll(() => phaseOf(request, name), { timeout: 60_000 }).toBe("FAILED");
  await untilAdminIsBrisk(request, name);
  const executionCalls = ["GetExecution", "GetWorkflow", "ListNodeExecutions"].map((m) => requestCounter(page, `${ADMIN}${m}`));
  const watch = requestCounter(page, WATCH);
  const layingOutShown = await watchForLayingOut(page);

  await page.goto(executionUrl(name));
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED");
  await expect(page.locator('[data-testid="dag-node"][data-phase="FAILED"]').first()).toBeVisible();
  // Laid out by the server: drawn at once, never "Laying out…" (a fresh browser has no layout stored).
  expect(await layingOutShown(), "the graph showed its laying-out state").toBe(false);
  await expect(page.getByTestId("execution-error")).toBeVisible();
  await page.waitForLoadState("networkidle");

  expect(watch.count, "WatchExecution streams").toBe(0);
  expect(executionCalls.map((c) => c.count), "GetExecution, GetWorkflow and ListNodeExecutions calls from the browser").toEqual([0, 0, 0]);
  // Hydrating the server's HTML raised no React error: e2e/test.ts fails the test on any.
});
