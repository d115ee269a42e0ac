// GET /api/dashboard/stats?project&domain&filters&from&to&bucket → ExecutionStats as JSON.
import { Code, ConnectError } from "@connectrpc/connect";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { invalidWindow } from "@/lib/flyte/dashboard/stats";
import { credentialsFor, signInError } from "@/lib/admin/credentials";
import { upstreamError } from "@/lib/admin/errors";
import { observed } from "@/lib/admin/observe";
import { withSignIn } from "@/lib/admin/session/sign-in";
import { upstream } from "@/lib/admin/upstream";
import { cachedStats, scanFilters, type StatsRequest } from "./collect";

export const dynamic = "force-dynamic";

const HTTP_STATUS: Partial<Record<Code, number>> = {
  [Code.InvalidArgument]: 400,
  [Code.Unauthenticated]: 401,
  [Code.PermissionDenied]: 403,
  [Code.NotFound]: 404,
  [Code.Unavailable]: 503,
  [Code.DeadlineExceeded]: 504,
};

/** As a Connect error looks in JSON; its metadata (the sign-in URL of an Unauthenticated) as headers. */
function errorResponse(err: ConnectError): Response {
  const code = Code[err.code].replace(/[A-Z]/g, (c, i) => (i ? "_" : "") + c.toLowerCase());
  return Response.json({ code, message: err.rawMessage }, { status: HTTP_STATUS[err.code] ?? 500, headers: err.metadata });
}

function readRequest(url: URL): StatsRequest {
  const q = url.searchParams;
  const project = q.get("project") ?? "";
  const domain = q.get("domain") ?? "";
  if (!project || !domain) throw new ConnectError("project and domain are required", Code.InvalidArgument);
  const window = { fromMs: Number(q.get("from")), toMs: Number(q.get("to")), bucketMs: Number(q.get("bucket")) };
  const bad = invalidWindow(window);
  if (bad) throw new ConnectError(`invalid window: ${bad}`, Code.InvalidArgument);
  const req = { project, domain, filters: q.get("filters") ?? "", window };
  try {
    scanFilters(req);
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new ConnectError(`invalid filters: ${err.message}`, Code.InvalidArgument);
    throw err;
  }
  return req;
}

export const GET = observed("/api/dashboard/stats", stats);

async function stats(request: Request): Promise<Response> {
  let req: StatsRequest;
  try {
    req = readRequest(new URL(request.url));
  } catch (err) {
    return errorResponse(ConnectError.from(err));
  }
  const up = upstream();
  const credentials = credentialsFor(request.headers, up.config);
  if (!credentials.ok) return errorResponse(signInError(credentials, up.config.signIn));
  try {
    const stats = await cachedStats(up, credentials.headers, req);
    return Response.json(stats, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(withSignIn(upstreamError(err, up.config.endpoint), up.config.signIn));
  }
}
