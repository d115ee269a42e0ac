// Server-only: the console's Prometheus series, scraped from the metrics server (metrics-server.ts).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export const METRIC_PREFIX = "flyte_console_";

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface ConsoleMetrics {
  registry: Registry;
  /** By the route's template (never the raw URL), HTTP method and status code. */
  httpRequestDuration: Histogram<"route" | "method" | "code">;
  /** By upstream method (`AdminService/ListExecutions`) and Connect code name (`ok` on success). */
  upstreamCalls: Counter<"method" | "code">;
  upstreamCallDuration: Histogram<"method" | "code">;
  watchStreamsOpen: Gauge;
  watchPollLoops: Gauge;
  /** By Connect code name (`ok` when FlyteAdmin let the viewer read the execution). */
  watchAccessChecks: Counter<"code">;
  watchCatchUps: Counter;
  logBytesRead: Counter;
}

export function createMetrics(registry = new Registry(), options: { processMetrics?: boolean } = {}): ConsoleMetrics {
  const registers = [registry];
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: "Time the console's route handlers took until the response's headers, by route template, method and status code.",
      labelNames: ["route", "method", "code"],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    upstreamCalls: new Counter({
      name: `${METRIC_PREFIX}upstream_calls_total`,
      help: "Calls the console made to FlyteAdmin, by method and Connect code (ok on success).",
      labelNames: ["method", "code"],
      registers,
    }),
    upstreamCallDuration: new Histogram({
      name: `${METRIC_PREFIX}upstream_call_duration_seconds`,
      help: "Duration of the console's calls to FlyteAdmin, by method and Connect code (ok on success).",
      labelNames: ["method", "code"],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    watchStreamsOpen: new Gauge({
      name: `${METRIC_PREFIX}watch_streams_open`,
      help: "Open WatchExecution streams (browser tabs following an execution).",
      registers,
    }),
    watchPollLoops: new Gauge({
      name: `${METRIC_PREFIX}watch_poll_loops`,
      help: "Running upstream poll loops, one per watched execution, shared by all its streams.",
      registers,
    }),
    watchAccessChecks: new Counter({
      name: `${METRIC_PREFIX}watch_access_checks_total`,
      help: "GetExecution calls made with a viewer's own credentials to let them join or stay on a shared watch, by Connect code (ok when allowed).",
      labelNames: ["code"],
      registers,
    }),
    watchCatchUps: new Counter({
      name: `${METRIC_PREFIX}watch_catch_ups_total`,
      help: "Times a stream that read too slowly had its queued updates replaced by one message with everything that changed.",
      registers,
    }),
    logBytesRead: new Counter({
      name: `${METRIC_PREFIX}log_bytes_read_total`,
      help: "Bytes of task logs the console read from log servers.",
      registers,
    }),
  };
}

// Next bundles instrumentation.ts and every route on its own, so a module-level registry would exist once
// per bundle and /metrics would show only the instrumentation bundle's; the process keeps one, here.
const GLOBAL_KEY = "__flyteConsoleMetrics";
type WithMetrics = typeof globalThis & { [GLOBAL_KEY]?: ConsoleMetrics };

/** The process-wide series. */
export function metrics(): ConsoleMetrics {
  const g = globalThis as WithMetrics;
  g[GLOBAL_KEY] ??= createMetrics();
  return g[GLOBAL_KEY];
}
