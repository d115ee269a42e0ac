import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Registry } from "prom-client";
import { afterAll, describe, expect, it } from "vitest";
import { createMetrics } from "./metrics";
import { DEFAULT_METRICS_PORT, readMetricsServerConfig, startMetricsServer, startMetricsServerOnce } from "./metrics-server";

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("readMetricsServerConfig", () => {
  it("listens on 10254 at the app's own host by default", () => {
    expect(readMetricsServerConfig({})).toEqual({ enabled: true, port: DEFAULT_METRICS_PORT, host: "127.0.0.1" });
    expect(DEFAULT_METRICS_PORT).toBe(10254);
    expect(readMetricsServerConfig({ HOSTNAME: "0.0.0.0" })).toEqual({ enabled: true, port: 10254, host: "0.0.0.0" });
    expect(readMetricsServerConfig({ HOSTNAME: "0.0.0.0", FLYTE_CONSOLE_METRICS_HOST: "10.0.0.5", FLYTE_CONSOLE_METRICS_PORT: "9090" })).toEqual({
      enabled: true,
      port: 9090,
      host: "10.0.0.5",
    });
  });

  it("is off when asked, and off with a reason when the port is not one", () => {
    expect(readMetricsServerConfig({ FLYTE_CONSOLE_METRICS_PORT: "off" })).toEqual({ enabled: false });
    expect(readMetricsServerConfig({ FLYTE_CONSOLE_METRICS_PORT: "OFF" })).toEqual({ enabled: false });
    for (const bad of ["abc", "-1", "70000", "1.5"]) {
      const c = readMetricsServerConfig({ FLYTE_CONSOLE_METRICS_PORT: bad });
      expect(c.enabled, bad).toBe(false);
      expect(!c.enabled && c.problem, bad).toContain("FLYTE_CONSOLE_METRICS_PORT");
    }
  });
});

describe("startMetricsServer", () => {
  it("answers GET /metrics on its own port with the text exposition, and 404 to anything else", async () => {
    const m = createMetrics(new Registry());
    m.logBytesRead.inc(42);
    const server = await startMetricsServer(m.registry, 0, "127.0.0.1");
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("flyte_console_log_bytes_read_total 42");
    expect(text).toContain("process_resident_memory_bytes");

    expect((await fetch(`${base}/metrics?x=1`)).status).toBe(200);
    for (const path of ["/", "/metricsx", "/healthz", "/api/connect"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${base}/metrics`, { method: "POST", body: "x" })).status).toBe(404);
  });

  it("starts once per process however often it is asked", async () => {
    const env = { FLYTE_CONSOLE_METRICS_PORT: "0", FLYTE_CONSOLE_METRICS_HOST: "127.0.0.1" };
    const first = startMetricsServerOnce(env);
    const second = startMetricsServerOnce(env);
    expect(second).toBe(first);
    const server = await first;
    expect(server).toBeDefined();
    servers.push(server!);
    const res = await fetch(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/metrics`);
    expect(await res.text()).toContain("# TYPE flyte_console_watch_streams_open gauge");
  });

  it("fails to start, rather than sharing, when its port is taken", async () => {
    const m = createMetrics(new Registry(), { processMetrics: false });
    const taken = await startMetricsServer(m.registry, 0, "127.0.0.1");
    servers.push(taken);
    const port = (taken.address() as AddressInfo).port;
    await expect(startMetricsServer(m.registry, port, "127.0.0.1")).rejects.toThrow(/EADDRINUSE/);
  });
});
