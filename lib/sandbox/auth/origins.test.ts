import { describe, expect, it } from "vitest";
import { hasPath, isLoopbackHost, redirectAllowed, requestOrigin } from "./origins";

const allowed = ["http://127.0.0.1:3000", "https://flyte.example.com"];

describe("redirectAllowed (FlyteAdmin's GetRedirectURLAllowed, a little stricter)", () => {
  it.each([
    ["", true],
    ["/console/projects?domain=development#x", true],
    ["console", true],
    ["http://127.0.0.1:3000/console", true],
    ["https://flyte.example.com/console", true],
    ["https://flyte.example.com:443/console", true],
    ["http://flyte.example.com/console", false],
    ["https://flyte.example.com:8443/console", false],
    ["http://127.0.0.1:3000@evil.example/", false],
    ["https://evil.example/", false],
    ["//evil.example/", false],
    ["/\\evil.example/", false],
    ["javascript:alert(1)", false],
    ["data:text/html,hi", false],
    ["/console\n", false],
  ])("%j → %s", (url, ok) => {
    expect(redirectAllowed(url, allowed)).toBe(ok);
  });
});

describe("requestOrigin", () => {
  it("prefers what a proxy forwarded, else the Host over http", () => {
    expect(requestOrigin({ host: "127.0.0.1:8088" })).toBe("http://127.0.0.1:8088");
    expect(requestOrigin({ host: "127.0.0.1:8088", "x-forwarded-host": "flyte.example.com, proxy", "x-forwarded-proto": "https" })).toBe("https://flyte.example.com");
    expect(requestOrigin(new Headers({ "x-forwarded-host": "flyte.example.com:8080" }))).toBe("http://flyte.example.com:8080");
    expect(requestOrigin({})).toBeUndefined();
    expect(requestOrigin({ host: "bad host/" })).toBeUndefined();
  });
});

describe("helpers", () => {
  it("knows loopback hosts and Go's empty-path rule", () => {
    expect(["localhost", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]"].map(isLoopbackHost)).toEqual([true, true, true, true, true]);
    expect(["flyte.example.com", "10.0.0.1", "128.0.0.1"].map(isLoopbackHost)).toEqual([false, false, false]);
    expect(["http://h:3000", "http://h:3000?x", "http://h:3000/", "/console", "console"].map(hasPath)).toEqual([false, false, true, true, true]);
  });
});
