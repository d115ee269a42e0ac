import { defineConfig } from "@playwright/test";

// The real stack: the sandbox (gRPC + HTTP), the built Next.js console, and Debian's Chromium.
const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT || 13000);
const SANDBOX_GRPC_PORT = Number(process.env.E2E_SANDBOX_GRPC_PORT || 18089);
const SANDBOX_HTTP_PORT = Number(process.env.E2E_SANDBOX_HTTP_PORT || 18088);
export const SANDBOX_HTTP = `http://127.0.0.1:${SANDBOX_HTTP_PORT}`;
// The same console behind nginx with flyte-core's ingress rules, as two replicas (e2e/ingress).
const INGRESS_HTTP_PORT = Number(process.env.E2E_INGRESS_HTTP_PORT || 13080);
const INGRESS_GRPC_PORT = Number(process.env.E2E_INGRESS_GRPC_PORT || 13081);
const REPLICA_PORT = Number(process.env.E2E_REPLICA_PORT || CONSOLE_PORT + 1);
// Each replica's Prometheus port, and where each writes its server log for the ingress tests to read.
export const METRICS_PORTS = [CONSOLE_PORT + 254, REPLICA_PORT + 254];
// The console with sign-in on, behind nginx, against a second sandbox with its auth server on (e2e/auth).
export const AUTH_HTTP_PORT = Number(process.env.E2E_AUTH_HTTP_PORT || 13090);
const AUTH_GRPC_PORT = Number(process.env.E2E_AUTH_GRPC_PORT || 13091);
const AUTH_CONSOLE_PORT = Number(process.env.E2E_AUTH_CONSOLE_PORT || CONSOLE_PORT + 10);
const AUTH_SANDBOX_GRPC_PORT = Number(process.env.E2E_AUTH_SANDBOX_GRPC_PORT || SANDBOX_GRPC_PORT + 100);
export const AUTH_CONSOLE_METRICS = `http://127.0.0.1:${AUTH_CONSOLE_PORT + 254}`;
export const AUTH_SANDBOX_HTTP = `http://127.0.0.1:${Number(process.env.E2E_AUTH_SANDBOX_HTTP_PORT || SANDBOX_HTTP_PORT + 100)}`;
export const LOG_DIR = "results/e2e-logs";

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.E2E_JSON ? [["list"], ["json", { outputFile: process.env.E2E_JSON }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${CONSOLE_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: ["ingress/**", "auth/**"], use: chromium },
    {
      name: "ingress",
      testMatch: "ingress/**/*.spec.ts",
      use: { ...chromium, baseURL: `http://127.0.0.1:${INGRESS_HTTP_PORT}` },
    },
    {
      name: "auth",
      testMatch: "auth/**/*.spec.ts",
      use: { ...chromium, baseURL: `http://127.0.0.1:${AUTH_HTTP_PORT}` },
    },
  ],
  webServer: [
    {
      command: `mkdir -p ${LOG_DIR} && node scripts/start.mjs 2>&1 | tee ${LOG_DIR}/console-${CONSOLE_PORT}.log`,
      url: `http://127.0.0.1:${CONSOLE_PORT}/console/healthz`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      // The servers' JSON request logs go to ${LOG_DIR}; errors still show here.
      stdout: "ignore",
      env: {
        PORT: String(CONSOLE_PORT),
        FLYTE_CONSOLE_METRICS_PORT: String(METRICS_PORTS[0]),
        FLYTE_SANDBOX_GRPC_PORT: String(SANDBOX_GRPC_PORT),
        FLYTE_SANDBOX_HTTP_PORT: String(SANDBOX_HTTP_PORT),
        FLYTE_SANDBOX_DATA_DIR: `results/e2e-sandbox-${SANDBOX_GRPC_PORT}`,
        FLYTE_SANDBOX_FRESH: "1",
        FLYTE_SANDBOX_TASK_MS: "400",
        FLYTE_SANDBOX_QUEUE_MS: "100",
        // A dashboard the size a busy team has: 10,000 past executions.
        FLYTE_SANDBOX_HISTORY: "10000",
      },
    },
    {
      command: "node e2e/ingress/stack.mjs",
      url: `http://127.0.0.1:${INGRESS_HTTP_PORT}/console/readyz`,
      timeout: 180_000,
      reuseExistingServer: !process.env.CI,
      // The servers' JSON request logs go to ${LOG_DIR}; errors still show here.
      stdout: "ignore",
      env: {
        INGRESS_HTTP_PORT: String(INGRESS_HTTP_PORT),
        INGRESS_GRPC_PORT: String(INGRESS_GRPC_PORT),
        CONSOLE_PORTS: `${CONSOLE_PORT},${REPLICA_PORT}`,
        CONSOLE_METRICS_PORTS: METRICS_PORTS.join(","),
        CONSOLE_LOG_DIR: LOG_DIR,
        FLYTE_SANDBOX_GRPC_PORT: String(SANDBOX_GRPC_PORT),
        FLYTE_SANDBOX_HTTP_PORT: String(SANDBOX_HTTP_PORT),
      },
    },
    {
      command: "node e2e/auth/stack.mjs",
      url: `http://127.0.0.1:${AUTH_HTTP_PORT}/console/readyz`,
      timeout: 300_000,
      reuseExistingServer: !process.env.CI,
      stdout: "ignore",
      env: {
        AUTH_HTTP_PORT: String(AUTH_HTTP_PORT),
        AUTH_GRPC_PORT: String(AUTH_GRPC_PORT),
        AUTH_CONSOLE_PORT: String(AUTH_CONSOLE_PORT),
        AUTH_SANDBOX_GRPC_PORT: String(AUTH_SANDBOX_GRPC_PORT),
        AUTH_SANDBOX_HTTP_PORT: new URL(AUTH_SANDBOX_HTTP).port,
        BUILT_CONSOLE_PORT: String(CONSOLE_PORT),
        CONSOLE_LOG_DIR: LOG_DIR,
      },
    },
  ],
});
