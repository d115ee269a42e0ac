// The sandbox as a library: `startSandbox(config)` opens the store, seeds it on first start, serves gRPC
// (AdminService, SignalService, DataProxyService; with auth on also AuthMetadataService, IdentityService) and HTTP (/api/v1,
// task logs, control, and with auth on FlyteAdmin's sign-in endpoints) on loopback and runs the executor
// loop. main.ts is the CLI around it; tests and benchmarks start it in-process on port 0.
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { withSpecGrpcMessage } from "./grpc/message-encoding";
import { createSandboxAuth } from "./auth";
import { authInterceptor } from "./auth/grpc";
import type { SandboxConfig, SandboxTlsFiles } from "./config";
import { reconcile } from "./executor/reconcile";
import { FaultState, faultInterceptor } from "./faults";
import { createSandboxHttpServer, type SandboxHttpServer } from "./http/server";
import { createSignedObjectHandler } from "./http/signed-objects";
import { ExecutorLoop } from "./loop";
import { openDb, type Db } from "./store/db";
import { sandboxRoutes } from "./services/routes";
import { errorInterceptor } from "./services/errors";
import type { SandboxContext } from "./services/context";
import { seedIfEmpty } from "./seed";

export interface SandboxOptions {
  /** Fault injection state; default from the FLYTE_SANDBOX_FAULT_* environment. */
  faults?: FaultState;
  /** The clock the services and the executor share; default Date.now. */
  now?: () => number;
  /** Whether to run the executor loop (default true). */
  executor?: boolean;
}

export interface RunningSandbox {
  grpcPort: number;
  httpPort: number;
  /** e.g. http://127.0.0.1:8089 (https:// with TLS) */
  grpcUrl: string;
  /** e.g. http://127.0.0.1:8088 */
  httpUrl: string;
  ctx: SandboxContext;
  loop: ExecutorLoop;
  close(): Promise<void>;
}

/** A listen error a person can act on (the port is taken, or not ours to use). */
export class SandboxPortError extends Error {
  constructor(what: string, host: string, port: number, envName: string, cause: NodeJS.ErrnoException) {
    const reason =
      cause.code === "EADDRINUSE"
        ? "is already in use (another sandbox, or another program)"
        : cause.code === "EACCES"
          ? "may not be used by this user"
          : `cannot be used (${cause.code ?? cause.message})`;
    super(`${what} port ${host}:${port} ${reason}; choose another one with ${envName}=<port> (0 picks a free one)`);
    this.name = "SandboxPortError";
  }
}

type GrpcServer = http2.Http2Server | http2.Http2SecureServer;

function readTlsFile(name: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`${name}=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** HTTP/2 over TLS (ALPN h2 only, as gRPC clients expect); with a client CA, a client certificate it issued is required. */
function createSecureGrpcServer(tls: SandboxTlsFiles, handler: (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => void): http2.Http2SecureServer {
  const options: http2.SecureServerOptions = {
    cert: readTlsFile("FLYTE_SANDBOX_TLS_CERT_FILE", tls.certFile),
    key: readTlsFile("FLYTE_SANDBOX_TLS_KEY_FILE", tls.keyFile),
    allowHTTP1: false,
    ...(tls.clientCaFile
      ? { ca: readTlsFile("FLYTE_SANDBOX_TLS_CLIENT_CA_FILE", tls.clientCaFile), requestCert: true, rejectUnauthorized: true }
      : {}),
  };
  try {
    return http2.createSecureServer(options, handler);
  } catch (err) {
    const reason = (err as { reason?: unknown }).reason;
    const files = [tls.certFile, tls.keyFile, tls.clientCaFile].filter(Boolean).join(", ");
    throw new Error(`the sandbox's TLS files (${files}) cannot be used: ${typeof reason === "string" ? reason : (err as Error).message}`);
  }
}

function listenGrpc(server: GrpcServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(new SandboxPortError("gRPC", host, port, "FLYTE_SANDBOX_GRPC_PORT", err));
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSandbox(config: SandboxConfig, options: SandboxOptions = {}): Promise<RunningSandbox> {
  const faults = options.faults ?? FaultState.fromEnv();
  const db: Db = openDb(config.dataDir);
  const ctx: SandboxContext = { db, config, now: options.now ?? (() => Date.now()), httpBaseUrl: "" };
  try {
    // The secrets are on disk before either port listens: whoever waits for a port may read them.
    if (config.auth) ctx.auth = await createSandboxAuth(config.auth, () => ctx.httpBaseUrl, ctx.now);
  } catch (err) {
    db.close();
    throw err;
  }
  const routes = sandboxRoutes(ctx);
  // Faults first: an injected failure never reaches (or changes) the store; then authentication, so a
  // refused call is still counted in /_sandbox/stats.
  const interceptors = [faultInterceptor(faults), ...(ctx.auth ? [authInterceptor(ctx.auth)] : []), errorInterceptor];

  let http: SandboxHttpServer | undefined;
  let grpc: GrpcServer | undefined;
  const sessions = new Set<http2.ServerHttp2Session>();
  const loop = new ExecutorLoop(ctx, reconcile, () => ({ ...config.executor, httpBaseUrl: ctx.httpBaseUrl }), faults);

  const close = async () => {
    loop.stop();
    const grpcClosed = grpc?.listening ? new Promise<void>((resolve) => grpc!.close(() => resolve())) : Promise.resolve();
    for (const s of sessions) s.destroy();
    await Promise.all([grpcClosed, http?.server.listening ? http.close().catch(() => undefined) : undefined]);
    if (db.open) db.close();
  };

  try {
    http = createSandboxHttpServer({
      routes,
      interceptors,
      faults,
      host: config.host,
      port: config.httpPort,
      auth: ctx.auth,
      signedObjects: createSignedObjectHandler(ctx),
      allowedHosts: config.allowedHosts,
    });
    const httpAddress = await http.listen().catch((err: NodeJS.ErrnoException) => {
      throw new SandboxPortError("HTTP", config.host, config.httpPort, "FLYTE_SANDBOX_HTTP_PORT", err);
    });
    ctx.httpBaseUrl = httpAddress.url;

    // Both ports are taken before the first write, so a second sandbox on the same data dir stops here.
    const handler = withSpecGrpcMessage(connectNodeAdapter({ routes, grpc: true, grpcWeb: false, connect: true, interceptors }));
    grpc = config.tls ? createSecureGrpcServer(config.tls, handler) : http2.createServer(handler);
    grpc.on("session", (s: http2.ServerHttp2Session) => {
      sessions.add(s);
      s.on("close", () => sessions.delete(s));
    });
    const grpcPort = await listenGrpc(grpc, config.host, config.grpcPort);

    await seedIfEmpty(ctx);
    if (options.executor !== false) loop.start();
    const urlHost = config.host.includes(":") ? `[${config.host}]` : config.host;
    return {
      grpcPort,
      httpPort: httpAddress.port,
      grpcUrl: `${config.tls ? "https" : "http"}://${urlHost}:${grpcPort}`,
      httpUrl: httpAddress.url,
      ctx,
      loop,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
