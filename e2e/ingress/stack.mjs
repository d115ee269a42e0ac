// The console as a platform team runs it: two replicas behind nginx with flyte-core's ingress rules.
// Playwright's second webServer. Replica 1 is the e2e console that the first webServer started (with
// the sandbox); this starts replica 2 from the same build, and nginx in front of both.
//   INGRESS_HTTP_PORT (13080)   the one origin the browser uses
//   INGRESS_GRPC_PORT (13081)   FlyteAdmin's gRPC services through nginx
//   CONSOLE_PORTS (13000,13001) the replicas; the first one must already be running
//   CONSOLE_METRICS_PORTS       each replica's metrics port (default: its port + 254)
//   CONSOLE_LOG_DIR             where the replicas started here write their server logs (results/e2e-logs)
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { join, resolve } from "node:path";
import { nginxConf } from "./nginx-conf.mjs";

const root = resolve(import.meta.dirname, "../..");
const env = process.env;
const httpPort = Number(env.INGRESS_HTTP_PORT || 13080);
const grpcPort = Number(env.INGRESS_GRPC_PORT || 13081);
const consolePorts = (env.CONSOLE_PORTS || "13000,13001").split(",").map(Number);
const metricsPorts = env.CONSOLE_METRICS_PORTS ? env.CONSOLE_METRICS_PORTS.split(",").map(Number) : consolePorts.map((p) => p + 254);
const logDir = join(root, env.CONSOLE_LOG_DIR || "results/e2e-logs");
const adminGrpcPort = Number(env.FLYTE_SANDBOX_GRPC_PORT || 18089);
const adminHttpPort = Number(env.FLYTE_SANDBOX_HTTP_PORT || 18088);
const prefix = join(root, "results", `ingress-${httpPort}`);
const children = [];

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 300).unref();
}
process.on("SIGINT", () => stopAll(130));
process.on("SIGTERM", () => stopAll(143));

function run(name, command, args, extraEnv = {}, logFile = undefined) {
  const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: logFile ? ["ignore", "pipe", "pipe"] : "inherit" });
  if (logFile) {
    const out = createWriteStream(logFile);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.stdout.pipe(process.stdout, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
  }
  child.on("exit", (code, signal) => {
    console.error(`ingress: ${name} exited (${signal ?? code}); stopping`);
    stopAll(code ?? 1);
  });
  children.push(child);
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolvePort, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolvePort();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

await waitForPort(adminGrpcPort, 120_000);
await waitForPort(consolePorts[0], 120_000);
mkdirSync(logDir, { recursive: true });
consolePorts.forEach((port, i) => {
  if (i === 0) return;
  const args = ["start", "-p", String(port), "-H", "127.0.0.1"];
  const replicaEnv = {
    NEXT_TELEMETRY_DISABLED: "1",
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${adminGrpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    FLYTE_CONSOLE_METRICS_PORT: String(metricsPorts[i]),
  };
  run(`console replica :${port}`, join(root, "node_modules", ".bin", "next"), args, replicaEnv, join(logDir, `console-${port}.log`));
});
for (const port of consolePorts.slice(1)) await waitForPort(port, 120_000);

mkdirSync(prefix, { recursive: true });
const conf = join(prefix, "nginx.conf");
writeFileSync(conf, nginxConf({ prefix, httpPort, grpcPort, consolePorts, adminHttpPort, adminGrpcPort }));
run("nginx", env.NGINX_PATH || "/usr/sbin/nginx", ["-p", prefix, "-c", conf]);
await waitForPort(httpPort, 30_000);
console.log(`ingress: nginx on http://127.0.0.1:${httpPort} (gRPC :${grpcPort}) → console replicas ${consolePorts.join(", ")}`);
