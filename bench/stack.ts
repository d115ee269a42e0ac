// Starts the real stack for a benchmark: the sandbox and the built console (its standalone server, as the image runs it).
// The console can be restarted alone (`restartConsole`), keeping the sandbox and its data: a cold sample
// starts from a console process that holds nothing of what is measured.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { standaloneServer } from "../scripts/build-if-stale.mjs";
import { waitForPort } from "../scripts/processes.mjs";

const root = process.cwd();

export interface Stack {
  sandboxGrpc: string;
  sandboxHttp: string;
  console: string;
  /** Stops the console's server and starts a fresh one on the same port; resolves once /console/livez answers. */
  restartConsole(): Promise<void>;
  stop(): void;
}

export interface StackOptions {
  grpcPort: number;
  httpPort: number;
  consolePort: number;
  /** The console's Prometheus port (it would take 10254 otherwise, outside the bench's ports). */
  metricsPort: number;
  env?: Record<string, string>;
  dataDir?: string;
}

async function untilLive(origin: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${origin}/console/livez`).catch(() => undefined);
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`${origin}/console/livez did not answer 200 in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dataDir = opts.dataDir ?? join(root, "results", "bench", "sandbox-data");
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    FLYTE_SANDBOX_GRPC_PORT: String(opts.grpcPort),
    FLYTE_SANDBOX_HTTP_PORT: String(opts.httpPort),
    FLYTE_SANDBOX_DATA_DIR: dataDir,
    ...opts.env,
  };
  const sandbox = spawn(process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  await waitForPort(opts.grpcPort, "127.0.0.1", 60_000);
  const consoleEnv = {
    ...env,
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${opts.grpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    FLYTE_CONSOLE_METRICS_PORT: String(opts.metricsPort),
    NODE_ENV: "production" as const,
    PORT: String(opts.consolePort),
    HOSTNAME: "127.0.0.1",
  };
  const origin = `http://127.0.0.1:${opts.consolePort}`;
  const startConsole = () => spawn(process.execPath, [standaloneServer(root)], { cwd: root, env: consoleEnv, stdio: ["ignore", "ignore", "inherit"] });
  let server: ChildProcess = startConsole();
  await waitForPort(opts.consolePort, "127.0.0.1", 120_000);
  await untilLive(origin, 60_000);
  return {
    sandboxGrpc: `http://127.0.0.1:${opts.grpcPort}`,
    sandboxHttp: `http://127.0.0.1:${opts.httpPort}`,
    console: origin,
    async restartConsole() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = once(server, "exit");
        server.kill("SIGTERM");
        await exited;
      }
      server = startConsole();
      await untilLive(origin, 60_000);
    },
    stop: () => {
      server.kill("SIGTERM");
      sandbox.kill("SIGTERM");
    },
  };
}
