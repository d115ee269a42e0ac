// Server-only: reads task logs for the browser (`GET /api/logs`), and with them the other objects the
// console shows from outside FlyteAdmin's API: Flyte Decks and offloaded data behind DataProxy's signed
// links (`as=html` serves a deck as a sandboxed page). Only URIs on the allowlist are
// fetched (the sandbox's log server, FLYTE_CONSOLE_LOG_ORIGINS); redirects are followed only to
// allowed URIs; nothing of the browser's is forwarded except, for configured origins, the
// `authorization` FlyteAdmin would get (lib/admin/credentials.ts); at most
// FLYTE_CONSOLE_LOG_MAX_BYTES of a log is ever read, so no log can exhaust the server or the tab.
import { checkLogUri, parseLogSources, type LogSource } from "@/lib/flyte/logs/sources";
import { LOG_HEADERS, type LogAccessInfo } from "@/lib/flyte/logs/protocol";
import type { AllowedHosts } from "@/lib/hosts/allowed-hosts";
import { positiveInt, readAllowedHosts, readCredentialSettings } from "./config";
import { credentialsFor, type CredentialSettings } from "./credentials";
import { foreignHost } from "./guards";
import { metrics } from "./metrics";
import { signInHeaders } from "./session/sign-in";

export interface LogProxyConfig extends CredentialSettings {
  sources: LogSource[];
  /** Allowlist entries that were not http(s) URLs (ignored; logged at startup by the route). */
  invalidSources: string[];
  /** The size cap: bytes of one log the console reads at most. */
  maxBytes: number;
  /** Time to the upstream's response headers. */
  headersTimeoutMs: number;
  /** Time budget for reading the body; what arrived by then is returned as a partial chunk. */
  bodyTimeoutMs: number;
  /** A pause this long in a body that already sent bytes ends the read (a log server that streams a running log). */
  idleTimeoutMs: number;
  /** Origins that receive the user's `authorization` as FlyteAdmin gets it (header, session or auth cookie). */
  forwardAuthOrigins: string[];
  /** Hosts the console answers to (FLYTE_CONSOLE_ALLOWED_HOSTS; see lib/admin/guards.ts). */
  allowedHosts: AllowedHosts;
}

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export function readLogProxyConfig(env: Record<string, string | undefined> = process.env): LogProxyConfig {
  const { sources, invalid } = parseLogSources(env.FLYTE_CONSOLE_LOG_ORIGINS);
  const sandboxPort = Number(env.FLYTE_SANDBOX_HTTP_PORT);
  if (env.FLYTE_CONSOLE_BACKEND === "sandbox" && Number.isInteger(sandboxPort) && sandboxPort > 0 && sandboxPort < 65536) {
    // Only its log paths and its DataProxy's signed links: the same port serves the REST API and a
    // fault-injection control endpoint.
    sources.unshift({ origin: `http://127.0.0.1:${sandboxPort}`, pathPrefix: "/logs/" }, { origin: `http://127.0.0.1:${sandboxPort}`, pathPrefix: "/dataproxy/v1/" });
  }
  return {
    sources,
    invalidSources: invalid,
    maxBytes: positiveInt(env.FLYTE_CONSOLE_LOG_MAX_BYTES, DEFAULT_LOG_MAX_BYTES),
    headersTimeoutMs: positiveInt(env.FLYTE_CONSOLE_LOG_TIMEOUT_MS, 10_000),
    bodyTimeoutMs: positiveInt(env.FLYTE_CONSOLE_LOG_READ_MS, 20_000),
    idleTimeoutMs: positiveInt(env.FLYTE_CONSOLE_LOG_IDLE_MS, 2_000),
    forwardAuthOrigins: (env.FLYTE_CONSOLE_LOG_FORWARD_AUTH ?? "")
      .split(",")
      .map((s) => s.trim().replace(/\/+$/, "").toLowerCase())
      .filter(Boolean),
    allowedHosts: readAllowedHosts(env),
    ...readCredentialSettings(env),
  };
}

export function logAccessInfo(config: LogProxyConfig): LogAccessInfo {
  return { sources: config.sources, maxBytes: config.maxBytes };
}

export interface LogRequest {
  uri: string;
  /** First byte wanted. */
  offset: number;
  /** Bytes wanted at most (the cap applies too). */
  limit?: number;
  /** "html": serve it as a page (a deck), sandboxed; else as text. */
  as?: "html";
}

export type LogResult =
  | {
      ok: true;
      body: Uint8Array;
      offset: number;
      truncated: boolean;
      partial: boolean;
      totalBytes?: number;
    }
  | { ok: false; status: 400 | 403 | 404 | 502 | 504; message: string };

const fail = (status: 400 | 403 | 404 | 502 | 504, message: string): LogResult => ({ ok: false, status, message });

/** Reads `uri`, `offset`, `limit` from the query string; an error message when they are malformed. */
export function parseLogRequest(search: URLSearchParams): LogRequest | { error: string } {
  const uri = search.get("uri");
  if (!uri) return { error: "the uri parameter (the TaskLog URI) is required" };
  if (uri.length > 8192) return { error: "the uri parameter is too long" };
  const int = (name: string, min: number): number | undefined | { error: string } => {
    const raw = search.get(name);
    if (raw === null || raw === "") return undefined;
    if (!/^\d{1,15}$/.test(raw) || Number(raw) < min) return { error: `${name} must be an integer ≥ ${min}` };
    return Number(raw);
  };
  const offset = int("offset", 0);
  if (typeof offset === "object") return offset;
  const limit = int("limit", 1);
  if (typeof limit === "object") return limit;
  const as = search.get("as");
  if (as !== null && as !== "html") return { error: "as must be html when given" };
  return { uri, offset: offset ?? 0, limit, ...(as ? { as } : {}) };
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** `bytes a-b/total` → its start and total. */
function parseContentRange(value: string | null): { start: number; total?: number } | undefined {
  const m = value ? /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[2] === "*" ? undefined : Number(m[2]) };
}

interface BodyRead {
  bytes: Uint8Array;
  partial: boolean;
}

/** Reads `take` bytes after skipping `skip`, never more; stops early on the time budget or an idle pause. */
async function readBounded(body: ReadableStream<Uint8Array>, skip: number, take: number, config: LogProxyConfig): Promise<BodyRead> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let toSkip = skip;
  let partial = false;
  const deadline = Date.now() + config.bodyTimeoutMs;
  try {
    while (kept < take) {
      const wait = Math.min(deadline - Date.now(), kept > 0 ? config.idleTimeoutMs : Number.POSITIVE_INFINITY);
      if (wait <= 0) {
        partial = true;
        break;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), wait);
      });
      const next = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (next === "timeout") {
        partial = true;
        break;
      }
      if (next.done) break;
      let chunk = next.value;
      metrics().logBytesRead.inc(chunk.length);
      if (toSkip > 0) {
        const dropped = Math.min(toSkip, chunk.length);
        toSkip -= dropped;
        chunk = chunk.subarray(dropped);
      }
      if (chunk.length === 0) continue;
      const room = take - kept;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      kept += Math.min(room, chunk.length);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(kept);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { bytes, partial };
}

/**
 * Fetches bytes [offset, offset+limit) of an allowed log, capped at `config.maxBytes` from its start.
 * `credentials`: what credentialsFor chose to send FlyteAdmin; only its `authorization` is used.
 */
export async function fetchLog(
  request: LogRequest,
  config: LogProxyConfig,
  credentials: Headers = new Headers(),
  fetchImpl: Fetch = fetch,
): Promise<LogResult> {
  const verdict = checkLogUri(request.uri, config.sources);
  if (!verdict.ok) return fail(403, `The console does not read this log itself: ${verdict.reason}. Open it directly.`);
  const start = request.offset;
  const end = Math.min(start + (request.limit ?? config.maxBytes), config.maxBytes);
  if (start >= config.maxBytes) return { ok: true, body: new Uint8Array(0), offset: start, truncated: true, partial: false };
  // One byte past what is wanted tells whether the log goes on beyond the cap.
  const want = end - start + 1;

  let url = verdict.url;
  const abort = new AbortController();
  const headersTimer = setTimeout(() => abort.abort(), config.headersTimeoutMs);
  try {
    let response: Response | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const headers = new Headers({
        accept: "text/plain, */*;q=0.5",
        "accept-encoding": "identity",
        range: `bytes=${start}-${start + want - 1}`,
      });
      if (config.forwardAuthOrigins.includes(url.origin.toLowerCase())) {
        const auth = credentials.get("authorization");
        if (auth) headers.set("authorization", auth);
      }
      response = await fetchImpl(url.toString(), { headers, redirect: "manual", signal: abort.signal, cache: "no-store" });
      if (response.status < 300 || response.status >= 400) break;
      const location = response.headers.get("location");
      await response.body?.cancel().catch(() => undefined);
      if (!location) return fail(502, `The log server answered ${response.status} without a Location.`);
      const next = checkLogUri(new URL(location, url).toString(), config.sources);
      if (!next.ok) return fail(502, `The log server redirected elsewhere, which the console does not follow: ${next.reason}.`);
      if (hop === MAX_REDIRECTS) return fail(502, "The log server redirected too many times.");
      url = next.url;
    }
    clearTimeout(headersTimer);
    if (!response) return fail(502, "The log server did not answer.");
    if (response.status === 416) {
      // Nothing at or after `start` yet: a running task's log that has not grown.
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, body: new Uint8Array(0), offset: start, truncated: false, partial: false };
    }
    if (response.status === 404) {
      await response.body?.cancel().catch(() => undefined);
      return fail(404, "The log server has no log at this URI (404). It may not have been written yet, or it expired.");
    }
    if (response.status !== 200 && response.status !== 206) {
      const detail = (await response.text().catch(() => "")).slice(0, 200).trim();
      // A 4xx is about the URI the browser sent, not a failing log server.
      if (response.status >= 400 && response.status < 500) return fail(400, `The log server refused this URI (${response.status}${detail ? `: ${detail}` : ""}).`);
      return fail(502, `The log server answered ${response.status}${detail ? `: ${detail}` : ""}.`);
    }
    let skip = start;
    let totalBytes: number | undefined;
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get("content-range"));
      if (!range || range.start > start) {
        await response.body?.cancel().catch(() => undefined);
        return fail(502, "The log server answered a byte range other than the one asked for.");
      }
      skip = start - range.start;
      totalBytes = range.total;
    } else {
      const length = Number(response.headers.get("content-length") ?? NaN);
      if (Number.isInteger(length) && length >= 0) totalBytes = length;
    }
    if (!response.body) return { ok: true, body: new Uint8Array(0), offset: start, truncated: false, partial: false, totalBytes };
    const read = await readBounded(response.body, skip, want, config);
    const more = read.bytes.length === want;
    const body = more ? read.bytes.subarray(0, want - 1) : read.bytes;
    return { ok: true, body, offset: start, truncated: more && end === config.maxBytes, partial: read.partial, totalBytes };
  } catch (err) {
    if (abort.signal.aborted) {
      return fail(504, `The log server at ${url.origin} did not answer within ${Math.round(config.headersTimeoutMs / 1000)} s.`);
    }
    return fail(502, `Could not reach the log server at ${url.origin} (${networkReason(err)}).`);
  } finally {
    clearTimeout(headersTimer);
  }
}

const SAFE_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  // Opened directly in a tab, the text stays text: nothing in it can run or load.
  "content-security-policy": "default-src 'none'; sandbox",
};

// A deck is HTML with scripts (plots, tables) written by user code: it may run them, but in an opaque
// origin (no allow-same-origin), so it cannot read the console's cookies or call the BFF as the user, and
// it cannot navigate the console's tab (no allow-top-navigation). Framed only by the console itself.
const DECK_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox allow-scripts; frame-ancestors 'self'",
  "content-type": "text/html; charset=utf-8",
};

/** The whole route: access info without `uri`, else the log bytes or a JSON error. */
export async function handleLogRequest(
  request: Request,
  config: LogProxyConfig,
  fetchImpl: Fetch = fetch,
): Promise<Response> {
  const refusal = foreignHost(request.headers, request.url, config.allowedHosts);
  if (refusal) return Response.json({ error: refusal }, { status: 403, headers: SAFE_HEADERS });
  const search = new URL(request.url).searchParams;
  if (!search.has("uri")) return Response.json(logAccessInfo(config), { headers: SAFE_HEADERS });
  const parsed = parseLogRequest(search);
  if ("error" in parsed) return Response.json({ error: parsed.error }, { status: 400, headers: SAFE_HEADERS });
  // With sign-in on, logs are read for signed-in people only, as FlyteAdmin's data is.
  const credentials = credentialsFor(request.headers, config);
  if (!credentials.ok) {
    return Response.json({ error: credentials.message }, { status: 401, headers: { ...SAFE_HEADERS, ...signInHeaders(config.signIn) } });
  }
  const result = await fetchLog(parsed, config, credentials.headers, fetchImpl);
  if (!result.ok) return Response.json({ error: result.message }, { status: result.status, headers: SAFE_HEADERS });
  const headers: Record<string, string> = {
    ...(parsed.as === "html" ? DECK_HEADERS : { ...SAFE_HEADERS, "content-type": "text/plain; charset=utf-8" }),
    [LOG_HEADERS.offset]: String(result.offset),
    [LOG_HEADERS.nextOffset]: String(result.offset + result.body.length),
    [LOG_HEADERS.maxBytes]: String(config.maxBytes),
  };
  if (result.truncated) headers[LOG_HEADERS.truncated] = "1";
  if (result.partial) headers[LOG_HEADERS.partial] = "1";
  if (result.totalBytes !== undefined) headers[LOG_HEADERS.totalBytes] = String(result.totalBytes);
  return new Response(result.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

