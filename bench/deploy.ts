// What running the console as a deployment costs: the standalone server's start (cold, right after a
// build, and warm), its memory at rest, the size of what the image holds, and the nginx hop of an
// ingress in front (flyte-core's path rules, e2e/ingress/nginx-conf.mjs) on the browser's BFF path.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nginxConf } from "../e2e/ingress/nginx-conf.mjs";
import { standaloneServer } from "../scripts/build-if-stale.mjs";
import { waitForPort } from "../scripts/processes.mjs";
import { bffClient, sequentialLatency } from "./bff";
import { printTable, round, summarize } from "./stats";
import type { Stack } from "./stack";

const root = process.cwd();
const TARGETS = { startMs: 2_000, rssMiB: 256, imageMiB: 100, nginxAddedP50Ms: 1 };

/** Spawn → first 200 from /console/livez, and the server's resident size once it is up and idle. */
async function startOnce(port: number): Promise<{ readyMs: number; rssMiB: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [standaloneServer(root)], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", FLYTE_ADMIN_ENDPOINT: "http://127.0.0.1:1", FLYTE_CONSOLE_METRICS_PORT: "off", FLYTE_CONSOLE_LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/console/livez`).catch(() => undefined);
      if (res?.ok) break;
      if (performance.now() - t0 > 30_000) throw new Error("the standalone server did not answer /console/livez in 30 s");
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1_000));
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return { readyMs, rssMiB: rssKiB / 1024 };
  } finally {
    child.kill("SIGKILL");
  }
}

/** Empties the OS page cache when allowed (root), so a "cold" start reads the server from disk. */
function dropPageCache(): boolean {
  try {
    spawnSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3");
    return true;
  } catch {
    return false;
  }
}

function imageMiB(): number {
  // What the Dockerfile's runtime stage copies: the standalone output (assets included, as npm start lays them out).
  const dist = join(root, process.env.FLYTE_CONSOLE_DIST_DIR || ".next", "standalone");
  const out = spawnSync("du", ["-sk", "--exclude=cache", "--exclude=route-cache", dist], { encoding: "utf8" });
  return Number(out.stdout.split(/\s/)[0]) / 1024;
}

export async function benchDeploy(stack: Stack, ports: { server: number; nginxHttp: number; nginxGrpc: number }) {
  const cacheDropped = dropPageCache();
  const starts = [];
  for (let i = 0; i < 4; i++) starts.push(await startOnce(ports.server));
  const [cold, ...warm] = starts;
  const warmMs = summarize(warm.map((s) => s.readyMs)).p50;
  const rssMiB = Math.max(...starts.map((s) => s.rssMiB));

  const prefix = join(root, "results", "bench", "nginx");
  mkdirSync(prefix, { recursive: true });
  const consolePort = Number(new URL(stack.console).port);
  const conf = join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    nginxConf({
      prefix,
      httpPort: ports.nginxHttp,
      grpcPort: ports.nginxGrpc,
      consolePorts: [consolePort],
      adminHttpPort: Number(new URL(stack.sandboxHttp).port),
      adminGrpcPort: Number(new URL(stack.sandboxGrpc).port),
    }),
  );
  const nginx = spawn(process.env.NGINX_PATH || "/usr/sbin/nginx", ["-p", prefix, "-c", conf], { stdio: "ignore" });
  try {
    await waitForPort(ports.nginxHttp, "127.0.0.1", 10_000);
    const direct = bffClient(stack.console);
    const viaNginx = bffClient(`http://127.0.0.1:${ports.nginxHttp}`);
    await sequentialLatency(direct, 100);
    await sequentialLatency(viaNginx, 100);
    // Interleaved, so that machine noise hits both alike.
    const d = [await sequentialLatency(direct, 250)];
    const n = [await sequentialLatency(viaNginx, 250)];
    d.push(await sequentialLatency(direct, 250));
    n.push(await sequentialLatency(viaNginx, 250));
    const p50 = (x: { p50: number }[]) => (x[0].p50 + x[1].p50) / 2;
    const result = {
      startCold: { readyMs: cold.readyMs, pageCacheDropped: cacheDropped },
      startWarm: { readyMs: warmMs },
      rssIdleMiB: rssMiB,
      imageContentMiB: imageMiB(),
      bffP50Ms: { direct: p50(d), throughNginx: p50(n) },
      nginxAddedP50Ms: p50(n) - p50(d),
      targets: TARGETS,
    };
    const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
    console.log("\nDeployment: the standalone server as the image runs it, and an nginx ingress in front");
    printTable(
      ["measure", "figure", "target", ""],
      [
        [`start → /console/livez 200, cold (${cacheDropped ? "OS page cache dropped" : "first start; OS cache could not be dropped"})`, `${Math.round(cold.readyMs)} ms`, `≤ ${TARGETS.startMs} ms`, verdict(cold.readyMs <= TARGETS.startMs)],
        ["start → /console/livez 200, warm (median of 3)", `${Math.round(warmMs)} ms`, `≤ ${TARGETS.startMs} ms`, verdict(warmMs <= TARGETS.startMs)],
        ["resident memory at rest", `${round(rssMiB, 1)} MiB`, `≤ ${TARGETS.rssMiB} MiB (the Deployment's request)`, verdict(rssMiB <= TARGETS.rssMiB)],
        ["what the image holds (standalone + assets)", `${round(result.imageContentMiB, 1)} MiB`, `≤ ${TARGETS.imageMiB} MiB`, verdict(result.imageContentMiB <= TARGETS.imageMiB)],
        ["ListExecutions through the BFF, p50, direct", `${round(result.bffP50Ms.direct, 2)} ms`, "", ""],
        ["… through nginx, p50", `${round(result.bffP50Ms.throughNginx, 2)} ms`, "", ""],
        ["nginx adds at p50", `${round(result.nginxAddedP50Ms, 2)} ms`, `≤ ${TARGETS.nginxAddedP50Ms} ms`, verdict(result.nginxAddedP50Ms <= TARGETS.nginxAddedP50Ms)],
      ],
    );
    return result;
  } finally {
    nginx.kill("SIGTERM");
  }
}
