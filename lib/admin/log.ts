// Server-only: the console's structured logs, one JSON object a line on stdout. Every line written
// while a route handles a request carries that request's id (reqId), taken from an AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { pino, type DestinationStream, type Level, type Logger } from "pino";

const LEVELS: readonly string[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function readLogLevel(env: Record<string, string | undefined> = process.env): Level | "silent" {
  const level = (env.FLYTE_CONSOLE_LOG_LEVEL ?? "").trim().toLowerCase();
  return LEVELS.includes(level) ? (level as Level | "silent") : "info";
}

// Headers are not logged at all; should one ever be, these never reach the output.
export const REDACTED_PATHS = [
  "authorization",
  "cookie",
  '["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["set-cookie"]',
];

interface RequestScope {
  reqId: string;
}

export function createLogger(
  options: { level?: Level | "silent"; destination?: DestinationStream; scope?: AsyncLocalStorage<RequestScope> } = {},
): Logger {
  const scope = options.scope;
  const config = {
    name: "flyte-console",
    level: options.level ?? readLogLevel(),
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    mixin: () => {
      const reqId = scope?.getStore()?.reqId;
      return reqId ? { reqId } : {};
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

// One logger and one request scope per process, for the same reason as the metrics registry (metrics.ts).
const GLOBAL_KEY = "__flyteConsoleLog";
interface LogState {
  logger: Logger;
  scope: AsyncLocalStorage<RequestScope>;
}
type WithLog = typeof globalThis & { [GLOBAL_KEY]?: LogState };

function state(): LogState {
  const g = globalThis as WithLog;
  if (!g[GLOBAL_KEY]) {
    const scope = new AsyncLocalStorage<RequestScope>();
    g[GLOBAL_KEY] = { scope, logger: createLogger({ scope }) };
  }
  return g[GLOBAL_KEY];
}

/** The process-wide logger. */
export function log(): Logger {
  return state().logger;
}

/** Runs `fn` as part of request `reqId`: what it logs, directly or later in its async work, carries the id. */
export function inRequest<T>(reqId: string, fn: () => T): T {
  return state().scope.run({ reqId }, fn);
}

/** Runs `fn` outside any request, for work one request starts but that outlives it and serves others too. */
export function outsideRequest<T>(fn: () => T): T {
  return state().scope.exit(fn);
}

/** What of an error goes into a log line: not its own properties, which may hold headers. */
export function errorFields(err: unknown): { type: string; message: string; stack?: string } {
  if (err instanceof Error) return { type: err.name, message: err.message, stack: err.stack };
  return { type: typeof err, message: String(err) };
}
