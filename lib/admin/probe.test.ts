import { createServer as createNetServer, type AddressInfo } from "node:net";
import { createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it, onTestFinished } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { readAdminConfig } from "./config";
import { probeAdmin, readiness } from "./probe";
import { tcpReach } from "./reach";
import { createUpstream, type Upstream } from "./upstream";

describe("readiness", () => {
  it("is ready with valid settings, whether or not FlyteAdmin answers", () => {
    // Nothing listens on port 1: readiness must not even try.
    expect(readiness({ FLYTE_ADMIN_ENDPOINT: "http://127.0.0.1:1" })).toEqual({ ready: true });
    expect(readiness({})).toEqual({ ready: true });
  });

  it("is not ready, and says why, when the FlyteAdmin endpoint cannot be used", () => {
    const state = readiness({ FLYTE_ADMIN_ENDPOINT: "not a url at all" });
    expect(state.ready).toBe(false);
    expect(state.reason).toContain("FLYTE_ADMIN_ENDPOINT");
  });

  it("is not ready, and says why, when FLYTE_CONSOLE_ALLOWED_HOSTS or FLYTE_CONSOLE_MAX_LIST_LIMIT cannot be used", () => {
    const hosts = readiness({ FLYTE_CONSOLE_ALLOWED_HOSTS: "flyte.example.com, https://flyte.example.com/console" });
    expect(hosts.ready).toBe(false);
    expect(hosts.reason).toMatch(/FLYTE_CONSOLE_ALLOWED_HOSTS has "https:\/\/flyte.example.com\/console", which is not a host/);
    const limit = readiness({ FLYTE_CONSOLE_MAX_LIST_LIMIT: "50" });
    expect(limit.ready).toBe(false);
    expect(limit.reason).toMatch(/FLYTE_CONSOLE_MAX_LIST_LIMIT="50" is not a whole number from 2000/);
    expect(readiness({ FLYTE_CONSOLE_ALLOWED_HOSTS: "flyte.example.com,*.corp.test", FLYTE_CONSOLE_MAX_LIST_LIMIT: "5000" })).toEqual({ ready: true });
  });
});

describe("the FlyteAdmin probe", () => {
  /** A FlyteAdmin whose GetVersion answers after `delay()` resolves; counts the probes it got. */
  function admin(delay: () => Promise<void>): { up: Upstream; asked: () => number } {
    let asked = 0;
    const transport = createRouterTransport(({ service }) =>
      service(AdminService, {
        async getVersion() {
          asked++;
          await delay();
          return { controlPlaneVersion: { Version: "v1.16.5" } };
        },
      }),
    );
    const up = { config: readAdminConfig({}), transport, admin: createClient(AdminService, transport) } as unknown as Upstream;
    return { up, asked: () => asked };
  }

  it("calls a FlyteAdmin that answers late slow, not unreachable", async () => {
    const { up, asked } = admin(() => new Promise((r) => setTimeout(r, 60)));
    const info = await probeAdmin(up, undefined, { slowMs: 20, reach: async () => ({ ok: true }) });
    expect(asked()).toBe(1);
    expect(info.adminReachable).toBe(true);
    expect(info.adminSlow).toBe(true);
  });

  it("calls one that answers at once neither", async () => {
    const info = await probeAdmin(admin(() => Promise.resolve()).up, undefined, { slowMs: 1_000 });
    expect(info).toMatchObject({ adminReachable: true, adminSlow: false });
    expect(info.adminVersion?.Version).toBe("v1.16.5");
  });

  it("calls one that has not answered yet, but takes new connections, slow at once rather than waiting for its deadline", async () => {
    let reached = 0;
    const info = await probeAdmin(admin(() => new Promise(() => {})).up, undefined, {
      slowMs: 20,
      reach: async () => (reached++, { ok: true }),
    });
    expect(reached).toBe(1);
    expect(info).toMatchObject({ adminReachable: true, adminSlow: true });
  });

  it("calls one that has not answered and takes no new connection unreachable, saying why", async () => {
    const info = await probeAdmin(admin(() => new Promise(() => {})).up, undefined, {
      slowMs: 20,
      reach: async () => ({ ok: false, reason: "no connection within 1 s" }),
    });
    expect(info.adminReachable).toBe(false);
    expect(info.adminSlow).toBe(false);
    expect(info.adminError).toMatch(/did not answer within 0.02 s, and a new connection to it failed: no connection within 1 s/);
  });

  it("checks a real connection: a port that accepts but never answers is slow, a closed one unreachable", async () => {
    const silent = createNetServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    onTestFinished(() => void silent.close());
    const port = (silent.address() as AddressInfo).port;
    expect(await tcpReach(`http://127.0.0.1:${port}`, 1_000)).toEqual({ ok: true });
    const closed = await tcpReach("http://127.0.0.1:1", 1_000);
    expect(closed).toMatchObject({ ok: false, reason: expect.stringContaining("ECONNREFUSED") });
    const silentAdmin = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port}` }));
    expect(await probeAdmin(silentAdmin, undefined, { slowMs: 50 })).toMatchObject({ adminReachable: true, adminSlow: true });
  });

  it("calls a refused connection unreachable, naming the endpoint", async () => {
    const up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "http://127.0.0.1:1" }));
    const info = await probeAdmin(up);
    expect(info.adminReachable).toBe(false);
    expect(info.adminError).toMatch(/127\.0\.0\.1:1 is unreachable/);
  });
});
