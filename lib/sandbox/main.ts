// The sandbox process: `npm run sandbox`. A FlyteAdmin-compatible gRPC server on loopback,
// its REST gateway and task logs over HTTP, SQLite storage, and the simulated executor.
// Never imported by app code. Prints `sandbox: grpc listening on HOST:PORT` once it is ready.
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { sandboxConfig } from "./config";
import { reconcile } from "./executor/reconcile";
import { FaultState, faultInterceptor } from "./faults";
import { createSandboxHttpServer } from "./http/server";
import { ExecutorLoop } from "./loop";
import { openDb } from "./store/db";
import { sandboxRoutes } from "./services/routes";
import { errorInterceptor } from "./services/errors";
import type { SandboxContext } from "./services/context";
import { seedIfEmpty } from "./seed";

async function main(): Promise<void> {
  const config = sandboxConfig();
  const db = openDb(config.dataDir);
  const ctx: SandboxContext = { db, config, now: () => Date.now(), httpBaseUrl: "" };
  const routes = sandboxRoutes(ctx);
  const faults = FaultState.fromEnv();
  // Faults first: an injected failure never reaches (or changes) the store.
  const interceptors = [faultInterceptor(faults), errorInterceptor];

  const http = createSandboxHttpServer({ routes, interceptors, faults, host: config.host, port: config.httpPort });
  const httpAddress = await http.listen();
  ctx.httpBaseUrl = httpAddress.url;
  console.log(`sandbox: http listening on ${config.host}:${httpAddress.port}`);

  await seedIfEmpty(ctx);

  const grpc = http2.createServer(connectNodeAdapter({ routes, grpc: true, grpcWeb: false, connect: true, interceptors }));
  await new Promise<void>((resolve, reject) => {
    grpc.once("error", reject);
    grpc.listen(config.grpcPort, config.host, () => resolve());
  });

  const loop = new ExecutorLoop(ctx, reconcile, () => ({ ...config.executor, httpBaseUrl: ctx.httpBaseUrl }));
  loop.start();

  const { port } = grpc.address() as AddressInfo;
  console.log(`sandbox: grpc listening on ${config.host}:${port}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    loop.stop();
    grpc.close();
    void http.close().catch(() => undefined);
    db.close();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error("sandbox: failed to start:", err);
  process.exit(1);
});
