// The contract of the BFF's `GET /api/logs`, shared by the route and the viewer.
//   GET /api/logs                      → 200 LogAccessInfo (which URIs the console reads inline)
//   GET /api/logs?uri=U[&offset=N][&limit=M] → 200 text/plain (bytes [N, N+M) of the log, capped), or a
//                                          JSON error `{ error }` (400 bad request, 403 not allowed,
//                                          502 upstream failed, 504 upstream too slow)
//   GET /api/logs?uri=U&as=html         → the same object (a Flyte Deck behind a DataProxy signed link) as
//                                          text/html under `Content-Security-Policy: sandbox allow-scripts`:
//                                          its scripts run, but in an opaque origin, never the console's
import { withBasePath } from "../urls";
import type { LogSource } from "./sources";

export const LOG_API_PATH = "/api/logs";

export const LOG_HEADERS = {
  /** Byte offset of the first byte of the body in the log. */
  offset: "x-log-offset",
  /** Byte offset to ask for next (offset + body length). */
  nextOffset: "x-log-next-offset",
  /** "1" when the log goes on past the console's size cap: the body stops there for good. */
  truncated: "x-log-truncated",
  /** The cap, in bytes. */
  maxBytes: "x-log-max-bytes",
  /** The log's full size when the upstream said it (Content-Length / Content-Range). */
  totalBytes: "x-log-total-bytes",
  /** "1" when the upstream was still sending when the time budget ran out; ask again from nextOffset. */
  partial: "x-log-partial",
} as const;

export interface LogAccessInfo {
  sources: LogSource[];
  maxBytes: number;
}

export interface LogChunkInfo {
  offset: number;
  nextOffset: number;
  truncated: boolean;
  maxBytes: number | undefined;
  totalBytes: number | undefined;
  partial: boolean;
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

export function readLogChunkInfo(headers: Headers, bodyBytes: number): LogChunkInfo {
  const offset = intHeader(headers, LOG_HEADERS.offset) ?? 0;
  return {
    offset,
    nextOffset: intHeader(headers, LOG_HEADERS.nextOffset) ?? offset + bodyBytes,
    truncated: headers.get(LOG_HEADERS.truncated) === "1",
    maxBytes: intHeader(headers, LOG_HEADERS.maxBytes),
    totalBytes: intHeader(headers, LOG_HEADERS.totalBytes),
    partial: headers.get(LOG_HEADERS.partial) === "1",
  };
}

/** The BFF URL for bytes of a log from `offset` on. */
export function logApiUrl(uri: string, offset = 0, limit?: number): string {
  const params = new URLSearchParams({ uri });
  if (offset > 0) params.set("offset", String(offset));
  if (limit !== undefined) params.set("limit", String(limit));
  return withBasePath(`${LOG_API_PATH}?${params.toString()}`);
}

/** The BFF URL that serves an HTML object (a deck) read through the same allowlist, sandboxed as a page. */
export function sandboxedHtmlUrl(uri: string): string {
  return withBasePath(`${LOG_API_PATH}?${new URLSearchParams({ uri, as: "html" }).toString()}`);
}

/** Whose log it is: the task attempt that wrote it. The full-page view names it and links back to it. */
export interface LogOwner {
  project: string;
  domain: string;
  /** The execution's name. */
  execution: string;
  /** FlyteAdmin's node id in that execution (what the execution page's `?node=` takes). */
  nodeId: string;
  /** The task attempt (retry_attempt, from 0). */
  attempt?: number;
}

const OWNER_KEYS = { project: "project", domain: "domain", execution: "execution", nodeId: "node", attempt: "attempt" } as const;

/** The console's full-page view of one log (`/console/logs`), as a raw link, e.g. to open it in its own tab. */
export function logPagePath(uri: string, name: string, owner?: LogOwner): string {
  const params = new URLSearchParams({ uri, name });
  if (owner) {
    params.set(OWNER_KEYS.project, owner.project);
    params.set(OWNER_KEYS.domain, owner.domain);
    params.set(OWNER_KEYS.execution, owner.execution);
    params.set(OWNER_KEYS.nodeId, owner.nodeId);
    if (owner.attempt !== undefined) params.set(OWNER_KEYS.attempt, String(owner.attempt));
  }
  return withBasePath(`/logs?${params.toString()}`);
}

/** The owner a full-page log's query names, when it names one whole (an older link names none). */
export function logOwnerFrom(query: URLSearchParams): LogOwner | undefined {
  const get = (key: string) => query.get(key)?.trim() || undefined;
  const project = get(OWNER_KEYS.project);
  const domain = get(OWNER_KEYS.domain);
  const execution = get(OWNER_KEYS.execution);
  const nodeId = get(OWNER_KEYS.nodeId);
  if (!project || !domain || !execution || !nodeId) return undefined;
  const attempt = get(OWNER_KEYS.attempt);
  return { project, domain, execution, nodeId, ...(attempt && /^\d{1,6}$/.test(attempt) ? { attempt: Number(attempt) } : {}) };
}
