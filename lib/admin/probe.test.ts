import { createClient, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { readAdminConfig } from "./config";
import { probeAdmin, readiness } from "./probe";
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
    const info = await probeAdmin(up, undefined, { slowMs: 20 });
    expect(asked()).toBe(1);
    expect(info.adminReachable).toBe(true);
    expect(info.adminSlow).toBe(true);
    expect(info.adminVersion?.Version).toBe("v1.16.5");
  });

  it("calls one that answers at once neither", async () => {
    const info = await probeAdmin(admin(() => Promise.resolve()).up, undefined, { slowMs: 1_000 });
    expect(info).toMatchObject({ adminReachable: true, adminSlow: false });
  });

  it("calls one that does not answer within the probe's deadline unreachable, saying how long it waited", async () => {
    const info = await probeAdmin(admin(() => new Promise(() => {})).up, undefined, { slowMs: 10, deadlineMs: 50 });
    expect(info.adminReachable).toBe(false);
    expect(info.adminSlow).toBe(false);
    expect(info.adminError).toMatch(/did not answer within 0.05 s/);
  });

  it("calls a refused connection unreachable, naming the endpoint", async () => {
    const up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "http://127.0.0.1:1" }));
    const info = await probeAdmin(up);
    expect(info.adminReachable).toBe(false);
    expect(info.adminError).toMatch(/127\.0\.0\.1:1 is unreachable/);
  });
});
