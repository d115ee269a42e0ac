// Live updates against two things a real cluster does that a well-behaved sandbox would not: FlytePropeller's
// clock running ahead of FlyteAdmin's (the event times it reports are not FlyteAdmin's write times), and
// FlyteAdmin leaving a node RUNNING after its workflow ended (flyte#3931). The sandbox's faults play both.
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./test";
import { METRICS_PORTS } from "../playwright.config";
import { SANDBOX_HTTP, executionUrl, setSandboxFaults, watchPollLoops } from "./helpers";
import { launchChain } from "./execution-fixtures";

const CHAIN = ["n0", "n1", "n2", "n3"];

/**
 * Records every phase each DAG node shows, in order, from the page's first render on (an init script, so a
 * node that finished before the graph was first drawn still counts with what the page showed first).
 */
async function recordPhases(page: Page) {
  await page.addInitScript(() => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { __phases: typeof seen }).__phases = seen;
    const note = (el: Element) => {
      if (el.getAttribute("data-testid") !== "dag-node") return;
      const id = el.getAttribute("data-node-id")!;
      const phase = el.getAttribute("data-phase") ?? "";
      const list = (seen[id] ??= []);
      if (list.at(-1) !== phase) list.push(phase);
    };
    new MutationObserver((records) =>
      records.forEach((r) => {
        if (r.type === "attributes") note(r.target as Element);
        r.addedNodes.forEach((n) => {
          if (n instanceof Element) [n, ...n.querySelectorAll('[data-testid="dag-node"]')].forEach(note);
        });
      }),
    ).observe(document, { attributes: true, attributeFilter: ["data-phase"], childList: true, subtree: true });
  });
}

async function listNodeCalls(request: APIRequestContext): Promise<number> {
  const stats = (await (await request.get(`${SANDBOX_HTTP}/_sandbox/stats`)).json()) as { methods: Record<string, { calls: number }> };
  return Object.entries(stats.methods)
    .filter(([method]) => method.endsWith("/ListNodeExecutions"))
    .reduce((sum, [, m]) => sum + m.calls, 0);
}

test.afterEach(async ({ request }) => {
  await setSandboxFaults(request, { clockSkewMs: 0, leaveNodeRunning: false });
});

test("with FlytePropeller's clock 5 s ahead of FlyteAdmin's, every node change still reaches the page", async ({ page, request }) => {
  test.setTimeout(120_000);
  await setSandboxFaults(request, { clockSkewMs: 5_000 });
  const name = await launchChain(request, "skew", CHAIN, { durationMs: 2_500 });
  await recordPhases(page);
  await page.goto(executionUrl(name));
  await expect(page.getByTestId("dag").locator('[data-testid="dag-node"]')).toHaveCount(CHAIN.length + 2);

  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 60_000 });
  const seen = await page.evaluate(() => (window as unknown as { __phases: Record<string, string[]> }).__phases);
  for (const id of CHAIN) {
    expect(seen[id], `phases the page showed for ${id}`).toContain("RUNNING");
    expect(seen[id].at(-1), `last phase of ${id}`).toBe("SUCCEEDED");
  }
});

test("a run that ends with a node FlyteAdmin still reports RUNNING shows it so, and the console stops polling for it", async ({ page, request }) => {
  test.setTimeout(120_000);
  await setSandboxFaults(request, { leaveNodeRunning: true });
  const name = await launchChain(request, "skew", CHAIN, { durationMs: 800 });
  await page.goto(executionUrl(name));
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 60_000 });
  // As FlyteAdmin reports it: the last node never got its final event.
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n3"]')).toHaveAttribute("data-phase", "RUNNING");
  // The watch did one final sweep and ended: no loop within one interval (750 ms), no calls after.
  await expect.poll(() => watchPollLoops(request, `http://127.0.0.1:${METRICS_PORTS[0]}`), { timeout: 1_000, intervals: [100] }).toBe(0);
  const calls = await listNodeCalls(request);
  await page.waitForTimeout(2_000);
  expect(await listNodeCalls(request), "ListNodeExecutions calls in the 2 s after the run ended").toBe(calls);
});
