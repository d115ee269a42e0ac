// The sandbox's HTTP/1.1 server: FlyteAdmin's REST API (/api/v1/...), task logs (/logs/...),
// health (/healthz, and FlyteAdmin's /healthcheck) and the loopback-only control endpoints
// (/_sandbox/faults, /_sandbox/stats), DataProxyService's signed links (/dataproxy/v1/...); with auth on, FlyteAdmin's browser endpoints (/login, /callback,
// /logout, /me, /.well-known/..., /oauth2/jwks). The caller decides when to listen.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { AuthMetadataService } from "@/lib/gen/flyteidl/service/auth_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { firstForeignHost, hostRefusal, parseAllowedHosts, requestHostsOf, type AllowedHosts } from "@/lib/hosts/allowed-hosts";
import type { SandboxAuth } from "../auth";
import { createAuthHttpHandler, sessionMetadata } from "../auth/http";
import type { FaultState } from "../faults";
import { CONTROL_PATH_PREFIX, handleControlRequest } from "./control";
import { createRestGateway, type RestGateway } from "./gateway";
import { handleTaskLogRequest, TASK_LOG_PATH_PREFIX } from "./logs";
import { SIGNED_LINK_PATH_PREFIX } from "./signed-objects";
import { sendJson } from "./send-json";

export const DEFAULT_SANDBOX_HTTP_PORT = 8088;

/** FLYTE_SANDBOX_HTTP_PORT, or 8088. */
export function sandboxHttpPortFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FLYTE_SANDBOX_HTTP_PORT?.trim();
  if (!raw) return DEFAULT_SANDBOX_HTTP_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`FLYTE_SANDBOX_HTTP_PORT must be a port number, got "${raw}"`);
  }
  return port;
}

export interface SandboxHttpServerOptions {
  /** Registers the AdminService and SignalService implementations. */
  routes: (router: ConnectRouter) => void;
  /** The same server interceptors as the gRPC server's, including `faultInterceptor(faults)`. */
  interceptors?: Interceptor[];
  /** The fault state the control endpoints read and change. */
  faults: FaultState;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default FLYTE_SANDBOX_HTTP_PORT or 8088; 0 picks a free port. */
  port?: number;
  /** FlyteAdmin's authentication; undefined: off (the auth paths are 404 like any unknown path). */
  auth?: SandboxAuth;
  /** Serves DataProxyService's signed links (SIGNED_LINK_PATH_PREFIX); undefined: those paths are 404. */
  signedObjects?: (req: IncomingMessage, res: ServerResponse, url: URL) => void;
  /** Hosts answered besides loopback names and IP literals (FLYTE_SANDBOX_ALLOWED_HOSTS); default none. */
  allowedHosts?: AllowedHosts;
}

export const SANDBOX_ALLOWED_HOSTS_SETTING = "FLYTE_SANDBOX_ALLOWED_HOSTS";

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export interface SandboxHttpAddress {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:8088, the base for TaskLog URIs. */
  url: string;
}

export interface SandboxHttpServer {
  server: Server;
  gateway: RestGateway;
  listen(): Promise<SandboxHttpAddress>;
  close(): Promise<void>;
}

/**
 * The request's target as a URL. A target is normally a path (`/api/...`, also `//x`, which URL parsing
 * would read as a host); an absolute-form one (`http://host/path`, as sent to proxies) becomes its path,
 * in `req.url` too, so the gateway sees the same. Undefined when it is neither.
 */
function requestUrl(req: IncomingMessage): URL | undefined {
  const target = req.url ?? "/";
  try {
    if (target.startsWith("/")) return new URL(`http://sandbox.invalid${target}`);
    const absolute = new URL(target);
    req.url = `${absolute.pathname}${absolute.search}`;
    return new URL(`http://sandbox.invalid${req.url}`);
  } catch {
    return undefined;
  }
}

/**
 * What Node's HTTP parser refuses before any handler runs (CR, LF or NUL in a header, a request line that
 * is none, headers too large) it answers with a bare 400; say why, as every other refusal does.
 */
function answerMalformed(err: Error & { code?: string; reason?: string }, socket: Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
  const message = `malformed HTTP request: ${tooLarge ? "headers too large" : (err.reason ?? err.message)}`;
  const body = JSON.stringify({ error: message, code: 3, message });
  socket.end(
    `HTTP/1.1 ${tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request"}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function createSandboxHttpServer(options: SandboxHttpServerOptions): SandboxHttpServer {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? sandboxHttpPortFromEnv();
  const auth = options.auth;
  const gateway = createRestGateway({
    routes: options.routes,
    interceptors: options.interceptors,
    services: [AdminService, SignalService, DataProxyService, ...(auth ? [IdentityService, AuthMetadataService] : [])],
    ...(auth ? { annotate: (req: IncomingMessage) => sessionMetadata(auth, req) } : {}),
  });
  const handleAuth = auth ? createAuthHttpHandler(auth) : undefined;
  const allowedHosts = options.allowedHosts ?? parseAllowedHosts(undefined, SANDBOX_ALLOWED_HOSTS_SETTING);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) return sendJson(res, 400, { error: "malformed request target", code: 3, message: "malformed request target" });
    const path = url.pathname;
    if (path === "/healthz" || path === "/healthcheck") return sendJson(res, 200, { status: "ok" });
    // DNS rebinding: a page whose name resolves to this port reads what it is answered (lib/hosts).
    const foreign = firstForeignHost(requestHostsOf(header(req.headers["x-forwarded-host"]), req.headers.host), allowedHosts);
    if (foreign !== undefined) {
      const message = hostRefusal(foreign, SANDBOX_ALLOWED_HOSTS_SETTING);
      return sendJson(res, 403, { error: message, code: 7, message });
    }
    if (path.startsWith(TASK_LOG_PATH_PREFIX)) return handleTaskLogRequest(req, res, url);
    if (options.signedObjects && path.startsWith(SIGNED_LINK_PATH_PREFIX)) return options.signedObjects(req, res, url);
    if (path.startsWith(CONTROL_PATH_PREFIX)) return handleControlRequest(req, res, url, options.faults);
    if (handleAuth && (await handleAuth(req, res, url))) return;
    return gateway.handle(req, res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      console.error("sandbox http: unhandled error", err);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { error: "internal error", code: 13, message: "internal error" });
    });
  });

  server.on("clientError", answerMalformed);

  return {
    server,
    gateway,
    listen() {
      return new Promise((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.once("error", onError);
        server.listen(port, host, () => {
          server.off("error", onError);
          const address = server.address() as AddressInfo;
          const wildcard = address.address === "0.0.0.0" || address.address === "::";
          const urlHost = wildcard ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${urlHost}:${address.port}` });
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
