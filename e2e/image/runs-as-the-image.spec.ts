// The container image, without Docker: the Dockerfile's runtime stage is read (its COPY --from lines,
// WORKDIR, ENV, USER, HEALTHCHECK, CMD), the same files are copied from this checkout's `next build`
// into an empty directory standing for the image's filesystem, and the server is started the way
// the CMD starts it. What the image holds and how it behaves is then checked from outside.
import { expect, test } from "../test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { readDockerfile, type Stage } from "../../deploy/dockerfile";
import { SANDBOX_GRPC } from "../helpers";

const root = fileURLToPath(new URL("../..", import.meta.url));
// The checkout's build may live in another dist dir (FLYTE_CONSOLE_DIST_DIR); the image's is `.next`.
// Its standalone server looks for the name it was built with, so `.next` in the image's paths is
// read as that name.
const distDir = process.env.FLYTE_CONSOLE_DIST_DIR || ".next";

const dockerfile = readDockerfile(join(root, "Dockerfile"));
const runtime = dockerfile.runtime;
const basePath = (runtime.env.FLYTE_CONSOLE_BASE_PATH ?? "").replace(/\/+$/, "");

function withDistDir(rel: string): string {
  const parts = rel.split("/").filter((p) => p !== "" && p !== ".");
  if (parts[0] === ".next") parts[0] = distDir;
  return parts.join("/");
}

/** Where a path of a stage's filesystem lies here: under `fsRoot`, with the dist dir renamed. */
function localPath(stage: Stage, imagePath: string, fsRoot: string): string {
  const absolute = imagePath.startsWith("/") ? imagePath : posix.join(stage.workdir, imagePath);
  const workdir = stage.workdir.replace(/\/$/, "");
  if (absolute === workdir || absolute.startsWith(`${workdir}/`)) {
    return join(fsRoot, workdir, withDistDir(absolute.slice(workdir.length)));
  }
  return join(fsRoot, absolute);
}

/** A build stage's path, found in this checkout: the stage must mirror the context (`COPY . .`). */
function checkoutPath(stageName: string, imagePath: string): string {
  const stage = dockerfile.stage(stageName);
  const mirrors = stage.copies.some((c) => c.from === undefined && c.sources.length === 1 && c.sources[0] === "." && posix.join(stage.workdir, c.dest) === stage.workdir);
  if (!mirrors) throw new Error(`stage ${stageName} does not COPY . into its WORKDIR, so its files cannot be found in the checkout`);
  const workdir = stage.workdir.replace(/\/$/, "");
  if (!imagePath.startsWith(`${workdir}/`)) throw new Error(`${imagePath} is outside stage ${stageName}'s WORKDIR ${workdir}`);
  return join(root, withDistDir(imagePath.slice(workdir.length)));
}

/** Docker's COPY: a directory's contents go into the destination, a file goes to it or into it. */
function copyLikeDocker(src: string, dest: string, destIsDir: boolean) {
  if (!existsSync(src)) throw new Error(`${relative(root, src)} does not exist: run \`next build\` first (output: standalone)`);
  if (statSync(src).isDirectory()) {
    cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
  } else {
    const target = destIsDir ? join(dest, basename(src)) : dest;
    mkdirSync(dirname(target), { recursive: true });
    cpSync(src, target, { verbatimSymlinks: true });
  }
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    out.push(path);
    const st = lstatSync(path);
    if (st.isDirectory()) walk(path, out);
  }
  return out;
}

function uidGid(user: string | undefined): { uid: number; gid: number } | undefined {
  const m = /^(\d+)(?::(\d+))?$/.exec(user ?? "");
  return m ? { uid: Number(m[1]), gid: Number(m[2] ?? m[1]) } : undefined;
}

/** Paths the Deployment mounts an emptyDir on: the only places a read-only root lets the server write. */
function emptyDirMounts(): string[] {
  const docs = parseAllDocuments(readFileSync(join(root, "deploy", "deployment.yaml"), "utf8")).map((d) => d.toJS() as DeploymentDoc);
  const deployment = docs.find((d) => d.kind === "Deployment");
  if (!deployment) throw new Error("deploy/deployment.yaml has no Deployment");
  const pod = deployment.spec.template.spec;
  const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name));
  return pod.containers.flatMap((c) => (c.volumeMounts ?? []).filter((m) => emptyDirs.has(m.name)).map((m) => m.mountPath));
}

interface DeploymentDoc {
  kind: string;
  spec: {
    template: {
      spec: {
        volumes?: { name: string; emptyDir?: unknown }[];
        containers: { volumeMounts?: { name: string; mountPath: string }[] }[];
      };
    };
  };
}

/** Packages the given source files import (bare specifiers, by package name). */
function importedPackages(files: string[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    if (!/\.(ts|tsx|mjs|js)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)|require\(["']([^"']+)["']\)/g)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (/^(\.|@\/|node:)/.test(spec)) continue;
      out.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
    }
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let fsRoot = "";
let workdir = "";
const account = process.getuid?.() === 0 ? uidGid(runtime.user) : undefined;

interface Running {
  url: string;
  env: NodeJS.ProcessEnv;
  child: ChildProcess;
  output: () => string;
}

async function startImage(adminEndpoint: string): Promise<Running> {
  const port = await freePort();
  const { NODE_ENV, ...rest } = runtime.env;
  expect(NODE_ENV, "the image runs in production mode").toBe("production");
  // Only what the image sets, plus what a Deployment would: no variable of this test's own shell leaks in.
  const env: NodeJS.ProcessEnv = { ...rest, NODE_ENV: "production", PORT: String(port), FLYTE_ADMIN_ENDPOINT: adminEndpoint };
  const [command, ...args] = runtime.cmd ?? [];
  expect(command, "the image's CMD runs node").toBe("node");
  const child = spawn(process.execPath, args, { cwd: workdir, env, stdio: ["ignore", "pipe", "pipe"], ...account });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}${basePath}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the image's server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${url}/livez`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the image's server did not answer on ${url}/livez within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, env, child, output: () => output };
}

async function stop(running: Running) {
  const { child } = running;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function healthcheck(running: Running): number | null {
  const [command, ...args] = runtime.healthcheck ?? [];
  expect(command, "the HEALTHCHECK runs node (the slim image has no curl)").toBe("node");
  return spawnSync(process.execPath, args, { cwd: workdir, env: running.env, timeout: 10_000, ...account }).status;
}

function snapshot(): Map<string, number> {
  return new Map(walk(fsRoot).filter((p) => !lstatSync(p).isDirectory()).map((p) => [p, lstatSync(p).mtimeMs]));
}

/** Files the server created or changed outside the Deployment's emptyDirs (a read-only root would refuse them). */
function writesOutsideEmptyDirs(before: Map<string, number>): string[] {
  const writable = emptyDirMounts().map((m) => localPath(runtime, m, fsRoot) + sep);
  return [...snapshot()]
    .filter(([path, mtime]) => before.get(path) !== mtime)
    .map(([path]) => path)
    .filter((path) => !writable.some((w) => path.startsWith(w)))
    .map((path) => relative(fsRoot, path));
}

async function expectPagesAndAssets(url: string) {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toContain("text/html");
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="([^"]+\/_next\/static\/[^"]+)"/g)].map((m) => m[1]);
  const scripts = assets.filter((a) => a.endsWith(".js"));
  expect(scripts.length, "the page loads its scripts from the base path").toBeGreaterThan(0);
  for (const asset of assets) {
    expect(asset.startsWith(`${basePath}/_next/static/`), asset).toBe(true);
    const res = await fetch(new URL(asset, url));
    expect(res.status, asset).toBe(200);
  }
}

function getVersion(url: string) {
  return fetch(`${url}/api/connect/flyteidl.service.AdminService/GetVersion`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
}

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const built = JSON.parse(readFileSync(join(root, distDir, "required-server-files.json"), "utf8")) as { config: { basePath: string } };
  expect(built.config.basePath, `the build's base path is the image's (FLYTE_CONSOLE_BASE_PATH=${basePath})`).toBe(basePath);

  fsRoot = mkdtempSync(join(tmpdir(), "console-image-"));
  for (const copy of runtime.copies) {
    if (copy.from === undefined) throw new Error(`the runtime stage copies ${copy.sources.join(" ")} from the build context; the image should hold build output only`);
    const destIsDir = copy.dest.endsWith("/") || copy.sources.length > 1;
    for (const source of copy.sources) copyLikeDocker(checkoutPath(copy.from, source), localPath(runtime, copy.dest, fsRoot), destIsDir);
  }
  workdir = localPath(runtime, runtime.workdir, fsRoot);
  // `npm start` and the e2e stack run this very standalone directory, and the server fills these run-time
  // paths there; `docker build` runs a fresh `next build`, which leaves them empty (and in the pod the
  // emptyDirs hide whatever is under them).
  for (const mount of emptyDirMounts()) {
    rmSync(localPath(runtime, mount, fsRoot), { recursive: true, force: true });
    mkdirSync(localPath(runtime, mount, fsRoot), { recursive: true });
  }
  if (account) {
    chmodSync(fsRoot, 0o755);
    for (const path of [fsRoot, ...walk(fsRoot)]) chownSync(path, account.uid, account.gid);
  }
});

test.afterAll(() => {
  if (fsRoot) rmSync(fsRoot, { recursive: true, force: true });
});

test("the image holds the standalone server and its assets, and no dev dependency or sandbox", () => {
  const paths = walk(fsRoot);
  const rel = paths.map((p) => relative(fsRoot, p).split(sep).join("/"));

  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
  // Runtime dependencies only the sandbox imports (better-sqlite3): the image has no sandbox to use them.
  const sandboxDir = join(root, "lib", "sandbox") + sep;
  const generated = join(root, "lib", "gen") + sep;
  const server = [...walk(join(root, "app")), ...walk(join(root, "components")), ...walk(join(root, "lib")), join(root, "proxy.ts")];
  const elsewhere = importedPackages(server.filter((f) => !f.startsWith(sandboxDir) && !f.startsWith(generated)));
  const sandboxOnly = [...importedPackages(walk(join(root, "lib", "sandbox")))].filter((p) => !elsewhere.has(p));
  expect(sandboxOnly.length, "the sandbox has dependencies of its own (better-sqlite3)").toBeGreaterThan(0);
  const unwanted = [...Object.keys(pkg.devDependencies), ...sandboxOnly];
  const shipped = rel.filter((p) => unwanted.some((name) => p.endsWith(`node_modules/${name}`)));
  expect(shipped, "dev dependencies or sandbox-only packages in the image").toEqual([]);
  expect(rel.filter((p) => p.includes("lib/sandbox")), "sandbox sources in the image").toEqual([]);
  const bundledSandbox = paths.filter(
    (p) => /\.(js|mjs|cjs)$/.test(p) && !p.includes(`${sep}node_modules${sep}`) && lstatSync(p).isFile() && readFileSync(p, "utf8").includes("lib/sandbox/"),
  );
  expect(bundledSandbox.map((p) => relative(fsRoot, p)), "server chunks that bundle the sandbox").toEqual([]);

  // Only what the server runs: no file of the working tree the tracer swept in (an e2e run's cookie keys
  // once were: a secret baked into the image).
  const inWorkdir = relative(fsRoot, workdir).split(sep).join("/") + "/";
  const workdirEntries = new Set(rel.filter((p) => p.startsWith(inWorkdir)).map((p) => p.slice(inWorkdir.length).split("/")[0]));
  expect([...workdirEntries].sort(), "entries of the image's WORKDIR").toEqual(
    ["server.js", "package.json", "node_modules", ".next", ...(existsSync(join(root, "public")) ? ["public"] : [])].sort(),
  );

  if (existsSync(join(root, "public"))) {
    expect(runtime.copies.some((c) => c.sources.some((s) => s.endsWith("/public"))), "public/ is copied into the image").toBe(true);
  }

  const escaping = paths
    .filter((p) => lstatSync(p).isSymbolicLink())
    .filter((p) => {
      try {
        return !realpathSync(p).startsWith(fsRoot + sep);
      } catch {
        return true;
      }
    });
  expect(escaping.map((p) => relative(fsRoot, p)), "symlinks that point outside the image or nowhere").toEqual([]);

  // The image's files belong to root; USER must still be able to read them all.
  const unreadable = paths.filter((p) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return false;
    return st.isDirectory() ? (st.mode & 0o005) !== 0o005 : (st.mode & 0o004) === 0;
  });
  expect(unreadable.map((p) => relative(fsRoot, p)), "files the image's non-root user could not read").toEqual([]);
  expect(uidGid(runtime.user)?.uid ?? 0, "the image runs as a numeric non-root user").toBeGreaterThan(0);

});

test("as the image runs it against FlyteAdmin: probes, pages and their scripts, the BFF and the healthcheck all answer", async () => {
  const before = snapshot();
  const running = await startImage(SANDBOX_GRPC);
  try {
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    await expectPagesAndAssets(running.url);

    const version = await getVersion(running.url);
    expect(version.status, await version.clone().text()).toBe(200);
    expect(await version.json()).toHaveProperty("controlPlaneVersion");

    expect(healthcheck(running), "the Dockerfile's HEALTHCHECK passes").toBe(0);
  } finally {
    await stop(running);
  }
  expect(healthcheck(running), "the HEALTHCHECK fails once the server is gone").not.toBe(0);
  expect(writesOutsideEmptyDirs(before), `written outside the Deployment's emptyDirs:\n${running.output()}`).toEqual([]);
});

test("with FlyteAdmin unreachable the image still passes its probes, and the BFF says unavailable", async () => {
  const before = snapshot();
  const running = await startImage(`http://127.0.0.1:${await freePort()}`);
  try {
    expect((await fetch(`${running.url}/livez`)).status).toBe(200);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(503);
    await expectPagesAndAssets(running.url);

    const version = await getVersion(running.url);
    expect(version.status).toBe(503);
    expect(await version.json()).toMatchObject({ code: "unavailable" });

    expect(healthcheck(running), "the HEALTHCHECK ignores FlyteAdmin").toBe(0);
  } finally {
    await stop(running);
  }
  expect(writesOutsideEmptyDirs(before), `written outside the Deployment's emptyDirs:\n${running.output()}`).toEqual([]);
});
