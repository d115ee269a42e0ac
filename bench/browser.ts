// Headless Chromium for the page figures, and what the bench measures inside a page: when given elements
// first appear, every script the page fetched (Resource Timing), and each DAG node's phases as they show.
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export interface ProbeOptions {
  /** CSS selectors whose first appearance in the DOM is timed (performance.now(), from navigation start). */
  firstSeen?: string[];
  /** Record, per DAG node (data-node-id), when each phase first showed: on an attribute change or on mounting with it. */
  trackPhases?: boolean;
}

/** What the probe keeps on `window.__bench` in each document. */
export interface BenchState {
  firstSeen: Record<string, number>;
  /** node id → phase name → epoch ms it first showed. */
  phases: Record<string, Record<string, number>>;
  drawnAt?: number;
  showAllAt?: number;
}

type BenchWindow = Window & { __bench: BenchState };

/** Runs in every document of the context, before the page's own scripts. */
function probe(opts: ProbeOptions) {
  const b: BenchState = { firstSeen: {}, phases: {} };
  (window as unknown as BenchWindow).__bench = b;
  // Resource Timing keeps 250 entries by default; a big page's fetches must not push scripts out.
  performance.setResourceTimingBufferSize(100_000);
  const pending = new Set(opts.firstSeen ?? []);
  if (pending.size) {
    const seen = new MutationObserver(() => {
      for (const s of [...pending]) {
        if (!document.querySelector(s)) continue;
        b.firstSeen[s] = performance.now();
        pending.delete(s);
      }
      if (!pending.size) seen.disconnect();
    });
    seen.observe(document, { subtree: true, childList: true });
  }
  if (opts.trackPhases) {
    const note = (el: Element) => {
      const id = el.getAttribute("data-node-id");
      const phase = el.getAttribute("data-phase");
      if (!id || !phase) return;
      const byPhase = (b.phases[id] ??= {});
      byPhase[phase] ??= Date.now();
    };
    const nodes = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes") {
          if ((r.target as Element).getAttribute("data-testid") === "dag-node") note(r.target as Element);
          continue;
        }
        for (const added of r.addedNodes) {
          if (!(added instanceof Element)) continue;
          if (added.getAttribute("data-testid") === "dag-node") note(added);
          for (const el of added.querySelectorAll('[data-testid="dag-node"]')) note(el);
        }
      }
    });
    nodes.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-phase", "data-node-id"] });
  }
}

/** A fresh browser context (no HTTP cache, no storage) whose documents carry the probe. */
export async function newProbedContext(browser: Browser, opts: ProbeOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  // tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`: give the page one.
  await context.addInitScript("globalThis.__name = globalThis.__name || ((f) => f)");
  await context.addInitScript(probe, opts);
  return context;
}

export const benchState = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench);

/** First contentful paint of the current document, once there is one (ms from navigation start). */
export async function firstContentfulPaint(page: Page): Promise<number | undefined> {
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime);
}

/** When `selector` first showed: its first time in the DOM, or first paint if that came later. */
export async function shownAt(page: Page, selector: string, timeoutMs = 60_000): Promise<number> {
  await page.waitForSelector(selector, { timeout: timeoutMs, state: "attached" });
  const fcp = await firstContentfulPaint(page);
  const state = await benchState(page);
  return Math.max(state.firstSeen[selector] ?? NaN, fcp ?? 0);
}

interface ScriptEntry {
  url: string;
  startTime: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

/**
 * Every JavaScript file the document requested up to `untilMs` (from navigation start), by Resource
 * Timing: preloads, script tags and chunks loaded later alike. Inline scripts (the RSC payload) are part
 * of the HTML, reported apart.
 */
export async function scriptsFetched(page: Page, untilMs: number) {
  return page.evaluate((until) => {
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => e.startTime <= until && new URL(e.name).pathname.endsWith(".js"))
      .map((e) => ({ url: e.name, startTime: e.startTime, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }));
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return { scripts, document: nav ? { transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize, decodedBodySize: nav.decodedBodySize } : undefined };
  }, untilMs);
}

const gzipCache = new Map<string, number>();

/** gzip -9 of a script's body, fetched once per URL (content-hashed chunk names). */
async function gzip9(url: string): Promise<number> {
  const known = gzipCache.get(url);
  if (known !== undefined) return known;
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  const size = gzipSync(body, { level: 9 }).length;
  gzipCache.set(url, size);
  return size;
}

export interface JsFigures {
  scripts: number;
  /** Bytes the browser took off the network for them (headers included; 0 for a script the HTTP cache served). */
  wireKB: number;
  /** Their bodies as sent (compressed when the server compressed them). */
  bodyKB: number;
  /** Their bodies uncompressed. */
  rawKB: number;
  /** Their bodies gzip -9: the server's own gzip when it compressed them, computed here otherwise. */
  gzipKB: number;
  serverCompressed: boolean;
  /** The HTML document (with its inline RSC payload), as sent and uncompressed. */
  documentKB?: { body: number; raw: number };
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

export async function jsFigures(page: Page, untilMs: number): Promise<JsFigures & { files: ScriptEntry[] }> {
  const { scripts, document } = await scriptsFetched(page, untilMs);
  const compressed = scripts.some((s) => s.encodedBodySize > 0 && s.encodedBodySize < s.decodedBodySize);
  let gz = 0;
  for (const s of scripts) gz += compressed ? s.encodedBodySize : await gzip9(s.url);
  const sum = (k: keyof ScriptEntry) => scripts.reduce((n, s) => n + (s[k] as number), 0);
  return {
    scripts: scripts.length,
    wireKB: kb(sum("transferSize")),
    bodyKB: kb(sum("encodedBodySize")),
    rawKB: kb(sum("decodedBodySize")),
    gzipKB: kb(gz),
    serverCompressed: compressed,
    documentKB: document ? { body: kb(document.encodedBodySize), raw: kb(document.decodedBodySize) } : undefined,
    files: scripts,
  };
}

/** Where a load's time went, from navigation start (ms): the document, the scripts, and each data request. */
export async function waterfall(page: Page, untilMs: number) {
  return page.evaluate((until) => {
    const r = (x: number) => Math.round(x);
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const entries = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((e) => e.startTime <= until);
    const scripts = entries.filter((e) => new URL(e.name).pathname.endsWith(".js"));
    const requests = entries
      .filter((e) => e.initiatorType === "fetch" || e.initiatorType === "xmlhttprequest")
      .map((e) => ({ path: new URL(e.name).pathname.split("/").slice(-2).join("/"), start: r(e.startTime), firstByte: r(e.responseStart), end: e.responseEnd > until ? undefined : r(e.responseEnd) }));
    return {
      documentFirstByte: nav ? r(nav.responseStart) : undefined,
      documentEnd: nav ? r(nav.responseEnd) : undefined,
      domInteractive: nav ? r(nav.domInteractive) : undefined,
      lastScriptEnd: r(Math.max(0, ...scripts.map((e) => e.responseEnd))),
      requests,
    };
  }, untilMs);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (and the script it is in) over a V8 CPU profile of the page's main thread. */
export function profileTop(profile: CpuProfile, top = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? new URL(f.url).pathname.split("/").pop()! : "";
    const key = `${f.functionName || "(anonymous)"} ${file}${f.url ? `:${f.lineNumber + 1}` : ""}`.trim();
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + dt);
    byScript.set(file || f.functionName, (byScript.get(file || f.functionName) ?? 0) + dt);
  });
  const sorted = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms) }));
  return { functions: sorted(self), scripts: sorted(byScript) };
}

/** Runs `load` with the V8 sampling profiler on the page's main thread. */
export async function profiled(page: Page, load: () => Promise<void>): Promise<ReturnType<typeof profileTop>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  await load();
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.detach();
  return profileTop(profile as CpuProfile);
}
