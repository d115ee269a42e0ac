// The sandbox process: `npm run sandbox`. A FlyteAdmin-compatible gRPC server on loopback, its REST
// gateway and task logs over HTTP, SQLite storage, and the simulated executor (see server.ts).
// Never imported by app code. Prints `sandbox: grpc listening on HOST:PORT` once it is ready; exits 1
// with the reason when it cannot start (a port in use, a bad setting).
import { sandboxConfig } from "./config";
import { startSandbox } from "./server";

async function main(): Promise<void> {
  const config = sandboxConfig();
  const sandbox = await startSandbox(config);
  console.log(`sandbox: data in ${config.dataDir}`);
  console.log(`sandbox: http listening on ${config.host}:${sandbox.httpPort}`);
  console.log(`sandbox: grpc listening on ${config.host}:${sandbox.grpcPort}`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    sandbox.close().finally(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  console.error(`sandbox: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
