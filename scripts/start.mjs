// `npm start`: the console, and the embedded sandbox unless FLYTE_ADMIN_ENDPOINT points elsewhere.
//   PORT / HOSTNAME             where the console listens (3000 / 127.0.0.1)
//   FLYTE_ADMIN_ENDPOINT        a real FlyteAdmin (gRPC); unset = start the sandbox
//   FLYTE_SANDBOX_GRPC_PORT     the sandbox's gRPC port (8089); FLYTE_SANDBOX_HTTP_PORT (8088)
//   FLYTE_SANDBOX_DATA_DIR      where the sandbox keeps its database (./data/sandbox); FLYTE_SANDBOX_FRESH=1 wipes it
//   FLYTE_SANDBOX_AUTH=1        the sandbox signs people in as FlyteAdmin does; the console gets its secrets
//                               directory and sign-in URL, and the sandbox accepts the console as a redirect target
//   --dev                       next dev instead of a production build
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildIfStale, standaloneServer } from "./build-if-stale.mjs";
import { processGroup, waitForPort } from "./processes.mjs";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const bin = (name) => join(root, "node_modules", ".bin", name);
const { run } = processGroup("console", root);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT || "3000";
const host = env.HOSTNAME || "127.0.0.1";

/** The console's origins as a browser reaches them (both loopback spellings when it listens on loopback or everywhere). */
function consoleOrigins() {
  const hosts = ["0.0.0.0", "::", "127.0.0.1", "localhost"].includes(host) ? ["127.0.0.1", "localhost"] : [host.includes(":") ? `[${host}]` : host];
  return hosts.map((h) => `http://${h}:${port}`);
}

/** With FLYTE_SANDBOX_AUTH=1: the console opens the sandbox's session cookies and sends people to its /login. */
function wireSandboxAuth() {
  const dataDir = env.FLYTE_SANDBOX_DATA_DIR || "./data/sandbox";
  env.FLYTE_CONSOLE_AUTH_SECRETS_DIR ||= resolve(root, env.FLYTE_SANDBOX_AUTH_SECRETS_DIR || join(dataDir, "auth"));
  // Cookies belong to a host name, not a port: the sign-in page must be on the host the console is printed as.
  const adminHost = ["localhost", "0.0.0.0", "::"].includes(host) ? "localhost" : "127.0.0.1";
  env.FLYTE_CONSOLE_ADMIN_PUBLIC_URL ||= `http://${adminHost}:${env.FLYTE_SANDBOX_HTTP_PORT}`;
  const uris = (env.FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS || "").split(",").map((u) => u.trim()).filter(Boolean);
  env.FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS = [...new Set([...uris, ...consoleOrigins()])].join(",");
}

if (!env.FLYTE_ADMIN_ENDPOINT) {
  const grpcPort = Number(env.FLYTE_SANDBOX_GRPC_PORT || 8089);
  env.FLYTE_SANDBOX_GRPC_PORT = String(grpcPort);
  env.FLYTE_SANDBOX_HTTP_PORT ||= "8088";
  // Tests start from a known state: FLYTE_SANDBOX_FRESH=1 throws the previous data away.
  if (env.FLYTE_SANDBOX_FRESH === "1" && env.FLYTE_SANDBOX_DATA_DIR) {
    rmSync(env.FLYTE_SANDBOX_DATA_DIR, { recursive: true, force: true });
  }
  if (["1", "true"].includes(env.FLYTE_SANDBOX_AUTH?.trim().toLowerCase() ?? "")) wireSandboxAuth();
  run("sandbox", process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], env);
  // The sandbox writes its auth secrets before it listens, so the console finds them.
  await waitForPort(grpcPort, "127.0.0.1", 60_000);
  env.FLYTE_ADMIN_ENDPOINT = `http://127.0.0.1:${grpcPort}`;
  env.FLYTE_CONSOLE_BACKEND = "sandbox";
}

if (dev) run("console", bin("next"), ["dev", "-p", port, "-H", host], env);
else {
  buildIfStale(root);
  run("console", process.execPath, [standaloneServer(root)], { ...env, PORT: port, HOSTNAME: host });
}
await waitForPort(Number(port), host, 120_000);
console.log(`\nFlyte Console: http://${host === "0.0.0.0" ? "localhost" : host}:${port}${env.FLYTE_CONSOLE_BASE_PATH ?? "/console"}  (FlyteAdmin: ${env.FLYTE_ADMIN_ENDPOINT})\n`);
