// Builds the Next.js app when there is no build, when a source file is newer than it, or when it was
// built for another base path (Next inlines FLYTE_CONSOLE_BASE_PATH at build time, but `next start`
// reads next.config again: a build and a server that disagree serve pages whose assets 404).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const SOURCE_DIRS = ["app", "components", "lib", "proto", "public"];
const SOURCE_FILES = ["instrumentation.ts", "next.config.mjs", "package.json", "postcss.config.mjs", "tsconfig.json"];
const SKIP = new Set(["node_modules", "sandbox", ".next", "gen"]);
const distDir = (root) => join(root, process.env.FLYTE_CONSOLE_DIST_DIR || ".next");
const stampOf = (root) => join(distDir(root), "console-build.json");
const wantedBasePath = () => process.env.FLYTE_CONSOLE_BASE_PATH ?? "/console";

function builtBasePath(root) {
  try {
    return JSON.parse(readFileSync(stampOf(root), "utf8")).basePath;
  } catch {
    return undefined;
  }
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (SKIP.has(entry) || entry.endsWith(".test.ts") || entry.endsWith(".test.tsx")) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsStale(root = process.cwd()) {
  const buildId = join(distDir(root), "BUILD_ID");
  if (!existsSync(buildId)) return true;
  if (builtBasePath(root) !== wantedBasePath()) return true;
  const built = statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCE_DIRS.map((d) => newestMtime(join(root, d))), ...SOURCE_FILES.map((f) => newestMtime(join(root, f))));
  return newest > built;
}

export function buildIfStale(root = process.cwd()) {
  if (!buildIsStale(root)) return;
  console.log("console: building the Next.js app (first start or sources changed)…");
  const res = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) {
    console.error("console: next build failed");
    process.exit(res.status ?? 1);
  }
  writeFileSync(stampOf(root), JSON.stringify({ basePath: wantedBasePath() }));
  copyAssetsNextToServer(root);
}

/**
 * The standalone server, the very `server.js` the image runs (Dockerfile), with the static assets put
 * next to it as the image's COPY lines do; `npm start`, the e2e and the bench all run it.
 */
export function standaloneServer(root = process.cwd()) {
  const standalone = join(distDir(root), "standalone");
  if (!existsSync(join(standalone, relative(root, distDir(root)), "static"))) copyAssetsNextToServer(root);
  return join(standalone, "server.js");
}

function copyAssetsNextToServer(root) {
  const dist = distDir(root);
  const standalone = join(dist, "standalone");
  cpSync(join(dist, "static"), join(standalone, relative(root, dist), "static"), { recursive: true });
  const publicDir = join(root, "public");
  if (existsSync(publicDir)) cpSync(publicDir, join(standalone, "public"), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
