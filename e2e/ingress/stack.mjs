// The console as a platform team runs it: two replicas behind nginx with flyte-core's ingress rules.
// Playwright's second webServer. Replica 1 is the e2e console that the first webServer started (with
// the sandbox); this starts replica 2 from the same build, and nginx in front of both.
//   INGRESS_HTTP_PORT (13080)   the one origin the browser uses
//   INGRESS_GRPC_PORT (13081)   FlyteAdmin's gRPC services through nginx
//   CONSOLE_PORTS (13000,13001) the replicas; the first one must already be running
//   CONSOLE_METRICS_PORTS       each replica's metrics port (default: its port + 254)
//   CONSOLE_LOG_DIR             where the replicas started here write their server logs (results/e2e-logs)
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { standaloneServer } from "../../scripts/build-if-stale.mjs";
import { processGroup, waitForPort } from "../../scripts/processes.mjs";
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
const group = processGroup("ingress", root);

/** Starts a child; with `logFile`, its output goes there as well as to this script's. */
function run(name, command, args, extraEnv = {}, logFile = undefined) {
  const child = group.run(name, command, args, { ...env, ...extraEnv }, logFile ? ["ignore", "pipe", "pipe"] : "inherit");
  if (logFile) {
    const out = createWriteStream(logFile);
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.stdout.pipe(process.stdout, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
  }
}

await waitForPort(adminGrpcPort, "127.0.0.1", 120_000);
await waitForPort(consolePorts[0], "127.0.0.1", 120_000);
mkdirSync(logDir, { recursive: true });
consolePorts.forEach((port, i) => {
  if (i === 0) return;
  const replicaEnv = {
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${adminGrpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    FLYTE_CONSOLE_METRICS_PORT: String(metricsPorts[i]),
  };
  run(`console replica :${port}`, process.execPath, [standaloneServer(root)], replicaEnv, join(logDir, `console-${port}.log`));
});
for (const port of consolePorts.slice(1)) await waitForPort(port, "127.0.0.1", 120_000);

mkdirSync(prefix, { recursive: true });
const conf = join(prefix, "nginx.conf");
writeFileSync(conf, nginxConf({ prefix, httpPort, grpcPort, consolePorts, adminHttpPort, adminGrpcPort }));
run("nginx", env.NGINX_PATH || "/usr/sbin/nginx", ["-p", prefix, "-c", conf]);
await waitForPort(httpPort, "127.0.0.1", 30_000);
console.log(`ingress: nginx on http://127.0.0.1:${httpPort} (gRPC :${grpcPort}) → console replicas ${consolePorts.join(", ")}`);
