// Test helper: a sandbox gRPC server on a free loopback port over an in-memory (or given)
// database, with typed clients. Tests talk to it exactly as the console does.
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { createClient, type Client } from "@connectrpc/connect";
import { connectNodeAdapter, createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { sandboxConfig, type SandboxConfig } from "../../config";
import { openMemoryDb, type Db } from "../../store/db";
import type { SandboxContext } from "../context";
import { sandboxRoutes } from "../routes";
import { errorInterceptor } from "../errors";

export interface TestSandbox {
  ctx: SandboxContext;
  admin: Client<typeof AdminService>;
  signal: Client<typeof SignalService>;
  baseUrl: string;
  close(): Promise<void>;
}

export interface TestSandboxOptions {
  db?: Db;
  now?: () => number;
  config?: Partial<SandboxConfig>;
}

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const config = { ...sandboxConfig({}), seed: false, ...options.config };
  const ctx: SandboxContext = {
    db: options.db ?? openMemoryDb(),
    config,
    now: options.now ?? (() => Date.now()),
    httpBaseUrl: "http://127.0.0.1:0",
  };
  const server = http2.createServer(
    connectNodeAdapter({ routes: sandboxRoutes(ctx), grpc: true, grpcWeb: false, connect: true, interceptors: [errorInterceptor] }),
  );
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on("session", (s) => {
    sessions.add(s);
    s.on("close", () => sessions.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const transport = createGrpcTransport({ baseUrl });
  return {
    ctx,
    admin: createClient(AdminService, transport),
    signal: createClient(SignalService, transport),
    baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        // Sessions held by the client transport would keep close() waiting; drop them.
        server.close(() => resolve());
        for (const s of sessions) s.destroy();
      }),
  };
}
