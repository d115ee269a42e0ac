// Starting the sandbox: in-process on free ports, and a clear failure when a port is taken.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxConfig } from "./config";
import { startSandbox } from "./server";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), "sbx-server-"));
let blocker: Server;
let takenPort: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  takenPort = (blocker.address() as { port: number }).port;
});
afterAll(() => {
  blocker.close();
  rmSync(dir, { recursive: true, force: true });
});

const config = (over: { grpcPort?: number; httpPort?: number }) => ({ ...sandboxConfig({}), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false, ...over });

describe("startSandbox", () => {
  it("serves on free ports and closes cleanly", async () => {
    const sb = await startSandbox(config({}));
    expect(sb.grpcPort).toBeGreaterThan(0);
    const health = await fetch(`${sb.httpUrl}/healthz`);
    expect(await health.json()).toEqual({ status: "ok" });
    await sb.close();
    await expect(fetch(`${sb.httpUrl}/healthz`)).rejects.toThrow();
  });

  it.each([
    ["gRPC", "grpcPort", "FLYTE_SANDBOX_GRPC_PORT"],
    ["HTTP", "httpPort", "FLYTE_SANDBOX_HTTP_PORT"],
  ] as const)("names the %s port that is already in use and how to pick another", async (what, key, env) => {
    const ports = { [key]: takenPort };
    await expect(startSandbox(config(ports))).rejects.toThrow(`${what} port 127.0.0.1:${takenPort} is already in use`);
    await expect(startSandbox(config(ports))).rejects.toThrow(`${env}=<port>`);
  });

  it("serves gRPC over TLS only with both a certificate and a key it can read", async () => {
    expect(() => sandboxConfig({ FLYTE_SANDBOX_TLS_CERT_FILE: "/tmp/cert.pem" })).toThrow(
      "TLS needs both FLYTE_SANDBOX_TLS_CERT_FILE and FLYTE_SANDBOX_TLS_KEY_FILE",
    );
    expect(() => sandboxConfig({ FLYTE_SANDBOX_TLS_CLIENT_CA_FILE: "/tmp/ca.pem" })).toThrow("TLS needs both");
    const missing = path.join(dir, "missing.pem");
    await expect(startSandbox({ ...config({}), tls: { certFile: missing, keyFile: missing } })).rejects.toThrow(
      `FLYTE_SANDBOX_TLS_CERT_FILE=${missing} cannot be read (ENOENT)`,
    );
  });

  it("the CLI prints the reason and exits 1 when its port is taken", async () => {
    const run = promisify(execFile)(path.join(repoRoot, "node_modules/.bin/tsx"), ["lib/sandbox/main.ts"], {
      cwd: repoRoot,
      env: { ...process.env, FLYTE_SANDBOX_DATA_DIR: dir, FLYTE_SANDBOX_GRPC_PORT: String(takenPort), FLYTE_SANDBOX_HTTP_PORT: "0", FLYTE_SANDBOX_SEED: "0" },
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`sandbox: failed to start: gRPC port 127.0.0.1:${takenPort} is already in use`),
    });
  }, 60_000);
});
