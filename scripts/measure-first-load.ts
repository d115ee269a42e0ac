// Ad hoc: every script the browser fetches from navigation until an execution page's graph is drawn
// (each DAG node in the page with a phase; scripts of its layout worker included), summed as transferred (what the server sent) and as gzip -9
// of the bodies, with the chunks listed largest first. Starts its own sandbox + standalone console.
//   npx tsx scripts/measure-first-load.ts [consolePort=33000] [--url <console url of a page>] [--keep]
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { chromium } from "playwright-core";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { standaloneServer } from "./build-if-stale.mjs";
import { waitForPort } from "./processes.mjs";
import { workflowPhase } from "@/lib/flyte/phases";

const args = process.argv.slice(2);
const port = Number(args.find((a) => /^\d+$/.test(a)) ?? 33000);
const urlArg = args.includes("--url") ? args[args.indexOf("--url") + 1] : undefined;
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const children: ChildProcess[] = [];
const stop = () => children.forEach((c) => c.kill("SIGTERM"));

async function startStack() {
  const dataDir = `/tmp/measure-first-load-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  const env = { ...process.env, FLYTE_SANDBOX_GRPC_PORT: String(port + 1), FLYTE_SANDBOX_HTTP_PORT: String(port + 2), FLYTE_SANDBOX_DATA_DIR: dataDir };
  children.push(spawn(process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], { env, stdio: ["ignore", "ignore", "inherit"] }));
  await waitForPort(port + 1, "127.0.0.1", 240_000);
  children.push(
    spawn(process.execPath, [standaloneServer(process.cwd())], {
      env: { ...env, FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port + 1}`, FLYTE_CONSOLE_BACKEND: "sandbox", NODE_ENV: "production", PORT: String(port), HOSTNAME: "127.0.0.1" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  await waitForPort(port, "127.0.0.1", 120_000);
  const admin = createClient(AdminService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${port + 1}` }));
  // A seeded run of a small workflow, once it has finished: the bytes do not depend on the graph's size.
  const id = { project: "flytesnacks", domain: "development", name: "seed-basic-wf" };
  for (const deadline = Date.now() + 120_000; ; await new Promise((r) => setTimeout(r, 500))) {
    const phase = await admin.getExecution({ id }).then((e) => e.closure?.phase ?? 0, () => 0);
    if (workflowPhase(phase).isTerminal) break;
    if (Date.now() > deadline) throw new Error(`${id.name} did not finish`);
  }
  return `http://127.0.0.1:${port}/console/projects/${id.project}/domains/${id.domain}/executions/${id.name}`;
}

async function measure(url: string, graph: boolean) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    // Page and worker scripts alike (the graph's layout runs in a worker): page.on("response") sees both.
    const scripts: { url: string; transferred: number; body?: Buffer }[] = [];
    const pending: Promise<unknown>[] = [];
    page.on("response", (res) => {
      if (!/\.(m?js|ts)(\?|$)/.test(new URL(res.url()).pathname) || !res.url().includes("/_next/static/")) return;
      const s = { url: res.url(), transferred: 0 };
      scripts.push(s);
      pending.push(res.request().sizes().then((z) => (s.transferred = Math.max(0, z.responseBodySize))).catch(() => {}));
    });
    const t0 = Date.now();
    await page.goto(url);
    if (graph) {
      await page.waitForFunction(
        () => {
          const els = document.querySelectorAll('[data-testid="dag-node"]');
          if (els.length < 3) return false;
          for (const el of els) {
            const kind = el.getAttribute("data-kind");
            if (kind !== "start" && kind !== "end" && el.getAttribute("data-phase") === "UNDEFINED") return false;
          }
          return true;
        },
        undefined,
        { timeout: 60_000, polling: 50 },
      );
    } else {
      await page.waitForLoadState("networkidle");
    }
    const ms = Date.now() - t0;
    await Promise.all(pending);
    const seen = scripts;
    for (const s of seen) s.body = Buffer.from(await (await fetch(s.url)).arrayBuffer());
    const rows = seen
      .map((s) => ({ url: s.url.replace(/^.*\/_next\/static\/chunks\//, ""), transferred: s.transferred, raw: s.body!.length, gz: gzipSync(s.body!, { level: 9 }).length }))
      .sort((a, b) => b.gz - a.gz);
    const sum = (k: "transferred" | "raw" | "gz") => rows.reduce((n, r) => n + r[k], 0);
    const kb = (n: number) => (n / 1024).toFixed(1);
    for (const r of rows) console.log(`${kb(r.gz).padStart(7)} KB gz ${kb(r.raw).padStart(7)} KB raw ${kb(r.transferred).padStart(7)} KB sent  ${r.url}`);
    console.log(`\n${rows.length} scripts until ${graph ? "the graph is drawn" : "network idle"} (${ms} ms): ${kb(sum("gz"))} KB gzip -9, ${kb(sum("transferred"))} KB transferred (bodies; a cached repeat counts 0), ${kb(sum("raw"))} KB raw`);
    writeFileSync(`/tmp/measure-first-load-${port}.json`, JSON.stringify(rows, null, 1));
  } finally {
    await browser.close();
  }
}

try {
  const url = urlArg ?? (await startStack());
  await measure(url, !urlArg);
  if (args.includes("--keep")) {
    console.log(`serving ${url}; Ctrl-C to stop`);
    await new Promise(() => {});
  }
} finally {
  stop();
}
