// The compare page in headless Chromium against the sandbox: two runs of one synthetic 1,000-node workflow (the
// execution page bench's, bench/register.ts), from navigation to the comparison ready with its graph drawn.
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { Browser } from "playwright-core";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { workflowPhase } from "@/lib/flyte/phases";
import { comparePath } from "@/lib/flyte/urls";
import { benchState, launchChromium, newProbedContext } from "./browser";
import { BENCH_DOMAIN, BENCH_PROJECT, launch, registerSynthetic, waitForPhase } from "./register";
import { percentile, printTable } from "./stats";
import { recordTarget } from "./targets";
import type { Stack } from "./stack";

const SAMPLES = Number(process.env.BENCH_COLD_SAMPLES || 3);
const NODES = 1000;

export const COMPARE_DEFINITIONS = {
  ready:
    'navigation start → [data-testid="compare-page"][data-ready="true"] (both runs, their inputs and outputs, every node execution (nested ones included) and the ' +
    'workflow loaded, the comparison computed and its tables rendered) and the graph drawn: as many [data-testid="dag-node"] in [data-testid="compare-graph"] ' +
    "as its data-node-count. Polled in the page every 50 ms",
  cold: "a console server process started afresh, its routes warmed by one visit to another page, and a fresh browser context",
  warm: "the same context reloading the page right after",
};

/** Polled in the page: true once the comparison is ready and its graph drawn. */
function readyCheck(): boolean {
  const b = (window as unknown as { __bench: { drawnAt?: number } }).__bench;
  if (b.drawnAt !== undefined) return true;
  if (!document.querySelector('[data-testid="compare-page"][data-ready="true"]')) return false;
  const dag = document.querySelector('[data-testid="compare-graph"] [data-testid="dag"]');
  if (!dag) return false;
  const need = Number(dag.getAttribute("data-node-count") ?? 0);
  const drawn = new Set([...dag.querySelectorAll('[data-testid="dag-node"]')].map((el) => el.getAttribute("data-graph-id")));
  if (need === 0 || drawn.size < need) return false;
  b.drawnAt = performance.now();
  return true;
}

async function warmUp(browser: Browser, url: string) {
  const context = await newProbedContext(browser);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector('[data-testid="compare-page"][data-ready="true"]', { timeout: 120_000, state: "attached" });
  await context.close();
}

export async function benchComparePage(stack: Stack) {
  const admin = createClient(AdminService, createGrpcTransport({ baseUrl: stack.sandboxGrpc }));
  const run = Date.now().toString(36);
  const lp = await registerSynthetic(admin, NODES, `${run}-compare`);
  const a = await launch(admin, lp, `bench-cmp-a-${run}`);
  const b = await launch(admin, lp, `bench-cmp-b-${run}`);
  // The warm-up compares two seeded runs: it loads the route's code into the fresh server, not this data.
  const warmA = "seed-hello-world";
  const warmB = "seed-basic-wf";
  for (const id of [a, b]) await waitForPhase(admin, id, (p) => workflowPhase(p).isTerminal, 1_800_000);
  const url = `${stack.console}/console${comparePath(BENCH_PROJECT, BENCH_DOMAIN, [a.name, b.name])}`;
  const warmUrl = `${stack.console}/console${comparePath(BENCH_PROJECT, BENCH_DOMAIN, [warmA, warmB])}`;

  const browser = await launchChromium();
  const samples: { kind: "cold" | "warm"; readyMs: number }[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      await stack.restartConsole();
      await warmUp(browser, warmUrl);
      const context = await newProbedContext(browser);
      try {
        const page = await context.newPage();
        for (const kind of ["cold", "warm"] as const) {
          if (kind === "cold") await page.goto(url, { waitUntil: "commit" });
          else await page.reload({ waitUntil: "commit" });
          await page.waitForFunction(readyCheck, undefined, { timeout: 120_000, polling: 50 });
          samples.push({ kind, readyMs: Math.round((await benchState(page)).drawnAt!) });
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const p50 = (kind: string) => percentile(samples.filter((s) => s.kind === kind).map((s) => s.readyMs).sort((x, y) => x - y), 50);
  console.log(`\nCompare page — two ${NODES.toLocaleString("en")}-node runs (${COMPARE_DEFINITIONS.ready}; cold: ${COMPARE_DEFINITIONS.cold}; warm: ${COMPARE_DEFINITIONS.warm})`);
  printTable(
    ["runs", "", "ready ms (p50)", "each sample"],
    (["cold", "warm"] as const).map((kind) => [kind === "cold" ? `${a.name} vs ${b.name}` : "", kind, Math.round(p50(kind)), samples.filter((s) => s.kind === kind).map((s) => s.readyMs).join(" / ")]),
  );
  recordTarget("compare-1000", { cold: `${Math.round(p50("cold"))} ms`, warm: `${Math.round(p50("warm"))} ms`, pass: p50("cold") <= 2000 });
  return { definitions: COMPARE_DEFINITIONS, nodes: NODES, runs: [a.name, b.name], samples };
}
