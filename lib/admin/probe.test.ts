import { describe, expect, it } from "vitest";
import { readiness } from "./probe";

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
