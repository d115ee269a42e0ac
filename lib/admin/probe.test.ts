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
});
