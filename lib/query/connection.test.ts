// What the browser transport tells the connection banner about the page's own calls.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConsoleService, GetDashboardStatsResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ProjectsSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ConnectionHealth, connectionInterceptor, SLOW_CALL_MS } from "./connection";
import { createBrowserTransport } from "./transport";

afterEach(() => void vi.useRealTimers());

/** An in-process BFF whose ListProjects answers `listProjects()`; GetDashboardStats waits like it. */
function bff(listProjects: () => Promise<void>) {
  const health = new ConnectionHealth();
  const transport = createRouterTransport(
    ({ service }) => {
      service(AdminService, { listProjects: async () => (await listProjects(), create(ProjectsSchema, {})) });
      service(ConsoleService, {
        getDashboardStats: async () => (await listProjects(), create(GetDashboardStatsResponseSchema, {})),
        getConsoleInfo: () => {
          throw new ConnectError("the console's server is down", Code.Unavailable);
        },
      });
    },
    { transport: { interceptors: [connectionInterceptor(health)] } },
  );
  return { health, admin: createClient(AdminService, transport), console: createClient(ConsoleService, transport) };
}

describe("the connection interceptor", () => {
  it("marks a call slow once it has waited 2 s, until it ends", async () => {
    vi.useFakeTimers();
    let release!: () => void;
    const { health, admin } = bff(() => new Promise((r) => (release = r)));
    const call = admin.listProjects({});
    await vi.advanceTimersByTimeAsync(SLOW_CALL_MS - 1);
    expect(health.get()).toEqual({ slowPending: 0, alarms: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(health.get()).toEqual({ slowPending: 1, alarms: 1 });
    release();
    await call;
    expect(health.get()).toEqual({ slowPending: 0, alarms: 1 });
  });

  it("does not time the dashboard's counts, an aggregate of many FlyteAdmin calls", async () => {
    vi.useFakeTimers();
    let release!: () => void;
    const { health, console } = bff(() => new Promise((r) => (release = r)));
    const call = console.getDashboardStats({});
    await vi.advanceTimersByTimeAsync(3 * SLOW_CALL_MS);
    expect(health.get().slowPending).toBe(0);
    release();
    await call;
    expect(health.get()).toEqual({ slowPending: 0, alarms: 0 });
  });

  it("raises an alarm on a call FlyteAdmin did not answer, but not on the probe's own failure nor on a refusal", async () => {
    let error = new ConnectError("FlyteAdmin at x is unreachable: connect ECONNREFUSED", Code.Unavailable);
    const { health, admin, console } = bff(() => Promise.reject(error));
    await expect(admin.listProjects({})).rejects.toThrow("ECONNREFUSED");
    expect(health.get()).toEqual({ slowPending: 0, alarms: 1 });
    await expect(console.getConsoleInfo({})).rejects.toThrow("down");
    expect(health.get().alarms).toBe(1);
    error = new ConnectError("not yours", Code.PermissionDenied);
    await expect(admin.listProjects({})).rejects.toThrow("not yours");
    expect(health.get()).toEqual({ slowPending: 0, alarms: 1 });
  });
});

describe("the browser transport", () => {
  const BFF = "http://console.test/console/api/connect";
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it("reports a BFF's Unavailable answer to the connection banner's record", async () => {
    let asked = 0;
    server.use(
      http.post(`${BFF}/flyteidl.service.AdminService/ListProjects`, () => {
        asked++;
        return HttpResponse.json({ code: "unavailable", message: "FlyteAdmin at x is unreachable: connect ECONNREFUSED" }, { status: 503 });
      }),
    );
    const health = new ConnectionHealth();
    const admin = createClient(AdminService, createBrowserTransport(BFF, { health }));
    await expect(admin.listProjects({})).rejects.toThrow("ECONNREFUSED");
    expect(asked).toBe(1);
    expect(health.get()).toEqual({ slowPending: 0, alarms: 1 });
  });
});
