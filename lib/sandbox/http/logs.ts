// GET/HEAD /logs/:project/:domain/:execution/:nodeId/:attempt[?phase=FAILED&index=3]: the text of a
// simulated task attempt's log, the URI a TaskLog of the sandbox points at.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { HUGE_LOG_BYTES, isHugeTaskLog, taskLogChunks, taskLogText, type TaskLogParams } from "./log-lines";

export {
  HUGE_LOG_BYTES,
  HUGE_LOG_NODE_PATTERN,
  isHugeTaskLog,
  taskLogChunks,
  taskLogLines,
  taskLogOutcome,
  taskLogText,
  type LogOutcome,
  type TaskLogParams,
} from "./log-lines";

export const TASK_LOG_PATH_PREFIX = "/logs/";

/** The path (with query) of an attempt's log on the sandbox's HTTP server. */
export function taskLogPath(p: TaskLogParams): string {
  const segments = [p.project, p.domain, p.execution, p.nodeId, String(p.attempt)].map(encodeURIComponent);
  const query = new URLSearchParams();
  if (p.phase !== undefined) query.set("phase", TaskExecution_Phase[p.phase] ?? String(p.phase));
  if (p.index !== undefined) query.set("index", String(p.index));
  const qs = query.toString();
  return `${TASK_LOG_PATH_PREFIX}${segments.join("/")}${qs ? `?${qs}` : ""}`;
}

/** The URI to put in a TaskLog, e.g. taskLogUri("http://127.0.0.1:8088", {...}). */
export function taskLogUri(httpBaseUrl: string, p: TaskLogParams): string {
  return `${httpBaseUrl.replace(/\/+$/, "")}${taskLogPath(p)}`;
}

function parsePhase(value: string): TaskExecution_Phase | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return TaskExecution_Phase[n] !== undefined ? n : undefined;
  }
  const byName = (TaskExecution_Phase as unknown as Record<string, number | string>)[value.toUpperCase()];
  return typeof byName === "number" ? byName : undefined;
}

/** The attempt a log path names, or a message saying what is wrong with it. */
export function parseTaskLogPath(pathname: string, query: URLSearchParams): TaskLogParams | { error: string } {
  if (!pathname.startsWith(TASK_LOG_PATH_PREFIX)) return { error: "not a log path" };
  const raw = pathname.slice(TASK_LOG_PATH_PREFIX.length).split("/");
  if (raw.length !== 5 || raw.some((s) => s === "")) {
    return { error: "expected /logs/:project/:domain/:execution/:nodeId/:attempt" };
  }
  let segments: string[];
  try {
    segments = raw.map(decodeURIComponent);
  } catch {
    return { error: "bad percent-encoding in the log path" };
  }
  const [project, domain, execution, nodeId, attemptText] = segments;
  if (!/^\d{1,6}$/.test(attemptText)) return { error: `attempt must be a non-negative integer, got "${attemptText}"` };
  const params: TaskLogParams = { project, domain, execution, nodeId, attempt: Number(attemptText) };
  const phase = query.get("phase");
  if (phase !== null) {
    const parsed = parsePhase(phase);
    if (parsed === undefined) return { error: `unknown task execution phase "${phase}"` };
    params.phase = parsed;
  }
  const index = query.get("index");
  if (index !== null) {
    if (!/^\d{1,7}$/.test(index)) return { error: `index must be a non-negative integer, got "${index}"` };
    params.index = Number(index);
  }
  return params;
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

export async function handleTaskLogRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return sendText(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
  }
  const params = parseTaskLogPath(url.pathname, url.searchParams);
  if ("error" in params) return sendText(res, 400, `${params.error}\n`);
  const headers = {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
  };
  if (isHugeTaskLog(params)) {
    res.writeHead(200, { ...headers, "Content-Length": HUGE_LOG_BYTES });
    if (req.method === "HEAD") return void res.end();
    try {
      await pipeline(Readable.from(taskLogChunks(params)), res);
    } catch {
      // The client stopped reading (a size cap): nothing to clean up beyond the closed socket.
    }
    return;
  }
  const text = taskLogText(params);
  res.writeHead(200, { ...headers, "Content-Length": Buffer.byteLength(text) });
  res.end(req.method === "HEAD" ? undefined : text);
}
