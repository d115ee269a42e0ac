// FlyteAdmin's REST API (`/api/v1/...`), as its grpc-gateway serves it: routes from the
// `google.api.http` annotations, path variables and query parameters into the request message,
// JSON or binary protobuf bodies, grpc-gateway's error bodies and status codes. Calls go through
// the same service implementations and interceptors as gRPC, via an in-process router transport.
import type { IncomingMessage, ServerResponse } from "node:http";
import { create, type DescService, type Message } from "@bufbuild/protobuf";
import { reflect } from "@bufbuild/protobuf/reflect";
import { Code, ConnectError, createRouterTransport, type ConnectRouter, type Interceptor } from "@connectrpc/connect";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { createMarshalers, errorBody, mediaType, registryFor, type Marshaler } from "./codec";
import { ParamError, populateFieldFromPath, populateQueryParameters } from "./params";
import { collectHttpBindings, matchRoute, type HttpBinding } from "./rules";

export interface RestGatewayOptions {
  /** Registers the AdminService and SignalService implementations (the same as the gRPC server's). */
  routes: (router: ConnectRouter) => void;
  /** Server interceptors, e.g. `[faultInterceptor(faults)]`: applied exactly as on the gRPC server. */
  interceptors?: Interceptor[];
  /** Services whose annotations to serve; FlyteAdmin serves both of these on its gateway. */
  services?: DescService[];
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Metadata added from the HTTP request, as FlyteAdmin's gateway annotators add the session cookies' token. */
  annotate?: (req: IncomingMessage) => Headers;
}

export interface RestGateway {
  readonly bindings: readonly HttpBinding[];
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
const FORM = "application/x-www-form-urlencoded";

function sendError(res: ServerResponse, err: unknown): void {
  const { status, body } = errorBody(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new ConnectError(`request body larger than ${limit} bytes`, Code.ResourceExhausted);
    chunks.push(buf);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Node's timers hold at most 2^31-1 ms (~24.8 days); a longer one fires after 1 ms. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * grpc-timeout ("5S", "300m", ...) as milliseconds. A deadline past what a timer can hold (up to
 * "99999999H" is legal) is no deadline at all, not one that fires at once.
 */
export function parseGrpcTimeout(value: string | undefined): number | undefined {
  const m = value && /^(\d{1,8})([HMSmun])$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const ms = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 }[m[2] as "H" | "M" | "S" | "m" | "u" | "n"];
  const timeout = Math.max(1, Math.round(n * ms));
  return timeout > LONGEST_TIMER_MS ? undefined : timeout;
}

/**
 * A browser request from another site. A page elsewhere can send a form POST to a loopback port
 * without a CORS preflight; no legitimate client of the sandbox does (curl and SDKs send no Origin,
 * and binary or JSON bodies from another origin need a preflight this server never grants).
 */
function isCrossSite(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin) {
    try {
      return new URL(origin).host !== req.headers.host;
    } catch {
      return true;
    }
  }
  return req.headers["sec-fetch-site"] === "cross-site";
}

/** What grpc-gateway forwards into gRPC metadata, plus what the annotator adds. */
function forwardedHeaders(req: IncomingMessage, annotate?: (req: IncomingMessage) => Headers): Headers {
  const headers = new Headers(annotate?.(req));
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(", ") : value;
    if (key === "authorization" || key === "x-request-id") headers.set(key, v);
    else if (key.startsWith("grpc-metadata-")) headers.set(key.slice("grpc-metadata-".length), v);
    else if (key === "user-agent" || key === "accept" || key === "cookie") headers.set(`grpcgateway-${key}`, v);
  }
  if (req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  // A proxy in front (Flyte's ingress) names the host the browser used; grpc-gateway's own is the Host.
  const forwardedHost = req.headers["x-forwarded-host"] ?? req.headers.host;
  if (forwardedHost) headers.set("x-forwarded-host", Array.isArray(forwardedHost) ? forwardedHost[0] : forwardedHost);
  const forwardedProto = req.headers["x-forwarded-proto"];
  if (typeof forwardedProto === "string") headers.set("x-forwarded-proto", forwardedProto);
  return headers;
}

function decodeBody(binding: HttpBinding, request: Message, raw: Uint8Array, inbound: Marshaler): Message {
  const input = binding.method.input;
  try {
    if (binding.body === "*") return raw.length === 0 ? request : inbound.decode(input, raw);
    const field = input.fields.find((f) => f.name === binding.body);
    if (!field || field.fieldKind !== "message") {
      throw new ConnectError(`body field "${binding.body}" is not a message`, Code.Unimplemented);
    }
    if (raw.length > 0) reflect(input, request).set(field, reflect(field.message, inbound.decode(field.message, raw)));
    return request;
  } catch (err) {
    if (err instanceof ConnectError) throw err;
    throw new ConnectError(err instanceof Error ? err.message : String(err), Code.InvalidArgument);
  }
}

export function createRestGateway(options: RestGatewayOptions): RestGateway {
  const services = options.services ?? [AdminService, SignalService];
  const bindings = collectHttpBindings(services);
  const marshalersFor = createMarshalers(registryFor(services));
  const transport = createRouterTransport(options.routes, { router: { interceptors: options.interceptors ?? [] } });
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && isCrossSite(req)) {
      return sendError(res, new ConnectError("cross-site requests to the sandbox API are refused", Code.PermissionDenied));
    }
    const contentType = req.headers["content-type"];
    const isForm = mediaType(contentType ?? "") === FORM && ["POST", "PUT", "PATCH"].includes(method);
    // grpc-gateway lets a form POST stand in for another verb (X-HTTP-Method-Override, or any
    // verb whose template matches): long query strings travel in the body.
    const formFallback = method === "POST" && isForm;
    const override = req.headers["x-http-method-override"];
    const verb = formFallback && typeof override === "string" ? override.toUpperCase() : method;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q >= 0 ? url.slice(0, q) : url;
    let route = matchRoute(bindings, verb, rawPath);
    const viaFallback = formFallback && (verb !== method || route.kind === "method-not-allowed");
    if (route.kind === "method-not-allowed" && formFallback) route = matchRoute(bindings, "*", rawPath);
    if (route.kind === "not-found") return sendError(res, new ConnectError("Not Found", Code.NotFound));
    if (route.kind === "method-not-allowed") {
      return sendError(res, new ConnectError("Method Not Allowed", Code.Unimplemented));
    }
    const { binding } = route;
    const { inbound, outbound } = marshalersFor({ contentType, accept: req.headers.accept });
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort(new ConnectError("client went away", Code.Canceled));
    });
    try {
      // Go's ParseForm reads a form body (its values first, then the URL's) and leaves no body.
      const query = new URLSearchParams();
      const readsForm = viaFallback || (isForm && !binding.body);
      if (readsForm) {
        const form = Buffer.from(await readBody(req, maxBody)).toString("utf8");
        for (const [k, v] of new URLSearchParams(form)) query.append(k, v);
      }
      for (const [k, v] of new URLSearchParams(q >= 0 ? url.slice(q + 1) : "")) query.append(k, v);
      let request: Message = create(binding.method.input);
      if (binding.body && !readsForm) request = decodeBody(binding, request, await readBody(req, maxBody), inbound);
      const r = reflect(binding.method.input, request);
      for (const { fieldPath, value } of route.pathValues) {
        try {
          populateFieldFromPath(r, fieldPath, [value]);
        } catch (err) {
          if (!(err instanceof ParamError)) throw err;
          throw new ConnectError(`type mismatch, parameter: ${fieldPath.join(".")}, error: ${err.message}`, Code.InvalidArgument);
        }
      }
      if (binding.body !== "*") {
        const bound = binding.variables.map((v) => v.fieldPath);
        if (binding.body) bound.push([binding.body]);
        try {
          populateQueryParameters(r, query, bound);
        } catch (err) {
          if (!(err instanceof ParamError)) throw err;
          throw new ConnectError(err.message, Code.InvalidArgument);
        }
      }
      const response = await transport.unary(
        binding.method,
        abort.signal,
        parseGrpcTimeout(req.headers["grpc-timeout"] as string | undefined),
        forwardedHeaders(req, options.annotate),
        request,
      );
      const body = outbound.encode(binding.method.output, response.message);
      res.writeHead(200, { "Content-Type": outbound.contentType, "Content-Length": body.byteLength });
      res.end(body);
    } catch (err) {
      sendError(res, err);
    }
  }

  return { bindings, handle };
}
