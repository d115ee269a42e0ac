// Starts the real stack for a benchmark: the sandbox and the built console (next start).
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { createConnection } from "node:net";
import { join } from "node:path";

const root = process.cwd();
const bin = (name: string) => join(root, "node_modules", ".bin", name);

export interface Stack {
  sandboxGrpc: string;
  sandboxHttp: string;
  console: string;
  stop(): void;
}

function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} did not open in ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

export async function startStack(opts: { grpcPort: number; httpPort: number; consolePort: number; env?: Record<string, string>; dataDir?: string }): Promise<Stack> {
  const dataDir = opts.dataDir ?? join(root, "results", "bench", "sandbox-data");
  rmSync(dataDir, { recursive: true, force: true });
  const children: ChildProcess[] = [];
  const env = {
    ...process.env,
    FLYTE_SANDBOX_GRPC_PORT: String(opts.grpcPort),
    FLYTE_SANDBOX_HTTP_PORT: String(opts.httpPort),
    FLYTE_SANDBOX_DATA_DIR: dataDir,
    ...opts.env,
  };
  children.push(spawn(process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }));
  await waitForPort(opts.grpcPort, 60_000);
  const consoleEnv = {
    ...env,
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${opts.grpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    NODE_ENV: "production" as const,
  };
  children.push(
    spawn(bin("next"), ["start", "-p", String(opts.consolePort), "-H", "127.0.0.1"], {
      cwd: root,
      env: consoleEnv,
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  await waitForPort(opts.consolePort, 120_000);
  return {
    sandboxGrpc: `http://127.0.0.1:${opts.grpcPort}`,
    sandboxHttp: `http://127.0.0.1:${opts.httpPort}`,
    console: `http://127.0.0.1:${opts.consolePort}`,
    stop: () => children.forEach((c) => c.kill("SIGTERM")),
  };
}
