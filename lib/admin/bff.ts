// The browser's only door to FlyteAdmin: a Connect router that forwards allowlisted
// AdminService/SignalService/DataProxyService methods upstream and answers the console's own service.
import { Code, ConnectError, createConnectRouter, type HandlerContext } from "@connectrpc/connect";
import { createFetchHandler } from "@connectrpc/connect/protocol";
import { create, fromBinary, type DescMessage, type DescMethodUnary, type DescService, type MessageShape } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { ConsoleService, GetSessionResponseSchema, type GetSessionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { answersInBinary, opaqueFrom } from "@/lib/protobuf/opaque";
import { methodAccess, type MethodAccess } from "./allowlist";
import { credentialsFor, signInError } from "./credentials";
import { upstreamError } from "./errors";
import { createDashboardStats, type DashboardStatsHandler } from "./dashboard/stats";
import { getDomainSettings } from "./domain-settings";
import { createFailureGroups, type FailureGroupsHandler } from "./triage/failure-groups";
import { hostGuard, listLimitGuard } from "./guards";
import { checkSameOrigin } from "./origin";
import { probeAdmin } from "./probe";
import { withSignIn } from "./session/sign-in";
import { upstream, type Upstream } from "./upstream";
import { WatchHub } from "./watch/hub";
import { watchHub, watchOptions } from "./watch/shared-hub";
import { watchResponse } from "./watch/watch-state";

export const BFF_PREFIX = "/api/connect";

type FetchHandler = (req: Request) => Promise<Response>;

function refuse(service: DescService, method: { name: string }) {
  return () => {
    throw new ConnectError(
      `${service.name}.${method.name} is not available through the console`,
      Code.PermissionDenied,
    );
  };
}

function forward<I extends DescMessage, O extends DescMessage>(
  up: Upstream,
  method: DescMethodUnary<I, O>,
  access: MethodAccess,
) {
  return async (req: MessageShape<I>, ctx: HandlerContext): Promise<MessageShape<O>> => {
    if (access === "mutation") {
      const verdict = checkSameOrigin(ctx.requestHeader, ctx.url, up.config.trustedOrigins);
      if (!verdict.ok) throw new ConnectError(verdict.reason, Code.PermissionDenied);
    }
    const credentials = credentialsFor(ctx.requestHeader, up.config);
    if (!credentials.ok) throw signInError(credentials, up.config.signIn);
    const headers = credentials.headers;
    const clientDeadline = ctx.timeoutMs();
    const deadline = Math.min(clientDeadline ?? Infinity, up.config.deadlineMs);
    try {
      if (answersInBinary(ctx.requestHeader)) {
        // The reply goes back in binary: hand FlyteAdmin's bytes on without parsing them (lib/protobuf/opaque.ts).
        const res = await up.transport.unary({ ...method, output: EmptySchema }, ctx.signal, deadline, headers, req);
        return opaqueFrom(method.output, res.message);
      }
      const res = await up.transport.unary(method, ctx.signal, deadline, headers, req);
      return res.message;
    } catch (err) {
      throw withSignIn(upstreamError(err, up.config.endpoint, up.config.tls), up.config.signIn);
    }
  };
}

/**
 * Who is signed in, as FlyteAdmin says (IdentityService.UserInfo), and where to sign in and out.
 * Auth is on when the console reads FlyteAdmin's session (sign-in on) or an auth proxy sends an
 * Authorization header; otherwise FlyteAdmin is not asked at all.
 */
async function getSession(up: Upstream, ctx: HandlerContext): Promise<GetSessionResponse> {
  const signIn = up.config.signIn;
  if (!signIn && !ctx.requestHeader.has("authorization")) return create(GetSessionResponseSchema, { authEnabled: false });
  const credentials = credentialsFor(ctx.requestHeader, up.config);
  if (!credentials.ok) throw signInError(credentials, signIn);
  const session = create(GetSessionResponseSchema, { authEnabled: true, signInUrl: signIn?.signInUrl ?? "", signOutUrl: signIn?.signOutUrl ?? "" });
  try {
    session.user = await up.identity.userInfo({}, { headers: credentials.headers, timeoutMs: up.config.deadlineMs, signal: ctx.signal });
  } catch (err) {
    const ce = upstreamError(err, up.config.endpoint, up.config.tls);
    // A FlyteAdmin older than IdentityService still authenticates; it only cannot say who the user is.
    if (ce.code !== Code.Unimplemented) throw withSignIn(ce, signIn);
  }
  return session;
}

function connectErrorResponse(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status });
}

export function createBff(
  up: Upstream,
  hub = new WatchHub(up, watchOptions(up)),
  dashboardStats: DashboardStatsHandler = createDashboardStats(up),
  failureGroups: FailureGroupsHandler = createFailureGroups(up),
): FetchHandler {
  const router = createConnectRouter({
    readMaxBytes: up.config.maxBodyBytes,
    interceptors: [hostGuard(up.config.allowedHosts), listLimitGuard(up.config.maxListLimit)],
  });
  for (const service of [AdminService, SignalService, DataProxyService] as DescService[]) {
    for (const method of service.methods) {
      const access = methodAccess(service.typeName, method.name);
      if (access && method.methodKind === "unary") {
        const unary = method as DescMethodUnary;
        router.rpc(unary, forward(up, unary, access));
      } else {
        router.rpc(method, refuse(service, method) as never);
      }
    }
  }
  router.service(ConsoleService, {
    getConsoleInfo: (_req, ctx) => {
      const credentials = credentialsFor(ctx.requestHeader, up.config);
      return probeAdmin(up, credentials.ok ? credentials.headers : undefined);
    },
    getSession: (_req, ctx) => getSession(up, ctx),
    getDashboardStats: dashboardStats,
    getDomainSettings: (req, ctx) => getDomainSettings(up, req, ctx),
    getFailureGroups: failureGroups,
    async *watchExecution(req, ctx) {
      const id = req.id;
      if (!id?.project || !id.domain || !id.name) {
        throw new ConnectError("id with project, domain and name is required", Code.InvalidArgument);
      }
      const credentials = credentialsFor(ctx.requestHeader, up.config);
      if (!credentials.ok) throw signInError(credentials, up.config.signIn);
      const { headers, expiresAtMs } = credentials;
      for await (const u of hub.updates(id, { headers, expiresAtMs, cursor: req.cursor }, ctx.signal)) {
        yield watchResponse(u);
      }
    },
  });

  const handlers = new Map(router.handlers.map((h) => [h.requestPath, { fetch: createFetchHandler(h), method: h.method }]));
  return async (req: Request) => {
    const path = new URL(req.url).pathname;
    const at = path.indexOf(BFF_PREFIX);
    const methodPath = at >= 0 ? path.slice(at + BFF_PREFIX.length) : path;
    const handler = handlers.get(methodPath);
    if (!handler) return connectErrorResponse(404, "unimplemented", `unknown method ${methodPath}`);
    const length = Number(req.headers.get("content-length") ?? 0);
    const tooLarge = (bytes: number) =>
      connectErrorResponse(413, "resource_exhausted", `request body of ${bytes} bytes is over the limit of ${up.config.maxBodyBytes}`);
    if (length > up.config.maxBodyBytes) return tooLarge(length);
    let request = req;
    const binary = binaryRequestKind(handler.method.methodKind, req);
    if (binary) {
      const checked = await checkedBinaryBody(req, handler.method.input, up.config.maxBodyBytes, binary === "enveloped");
      if (checked instanceof Response) return checked;
      if (checked === "too large") return tooLarge(up.config.maxBodyBytes + 1);
      request = checked;
    }
    // Both Requests stay reachable while the stream runs: the checked one's signal follows the original's.
    return unbufferedStreams(explained(await handler.fetch(request), req), [req, request]);
  };
}

/** A Connect binary request whose body this file checks: unary (`application/proto`) or a server stream's one enveloped message. */
function binaryRequestKind(kind: string, req: Request): "unary" | "enveloped" | undefined {
  if (req.method !== "POST") return undefined;
  const type = req.headers.get("content-type") ?? "";
  if (kind === "unary" && /^application\/proto\s*(;|$)/i.test(type)) return "unary";
  if (kind === "server_streaming" && /^application\/connect\+proto\s*(;|$)/i.test(type)) return "enveloped";
  return undefined;
}

/**
 * connect-es reports a binary request body that does not parse as Internal (a 500, or on a stream an
 * Internal error the page would retry), though it is the client's error (connect-go says InvalidArgument, as does its own JSON parsing): parse it here first.
 * Returns the request to hand on (its body read once, within the size limit), or the refusal.
 */
async function checkedBinaryBody(req: Request, input: DescMessage, maxBytes: number, enveloped: boolean): Promise<Request | Response | "too large"> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) {
    size += r.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      return "too large";
    }
    chunks.push(r.value);
  }
  const bytes = Buffer.concat(chunks);
  try {
    // An envelope: flags (bit 0: compressed, which Connect checks itself), length, message.
    if (!enveloped) fromBinary(input, bytes);
    else if (bytes.length >= 5 && (bytes[0] & 1) === 0) fromBinary(input, bytes.subarray(5, 5 + bytes.readUInt32BE(1)));
  } catch (err) {
    return connectErrorResponse(400, "invalid_argument", `request body is not a binary ${input.typeName}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body: bytes, signal: req.signal });
}

/**
 * Connect's handler answers a content type or an HTTP method it does not speak with a bare 415 or 405;
 * say which and what to send instead, as every other refusal does.
 */
function explained(res: Response, req: Request): Response {
  if (res.status < 400 || res.headers.get("content-type")) return res;
  if (res.status === 415) {
    const type = JSON.stringify(req.headers.get("content-type") ?? "");
    return connectErrorResponse(415, "unimplemented", `content type ${type} is not supported: send application/json or application/proto (Connect), or their application/connect+ forms for streams`);
  }
  if (res.status === 405) return connectErrorResponse(405, "unimplemented", `HTTP method ${req.method} is not supported: use POST (or GET for Connect's side-effect-free GET requests)`);
  return connectErrorResponse(res.status, "unknown", `request refused (HTTP ${res.status})`);
}

/**
 * Server streams (WatchExecution) must reach the browser message by message: proxies such as nginx
 * buffer responses unless told not to, which would hold live updates back until the stream ends.
 *
 * The stream also keeps its Request reachable until it ends: a Request made from another signal (Next's
 * NextRequest, a test's fetch) follows that signal only while the Request itself lives (undici holds its
 * AbortController through a WeakRef), and the stream's handler holds only the signal. Collected early,
 * a closed tab's stream would never hear the abort and keep its place on a poll loop.
 */
function unbufferedStreams(res: Response, keptAlive: Request[]): Response {
  if (!res.headers.get("content-type")?.startsWith("application/connect+")) return res;
  const headers = new Headers(res.headers);
  headers.set("x-accel-buffering", "no");
  headers.set("cache-control", "no-cache, no-transform");
  const body = res.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, controller) => controller.enqueue(chunk),
      flush: () => void keptAlive,
    }),
  );
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

let shared: FetchHandler | undefined;
export function bff(): FetchHandler {
  shared ??= createBff(upstream(), watchHub());
  return shared;
}
