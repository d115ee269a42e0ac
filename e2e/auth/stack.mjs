// The console with sign-in on, as a Flyte platform team runs it: FlyteAdmin (here the sandbox with its
// auth server on) and the console behind nginx with flyte-core's ingress rules, on one origin, so
// /login, /callback, /logout and /me go to FlyteAdmin and /console to the console. Playwright's third
// webServer; it reuses the build that the first webServer (scripts/start.mjs) made.
//   AUTH_HTTP_PORT (13090)         the one origin the browser uses; AUTH_GRPC_PORT (13091) gRPC through nginx
//   AUTH_CONSOLE_PORT (13010)      the console; its metrics on AUTH_CONSOLE_PORT + 254
//   AUTH_SANDBOX_GRPC_PORT (18189) the sandbox with auth on; AUTH_SANDBOX_HTTP_PORT (18188)
//   BUILT_CONSOLE_PORT (13000)     the first webServer's console: once it answers, the build is there
//   CONSOLE_LOG_DIR                where the console's and the sandbox's logs go (results/e2e-logs)
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { standaloneServer } from "../../scripts/build-if-stale.mjs";
import { processGroup, waitForPort } from "../../scripts/processes.mjs";
import { nginxConf } from "../ingress/nginx-conf.mjs";

const root = resolve(import.meta.dirname, "../..");
const env = process.env;
const httpPort = Number(env.AUTH_HTTP_PORT || 13090);
const grpcPort = Number(env.AUTH_GRPC_PORT || 13091);
const consolePort = Number(env.AUTH_CONSOLE_PORT || 13010);
const sandboxGrpcPort = Number(env.AUTH_SANDBOX_GRPC_PORT || 18189);
const sandboxHttpPort = Number(env.AUTH_SANDBOX_HTTP_PORT || 18188);
const builtConsolePort = Number(env.BUILT_CONSOLE_PORT || 13000);
const logDir = join(root, env.CONSOLE_LOG_DIR || "results/e2e-logs");
const prefix = join(root, "results", `auth-${httpPort}`);
const dataDir = join(prefix, "sandbox");
const secretsDir = join(dataDir, "auth");
const origin = `http://127.0.0.1:${httpPort}`;
const group = processGroup("auth stack", root);

/** Starts a child whose output goes to `logFile` and to this script's output. */
function run(name, command, args, extraEnv, logFile) {
  const child = group.run(name, command, args, { ...env, ...extraEnv }, ["ignore", "pipe", "pipe"]);
  const out = createWriteStream(logFile);
  for (const stream of [child.stdout, child.stderr]) {
    stream.pipe(out, { end: false });
    stream.pipe(process.stdout, { end: false });
  }
}

mkdirSync(logDir, { recursive: true });
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(prefix, { recursive: true });

run(
  "sandbox (auth on)",
  process.execPath,
  ["--import", "tsx", "lib/sandbox/main.ts"],
  {
    FLYTE_SANDBOX_AUTH: "1",
    FLYTE_SANDBOX_AUTH_TEST_MODE: "1",
    FLYTE_SANDBOX_AUTH_SECRETS_DIR: secretsDir,
    FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: origin,
    FLYTE_SANDBOX_GRPC_PORT: String(sandboxGrpcPort),
    FLYTE_SANDBOX_HTTP_PORT: String(sandboxHttpPort),
    FLYTE_SANDBOX_DATA_DIR: dataDir,
    FLYTE_SANDBOX_TASK_MS: "400",
    FLYTE_SANDBOX_QUEUE_MS: "100",
  },
  join(logDir, `auth-sandbox-${sandboxGrpcPort}.log`),
);
await waitForPort(sandboxGrpcPort, "127.0.0.1", 120_000);
await waitForPort(builtConsolePort, "127.0.0.1", 300_000);

run(
  `console :${consolePort} (sign-in on)`,
  process.execPath,
  [standaloneServer(root)],
  {
    PORT: String(consolePort),
    HOSTNAME: "127.0.0.1",
    NEXT_TELEMETRY_DISABLED: "1",
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${sandboxGrpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    FLYTE_CONSOLE_METRICS_PORT: String(consolePort + 254),
    // FlyteAdmin's secret, mounted as flyte-core mounts it (deploy/deployment.yaml).
    FLYTE_CONSOLE_AUTH_SECRETS_DIR: secretsDir,
    // Unset on purpose: behind the ingress, FlyteAdmin's /login is on the console's own origin.
    FLYTE_CONSOLE_ADMIN_PUBLIC_URL: "",
  },
  join(logDir, `console-${consolePort}.log`),
);
await waitForPort(consolePort, "127.0.0.1", 120_000);

const conf = join(prefix, "nginx.conf");
writeFileSync(
  conf,
  nginxConf({ prefix, httpPort, grpcPort, consolePorts: [consolePort], adminHttpPort: sandboxHttpPort, adminGrpcPort: sandboxGrpcPort }),
);
group.run("nginx", env.NGINX_PATH || "/usr/sbin/nginx", ["-p", prefix, "-c", conf], env, "inherit");
await waitForPort(httpPort, "127.0.0.1", 30_000);
console.log(`auth stack: nginx on ${origin} → console :${consolePort} (sign-in on), sandbox :${sandboxGrpcPort} (auth on)`);
