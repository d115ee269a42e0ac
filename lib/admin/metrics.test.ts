import { Registry } from "prom-client";
import { describe, expect, it, vi } from "vitest";
import { createMetrics, metrics } from "./metrics";

const SERIES = [
  "flyte_console_http_request_duration_seconds",
  "flyte_console_upstream_calls_total",
  "flyte_console_upstream_call_duration_seconds",
  "flyte_console_watch_streams_open",
  "flyte_console_watch_poll_loops",
  "flyte_console_watch_access_checks_total",
  "flyte_console_watch_catch_ups_total",
  "flyte_console_log_bytes_read_total",
];

describe("metrics", () => {
  it("registers the console's series and the process's default ones", async () => {
    const m = createMetrics(new Registry());
    m.httpRequestDuration.observe({ route: "/healthz", method: "GET", code: "200" }, 0.02);
    m.upstreamCalls.inc({ method: "AdminService/ListProjects", code: "ok" });
    m.upstreamCallDuration.observe({ method: "AdminService/ListProjects", code: "ok" }, 0.01);
    m.watchStreamsOpen.inc(3);
    m.watchStreamsOpen.dec();
    m.watchPollLoops.inc();
    m.logBytesRead.inc(1234);
    const text = await m.registry.metrics();
    for (const name of SERIES) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('flyte_console_http_request_duration_seconds_bucket{le="0.025",route="/healthz",method="GET",code="200"} 1');
    expect(text).toContain('flyte_console_upstream_calls_total{method="AdminService/ListProjects",code="ok"} 1');
    expect(text).toContain("flyte_console_watch_streams_open 2");
    expect(text).toContain("flyte_console_watch_poll_loops 1");
    expect(text).toContain("flyte_console_log_bytes_read_total 1234");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
  });

  it("keeps one registry per process, even when the module is loaded twice (as Next's bundles do)", async () => {
    const first = metrics();
    vi.resetModules();
    const again = (await import("./metrics")).metrics();
    expect(again).toBe(first);
    expect(metrics()).toBe(first);
  });
});
