// The execution page in headless Chromium against the sandbox: time to paint every DAG node
// with its phase at 100 / 1,000 / 5,000 nodes, panning frame rate, live latency from a sandbox
// event to the colour change in the page, and the route's first-load JavaScript.
import { setMaxListeners } from "node:events";
import { gzipSync } from "node:zlib";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { chromium, type Browser } from "playwright-core";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { timestampMs } from "@/lib/flyte/time";
import { consolePath } from "@/lib/flyte/urls";
import { launch, registerSynthetic, waitForPhase } from "./register";
import { printTable, round, summarize } from "./stats";
import type { Stack } from "./stack";

type Admin = Client<typeof AdminService>;

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A page whose evaluated functions survive tsx's `__name` helper (esbuild keepNames wraps named functions). */
export async function newBenchPage(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.addInitScript("globalThis.__name = globalThis.__name || ((f) => f)");
  return page;
}

function executionUrl(stack: Stack, id: { project: string; domain: string; name: string }) {
  return `${stack.console}${consolePath({ page: "execution", ...id })}`;
}

/** Navigation → every DAG node in the page with a phase. */
async function paintTime(browser: Browser, stack: Stack, admin: Admin, nodes: number, run: string) {
  const lp = await registerSynthetic(admin, nodes, run);
  const id = await launch(admin, lp, `bench-paint-${nodes}-${run}`);
  await waitForPhase(admin, id, (p) => p === WorkflowExecution_Phase.SUCCEEDED, 600_000);
  const page = await newBenchPage(browser);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.goto(executionUrl(stack, id));
    await page.waitForFunction(
      (expected) => {
        const els = document.querySelectorAll('[data-testid="dag-node"]');
        if (els.length < expected) return false;
        for (const el of els) {
          const kind = el.getAttribute("data-kind");
          if (kind !== "start" && kind !== "end" && el.getAttribute("data-phase") === "UNDEFINED") return false;
        }
        return true;
      },
      nodes + 2,
      { timeout: 120_000, polling: 50 },
    );
    samples.push(Date.now() - t0);
  }
  await page.close();
  return { nodes, medianMs: summarize(samples).p50, samplesMs: samples };
}

/** Frames per second while dragging the graph. */
async function panFps(browser: Browser, stack: Stack, id: { project: string; domain: string; name: string }) {
  const page = await newBenchPage(browser);
  await page.goto(executionUrl(stack, id));
  await page.getByTestId("dag").waitFor();
  await page.waitForTimeout(1000);
  const box = (await page.getByTestId("dag").boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[] };
    w.__frames = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__frames.length < 600) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < 1500) {
    i++;
    await page.mouse.move(box.x + box.width / 2 + Math.sin(i / 5) * 300, box.y + box.height / 2 + Math.cos(i / 7) * 150);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames);
  await page.close();
  const gaps = frames.slice(1).map((t, k) => t - frames[k]);
  const s = summarize(gaps);
  return { fps: round(1000 / s.mean, 1), p95FrameMs: round([...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.95)] ?? NaN, 1) };
}

/** Sandbox event → colour change in the page: each node's SUCCEEDED seen by a MutationObserver, against its updated_at. */
async function liveLatency(browser: Browser, stack: Stack, admin: Admin, run: string) {
  const lp = await registerSynthetic(admin, 60, `${run}-live`, 6);
  const page = await newBenchPage(browser);
  const id = await launch(admin, lp, `bench-live-${run}`);
  await page.goto(executionUrl(stack, id));
  await page.getByTestId("dag").waitFor();
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        const nodeId = el.getAttribute("data-node-id");
        if (nodeId && el.getAttribute("data-phase") === "SUCCEEDED" && !(nodeId in seen)) seen[nodeId] = Date.now();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-phase"] });
  });
  await waitForPhase(admin, id, (p) => p === WorkflowExecution_Phase.SUCCEEDED, 300_000);
  await page.waitForTimeout(2000);
  const seen = await page.evaluate(() => (window as unknown as { __seen: Record<string, number> }).__seen);
  await page.close();
  const list = await admin.listNodeExecutions({ workflowExecutionId: id, limit: 1000 });
  const latencies: number[] = [];
  for (const ne of list.nodeExecutions) {
    if (ne.closure?.phase !== NodeExecution_Phase.SUCCEEDED) continue;
    const at = seen[ne.id!.nodeId];
    const updated = timestampMs(ne.closure.updatedAt);
    if (at !== undefined && updated !== undefined) latencies.push(at - updated);
  }
  const s = summarize(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  return { transitions: latencies.length, p50Ms: round(s.p50, 0), p95Ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? NaN, 0) };
}

/** The execution route's first-load JavaScript: every script the HTML references, gzipped. */
async function firstLoadJs(stack: Stack, id: { project: string; domain: string; name: string }) {
  const html = await (await fetch(executionUrl(stack, id))).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, stack.console))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { scripts: srcs.length, rawKB: round(raw / 1024, 1), gzipKB: round(gz / 1024, 1) };
}

/**
 * FlyteAdmin calls per second while 1 and then 50 browsers' worth of WatchExecution streams watch one
 * execution: 50 with the same credentials, and 50 each with its own token (people, not tabs).
 */
async function upstreamCost(stack: Stack, admin: Admin, run: string) {
  const lp = await registerSynthetic(admin, 400, `${run}-watch`, 4);
  const measure = async (watchers: number, distinctTokens = false) => {
    const id = await launch(admin, lp, `bench-watch-${watchers}${distinctTokens ? "-tokens" : ""}-${run}`);
    const { ConsoleService } = await import("@/lib/gen/flyteconsole/v1/console_pb");
    const { createConnectTransport } = await import("@connectrpc/connect-node");
    const client = createClient(ConsoleService, createConnectTransport({ baseUrl: `${stack.console}/console/api/connect`, httpVersion: "1.1" }));
    const abort = new AbortController();
    // One signal stops every stream: that many listeners on it is the point, not a leak.
    setMaxListeners(watchers + 10, abort.signal);
    const streams = Array.from({ length: watchers }, (_, i) =>
      (async () => {
        try {
          // The sandbox runs without auth here and ignores the token; the console cannot know that.
          const headers = distinctTokens ? { authorization: `Bearer bench-viewer-${i}` } : undefined;
          for await (const _ of client.watchExecution({ id }, { signal: abort.signal, headers })) void _;
        } catch {
          /* aborted */
        }
      })(),
    );
    await new Promise((r) => setTimeout(r, 1500));
    await fetch(`${stack.sandboxHttp}/_sandbox/stats`, { method: "DELETE" });
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 10_000));
    const stats = (await (await fetch(`${stack.sandboxHttp}/_sandbox/stats`)).json()) as { totalCalls: number; methods: Record<string, { calls: number }> };
    const seconds = (Date.now() - t0) / 1000;
    abort.abort();
    await Promise.all(streams);
    return { watchers, distinctTokens, callsPerSecond: round(stats.totalCalls / seconds, 2), byMethod: Object.fromEntries(Object.entries(stats.methods).map(([k, v]) => [k.split("/")[1], v.calls])) };
  };
  const one = await measure(1);
  const fifty = await measure(50);
  const fiftyTokens = await measure(50, true);
  const ratio = (m: { callsPerSecond: number }) => round(m.callsPerSecond / Math.max(one.callsPerSecond, 0.001), 2);
  return { one, fifty, fiftyTokens, ratio: ratio(fifty), ratioTokens: ratio(fiftyTokens) };
}

export async function benchExecutionPage(stack: Stack) {
  const admin = createClient(AdminService, createGrpcTransport({ baseUrl: stack.sandboxGrpc }));
  const run = Date.now().toString(36);
  const browser = await launchChromium();
  try {
    const paint = [];
    let biggest: { project: string; domain: string; name: string } | undefined;
    for (const n of [100, 1000, 5000]) {
      paint.push(await paintTime(browser, stack, admin, n, run));
      biggest = { project: "flytesnacks", domain: "development", name: `bench-paint-${n}-${run}` };
    }
    const pan = await panFps(browser, stack, biggest!);
    const live = await liveLatency(browser, stack, admin, run);
    const js = await firstLoadJs(stack, biggest!);
    const watch = await upstreamCost(stack, admin, run);

    console.log("\nExecution page — navigation → every DAG node painted with its phase (median of 3)");
    printTable(["nodes", "median ms", "runs ms", "target"], paint.map((p) => [p.nodes, p.medianMs, p.samplesMs.join(" / "), p.nodes === 1000 ? "≤ 1500" : p.nodes === 5000 ? "≤ 4000" : ""]));
    console.log(`panning the 5,000-node graph: ${pan.fps} fps, p95 frame ${pan.p95FrameMs} ms`);
    console.log(`live latency, sandbox event → colour change: p50 ${live.p50Ms} ms, p95 ${live.p95Ms} ms over ${live.transitions} transitions (target p95 ≤ 1500)`);
    console.log(`execution route first-load JS: ${js.gzipKB} KB gzipped (${js.rawKB} KB raw, ${js.scripts} scripts; target ≤ 250 KB)`);
    const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
    console.log("\nFlyteAdmin calls/s while watching one running execution (10 s)");
    printTable(
      ["viewers", "calls/s", "× one viewer", "target", ""],
      [
        [`1`, watch.one.callsPerSecond, 1, "", ""],
        [`50, same token`, watch.fifty.callsPerSecond, watch.ratio, "≤ 1.2", verdict(watch.ratio <= 1.2)],
        [`50, 50 tokens`, watch.fiftyTokens.callsPerSecond, watch.ratioTokens, "≤ 2", verdict(watch.ratioTokens <= 2)],
      ],
    );
    return { paint, pan, live, firstLoadJs: js, upstreamCost: watch };
  } finally {
    await browser.close();
  }
}
