// Server-only: `GET /metrics` on a port of its own, so the ingress, which routes only the app's port,
// never exposes it. Started once per process from instrumentation.ts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import { errorFields, log } from "./log";
import { metrics } from "./metrics";

/** Flyte's own components serve their metrics on this port. */
export const DEFAULT_METRICS_PORT = 10254;

export type MetricsServerConfig = { enabled: true; port: number; host: string } | { enabled: false; problem?: string };

export function readMetricsServerConfig(env: Record<string, string | undefined> = process.env): MetricsServerConfig {
  const raw = (env.FLYTE_CONSOLE_METRICS_PORT ?? "").trim();
  if (raw.toLowerCase() === "off") return { enabled: false };
  const port = raw === "" ? DEFAULT_METRICS_PORT : Number(raw);
  if (!/^\d*$/.test(raw) || !Number.isInteger(port) || port > 65535) {
    return { enabled: false, problem: `FLYTE_CONSOLE_METRICS_PORT=${JSON.stringify(raw)} is neither a port nor "off"` };
  }
  // The app's own listen address (scripts/start.mjs), so the metrics are no more exposed than the app.
  const host = env.FLYTE_CONSOLE_METRICS_HOST?.trim() || env.HOSTNAME?.trim() || "127.0.0.1";
  return { enabled: true, port, host };
}

export function startMetricsServer(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://metrics").pathname;
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "content-type": registry.contentType });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (err: unknown) => {
        log().error({ error: errorFields(err) }, "metrics: collecting failed");
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("collecting metrics failed\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

// instrumentation.ts's register() may run once per bundle that loads it; one server per process.
const GLOBAL_KEY = "__flyteConsoleMetricsServer";
type WithServer = typeof globalThis & { [GLOBAL_KEY]?: Promise<Server | undefined> };

/** Starts the process's metrics server as configured, once; a server that cannot start is logged, not fatal. */
export function startMetricsServerOnce(env: Record<string, string | undefined> = process.env): Promise<Server | undefined> {
  const g = globalThis as WithServer;
  g[GLOBAL_KEY] ??= (async () => {
    const config = readMetricsServerConfig(env);
    if (!config.enabled) {
      if (config.problem) log().error(`metrics: ${config.problem}; metrics are off`);
      return undefined;
    }
    try {
      const server = await startMetricsServer(metrics().registry, config.port, config.host);
      const { address, port } = server.address() as AddressInfo;
      log().info({ address, port }, "metrics: serving /metrics");
      return server;
    } catch (err) {
      log().error({ error: errorFields(err), host: config.host, port: config.port }, "metrics: could not listen; metrics are off");
      return undefined;
    }
  })();
  return g[GLOBAL_KEY];
}
