import { defineConfig } from "@playwright/test";

// The real stack: the sandbox (gRPC + HTTP), the built Next.js console, and Debian's Chromium.
const CONSOLE_PORT = Number(process.env.E2E_CONSOLE_PORT || 13000);
const SANDBOX_GRPC_PORT = Number(process.env.E2E_SANDBOX_GRPC_PORT || 18089);
const SANDBOX_HTTP_PORT = Number(process.env.E2E_SANDBOX_HTTP_PORT || 18088);
export const SANDBOX_HTTP = `http://127.0.0.1:${SANDBOX_HTTP_PORT}`;

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
    {
      name: "chromium",
      use: {
        browserName: "chromium",
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
      },
    },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${CONSOLE_PORT}/console/healthz`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    env: {
      PORT: String(CONSOLE_PORT),
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
});
