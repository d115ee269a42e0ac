// `npm start`: the console, and the embedded sandbox unless FLYTE_ADMIN_ENDPOINT points elsewhere.
//   PORT / HOSTNAME             where the console listens (3000 / 127.0.0.1)
//   FLYTE_ADMIN_ENDPOINT        a real FlyteAdmin (gRPC); unset = start the sandbox
//   FLYTE_SANDBOX_GRPC_PORT     the sandbox's gRPC port (8089); FLYTE_SANDBOX_HTTP_PORT (8088)
//   FLYTE_SANDBOX_DATA_DIR      where the sandbox keeps its database (./data/sandbox); FLYTE_SANDBOX_FRESH=1 wipes it
//   --dev                       next dev instead of a production build
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const bin = (name) => join(root, "node_modules", ".bin", name);
const children = [];

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 200).unref();
}
process.on("SIGINT", () => stopAll(130));
process.on("SIGTERM", () => stopAll(143));

function run(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
  child.on("exit", (code, signal) => {
    console.error(`console: ${name} exited (${signal ?? code}); stopping`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

function waitForPort(port, host, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!env.FLYTE_ADMIN_ENDPOINT) {
  const grpcPort = Number(env.FLYTE_SANDBOX_GRPC_PORT || 8089);
  env.FLYTE_SANDBOX_GRPC_PORT = String(grpcPort);
  env.FLYTE_SANDBOX_HTTP_PORT ||= "8088";
  // Tests start from a known state: FLYTE_SANDBOX_FRESH=1 throws the previous data away.
  if (env.FLYTE_SANDBOX_FRESH === "1" && env.FLYTE_SANDBOX_DATA_DIR) {
    rmSync(env.FLYTE_SANDBOX_DATA_DIR, { recursive: true, force: true });
  }
  run("sandbox", process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], env);
  await waitForPort(grpcPort, "127.0.0.1", 60_000);
  env.FLYTE_ADMIN_ENDPOINT = `http://127.0.0.1:${grpcPort}`;
  env.FLYTE_CONSOLE_BACKEND = "sandbox";
}

const port = env.PORT || "3000";
const host = env.HOSTNAME || "127.0.0.1";
if (!dev) buildIfStale(root);
run("console", bin("next"), [dev ? "dev" : "start", "-p", port, "-H", host], env);
await waitForPort(Number(port), host, 120_000);
console.log(`\nFlyte Console: http://${host === "0.0.0.0" ? "localhost" : host}:${port}/console  (FlyteAdmin: ${env.FLYTE_ADMIN_ENDPOINT})\n`);
