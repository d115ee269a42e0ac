// Starts the real stack for a benchmark: the sandbox and the built console (its standalone server, as the image runs it).
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { standaloneServer } from "../scripts/build-if-stale.mjs";
import { waitForPort } from "../scripts/processes.mjs";

const root = process.cwd();

export interface Stack {
  sandboxGrpc: string;
  sandboxHttp: string;
  console: string;
  stop(): void;
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
  await waitForPort(opts.grpcPort, "127.0.0.1", 60_000);
  const consoleEnv = {
    ...env,
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${opts.grpcPort}`,
    FLYTE_CONSOLE_BACKEND: "sandbox",
    NODE_ENV: "production" as const,
  };
  children.push(
    spawn(process.execPath, [standaloneServer(root)], {
      cwd: root,
      env: { ...consoleEnv, PORT: String(opts.consolePort), HOSTNAME: "127.0.0.1" },
      stdio: ["ignore", "ignore", "inherit"],
    }),
  );
  await waitForPort(opts.consolePort, "127.0.0.1", 120_000);
  return {
    sandboxGrpc: `http://127.0.0.1:${opts.grpcPort}`,
    sandboxHttp: `http://127.0.0.1:${opts.httpPort}`,
    console: `http://127.0.0.1:${opts.consolePort}`,
    stop: () => children.forEach((c) => c.kill("SIGTERM")),
  };
}
