import { AsyncLocalStorage } from "node:async_hooks";
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProjectsSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { readAdminConfig } from "./config";
import { createLogger } from "./log";
import { createMetrics, metrics } from "./metrics";
import { observed, observeUpstream, type ObserveDeps } from "./observe";
import { createUpstream } from "./upstream";

type Line = Record<string, unknown>;

function setup() {
  const lines: string[] = [];
  const scope = new AsyncLocalStorage<{ reqId: string }>();
  const deps: ObserveDeps = {
    logger: createLogger({ level: "debug", scope, destination: { write: (s: string) => void lines.push(s) } }),
    metrics: createMetrics(new Registry(), { processMetrics: false }),
    inRequest: (reqId, fn) => scope.run({ reqId }, fn),
  };
  return { lines, parsed: () => lines.map((l) => JSON.parse(l) as Line), deps, get: () => deps };
}

describe("observed (route handlers)", () => {
  it("logs one JSON line a request and times it by the route's template, not its URL", async () => {
    const t = setup();
    const handler = observed("/api/logs", () => new Response("ok"), t.get);
    const res = await handler(new Request("http://console.test/api/logs?uri=http%3A%2F%2Flogs%2Fx&offset=5"));
    expect(res.status).toBe(200);
    const reqId = res.headers.get("x-request-id");
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);

    const [line] = t.parsed();
    expect(line).toMatchObject({ level: "info", msg: "request", reqId, method: "GET", route: "/api/logs", path: "/api/logs", code: 200 });
    expect(typeof line.durationMs).toBe("number");
    expect(t.lines[0]).not.toContain("uri=");

    const scrape = await t.deps.metrics.registry.metrics();
    expect(scrape).toContain('flyte_console_http_request_duration_seconds_count{route="/api/logs",method="GET",code="200"} 1');
    expect(scrape).not.toContain("offset");
  });

  it("reuses a sane incoming x-request-id and replaces one that is not", async () => {
    const t = setup();
    const handler = observed("/healthz", () => new Response("ok"), t.get);
    const kept = await handler(new Request("http://console.test/healthz", { headers: { "x-request-id": "lb-4f2a.9" } }));
    expect(kept.headers.get("x-request-id")).toBe("lb-4f2a.9");
    const replaced = await handler(new Request("http://console.test/healthz", { headers: { "x-request-id": "a b\"<script>" } }));
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("never logs the caller's token or cookie", async () => {
    const t = setup();
    const handler = observed(
      "/api/connect",
      (req: Request) => {
        t.deps.logger.info({ note: "inside the handler" }, "working");
        return Response.json({ seen: req.headers.has("authorization") }, { status: 401 });
      },
      t.get,
    );
    const res = await handler(
      new Request("http://console.test/api/connect/flyteidl.service.AdminService/ListProjects", {
        method: "POST",
        headers: { authorization: "Bearer secret-token-123", cookie: "flyte_at=secret", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(401);
    expect(t.lines.length).toBe(2);
    expect(t.lines.join("")).not.toContain("secret");
    const [inside, request] = t.parsed();
    expect(inside).toMatchObject({ msg: "working", reqId: request.reqId });
    expect(request).toMatchObject({ method: "POST", route: "/api/connect", code: 401, path: "/api/connect/flyteidl.service.AdminService/ListProjects" });
  });

  it("answers a handler's throw with a 500 that names the request id, and logs the error with it", async () => {
    const t = setup();
    const handler = observed("/api/logs", () => Promise.reject(new Error("kaboom")), t.get);
    const res = await handler(new Request("http://console.test/api/logs"));
    expect(res.status).toBe(500);
    const reqId = res.headers.get("x-request-id")!;
    expect(((await res.json()) as { message: string }).message).toContain(reqId);
    const [error, request] = t.parsed();
    expect(error).toMatchObject({ level: "error", reqId, route: "/api/logs", error: { message: "kaboom" } });
    expect(request).toMatchObject({ level: "warn", reqId, code: 500 });
    expect(await t.deps.metrics.registry.metrics()).toContain(
      'flyte_console_http_request_duration_seconds_count{route="/api/logs",method="GET",code="500"} 1',
    );
  });

  it("adds the request id to a response whose headers are immutable", async () => {
    const t = setup();
    const handler = observed("/healthz", () => Response.redirect("http://console.test/elsewhere", 307), t.get);
    const res = await handler(new Request("http://console.test/healthz"));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://console.test/elsewhere");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("observeUpstream (the upstream transport's interceptor)", () => {
  let server: Http2Server;
  const sessions = new Set<ServerHttp2Session>();
  let port = 0;

  function routes(router: ConnectRouter) {
    router.service(AdminService, {
      listProjects: () => create(ProjectsSchema, { projects: [{ id: "p" }] }),
      getExecution: () => {
        throw new ConnectError("no such execution", Code.NotFound);
      },
    });
  }

  beforeAll(async () => {
    server = createServer(connectNodeAdapter({ routes, grpc: true }));
    server.on("session", (s) => sessions.add(s));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => {
    for (const s of sessions) s.destroy();
    server.close();
  });

  const sample = async (name: "upstreamCalls" | "upstreamCallDuration", labels: { method: string; code: string }) => {
    const values = (await metrics()[name].get()).values;
    const match = values.find(
      (v) =>
        v.labels.method === labels.method &&
        v.labels.code === labels.code &&
        (name === "upstreamCalls" || ("metricName" in v && String(v.metricName).endsWith("_count"))),
    );
    return match?.value ?? 0;
  };

  it("counts and times the upstream's calls by method and Connect code, over real gRPC", async () => {
    const up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port}` }));
    const ok = { method: "AdminService/ListProjects", code: "ok" };
    const missing = { method: "AdminService/GetExecution", code: "not_found" };
    const before = { ok: await sample("upstreamCalls", ok), missing: await sample("upstreamCalls", missing) };

    await up.admin.listProjects({});
    await up.admin.listProjects({});
    await expect(up.admin.getExecution({ id: { project: "p", domain: "d", name: "x" } })).rejects.toThrow(/no such execution/);

    expect(await sample("upstreamCalls", ok)).toBe(before.ok + 2);
    expect(await sample("upstreamCalls", missing)).toBe(before.missing + 1);
    expect(await sample("upstreamCallDuration", ok)).toBeGreaterThanOrEqual(2);
    const scrape = await metrics().registry.metrics();
    expect(scrape).toMatch(/flyte_console_upstream_call_duration_seconds_bucket\{le="[^"]+",method="AdminService\/ListProjects",code="ok"\}/);
  });

  it("logs the calls FlyteAdmin failed, leaving the request's own mistakes at debug", async () => {
    const lines: string[] = [];
    const deps = {
      logger: createLogger({ level: "info", destination: { write: (s: string) => void lines.push(s) } }),
      metrics: createMetrics(new Registry(), { processMetrics: false }),
    };
    const transport = createRouterTransport(
      (router) =>
        router.service(AdminService, {
          listProjects: () => {
            throw new ConnectError("database is down", Code.Unavailable);
          },
          getExecution: () => {
            throw new ConnectError("no such execution", Code.NotFound);
          },
        }),
      { transport: { interceptors: [observeUpstream(() => deps)] } },
    );
    const admin = createClient(AdminService, transport);
    await expect(admin.listProjects({})).rejects.toThrow();
    await expect(admin.getExecution({})).rejects.toThrow();
    expect(lines.map((l) => JSON.parse(l) as Line)).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "upstream call failed",
        upstreamMethod: "AdminService/ListProjects",
        upstreamCode: "unavailable",
        error: { message: "database is down" },
      }),
    ]);
    const scrape = await deps.metrics.registry.metrics();
    expect(scrape).toContain('flyte_console_upstream_calls_total{method="AdminService/ListProjects",code="unavailable"} 1');
    expect(scrape).toContain('flyte_console_upstream_calls_total{method="AdminService/GetExecution",code="not_found"} 1');
  });
});
