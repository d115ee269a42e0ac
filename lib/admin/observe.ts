// Server-only: what the console's server records of its work. `observed` wraps a route handler (request
// id, one log line, the request histogram); `observeUpstream` is the upstream transport's interceptor.
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import type { Logger } from "pino";
import { errorFields, inRequest, log } from "./log";
import { metrics, type ConsoleMetrics } from "./metrics";

export interface ObserveDeps {
  logger: Logger;
  metrics: ConsoleMetrics;
  inRequest: <T>(reqId: string, fn: () => T) => T;
}

const processDeps = (): ObserveDeps => ({ logger: log(), metrics: metrics(), inRequest });

export const REQUEST_ID_HEADER = "x-request-id";

/** The caller's request id when it looks like one (a proxy's or a load balancer's), else a new one. */
export function requestIdOf(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && /^[\w.:+=/-]{1,128}$/.test(incoming) ? incoming : crypto.randomUUID();
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a fetch()ed or redirect response): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

/**
 * Wraps a route handler. `route` is the route's template (`/api/logs`): the raw URL would give the
 * histogram a series per URL. Headers are never logged.
 */
export function observed<A extends unknown[]>(
  route: string,
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  deps: () => ObserveDeps = processDeps,
): (request: Request, ...rest: A) => Promise<Response> {
  return async (request, ...rest) => {
    const { logger, metrics, inRequest } = deps();
    const reqId = requestIdOf(request.headers);
    const method = request.method;
    const started = performance.now();
    let response: Response;
    try {
      response = await inRequest(reqId, () => handler(request, ...rest));
    } catch (err) {
      logger.error({ reqId, method, route, error: errorFields(err) }, "route handler failed");
      response = Response.json({ code: "internal", message: `internal error (request id ${reqId})` }, { status: 500 });
    }
    const seconds = (performance.now() - started) / 1000;
    const code = response.status;
    metrics.httpRequestDuration.observe({ route, method, code: String(code) }, seconds);
    const line = {
      reqId,
      method,
      route,
      // The path only, never the query: a log URI in it may be a signed URL.
      path: new URL(request.url).pathname.slice(0, 300),
      code,
      durationMs: Math.round(seconds * 10_000) / 10,
    };
    if (code >= 500) logger.warn(line, "request");
    else logger.info(line, "request");
    return withHeader(response, REQUEST_ID_HEADER, reqId);
  };
}

/** Failures that say something is wrong with FlyteAdmin or the way to it, not with the request. */
const SERVER_SIDE = new Set([
  Code.Unknown,
  Code.DeadlineExceeded,
  Code.ResourceExhausted,
  Code.Unimplemented,
  Code.Internal,
  Code.Unavailable,
  Code.DataLoss,
]);

/** Counts and times every upstream call, and logs the ones FlyteAdmin failed. */
export function observeUpstream(deps: () => Pick<ObserveDeps, "logger" | "metrics"> = processDeps): Interceptor {
  return (next) => async (req) => {
    const { logger, metrics } = deps();
    const method = `${req.service.name}/${req.method.name}`;
    const started = performance.now();
    const record = (code: string) => {
      metrics.upstreamCalls.inc({ method, code });
      metrics.upstreamCallDuration.observe({ method, code }, (performance.now() - started) / 1000);
    };
    try {
      const res = await next(req);
      record("ok");
      return res;
    } catch (err) {
      const error = ConnectError.from(err);
      const code = codeToString(error.code);
      record(code);
      const fields = { upstreamMethod: method, upstreamCode: code, error: { message: error.rawMessage } };
      if (SERVER_SIDE.has(error.code)) logger.warn(fields, "upstream call failed");
      else logger.debug(fields, "upstream call failed");
      throw err;
    }
  };
}
