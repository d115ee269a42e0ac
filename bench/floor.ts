// The JS floor: a blank App Router page (bench/floor/) built with the console's own next and react, as
// a standalone server, and its first-load JavaScript measured the way the execution page's is. Built
// once into results/bench/floor and rebuilt only when its sources or the next version change.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { waitForPort } from "../scripts/processes.mjs";
import { jsFigures, newProbedContext, type JsFigures } from "./browser";

const root = process.cwd();
const source = join(root, "bench", "floor");
const dir = join(root, "results", "bench", "floor");
const stampFile = join(dir, "floor-build.json");

function sourceHash(): string {
  const hash = createHash("sha256");
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else hash.update(relative(source, p)).update(readFileSync(p));
    }
  };
  walk(source);
  hash.update(JSON.parse(readFileSync(join(root, "node_modules", "next", "package.json"), "utf8")).version);
  hash.update(JSON.parse(readFileSync(join(root, "node_modules", "react", "package.json"), "utf8")).version);
  return hash.digest("hex");
}

/** The floor's standalone server.js; builds it first when missing or stale. */
export function buildFloor(): string {
  const server = join(dir, ".next", "standalone", relative(root, dir), "server.js");
  const hash = sourceHash();
  const built = existsSync(stampFile) && JSON.parse(readFileSync(stampFile, "utf8")).hash === hash && existsSync(server);
  if (built) return server;
  console.log("floor: building the blank App Router page (once; cached in results/bench/floor)…");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  const res = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", BENCH_FLOOR_ROOT: root },
  });
  if (res.status !== 0) throw new Error("floor: next build failed");
  // As the console's image does: the static assets next to server.js.
  cpSync(join(dir, ".next", "static"), join(dir, ".next", "standalone", relative(root, dir), ".next", "static"), { recursive: true });
  writeFileSync(stampFile, JSON.stringify({ hash }));
  return server;
}

/** The floor page's JS, cold (fresh server, fresh context), counted until its load event. */
export async function measureFloor(browser: Browser, port: number): Promise<JsFigures> {
  const server = spawn(process.execPath, [buildFloor()], { cwd: dir, env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitForPort(port, "127.0.0.1", 60_000);
    // Warm the route once (as the console's cold samples do), then a fresh context.
    await fetch(`http://127.0.0.1:${port}/`);
    const context = await newProbedContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" });
      await page.getByTestId("floor").waitFor();
      await page.waitForLoadState("networkidle");
      const until = await page.evaluate(() => performance.now());
      const { files: _files, ...js } = await jsFigures(page, until);
      return js;
    } finally {
      await context.close();
    }
  } finally {
    server.kill("SIGTERM");
  }
}
