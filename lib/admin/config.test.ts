import { describe, expect, it } from "vitest";
import { adminBaseUrl, readAdminConfig } from "./config";
import { credentialsFor } from "./credentials";
import { checkSameOrigin } from "./origin";

describe("FLYTE_ADMIN_ENDPOINT", () => {
  it("dials plain HTTP/2 for http:// and TLS for https://, dns:/// and host:port", () => {
    expect(adminBaseUrl("http://127.0.0.1:8089", false)).toBe("http://127.0.0.1:8089");
    expect(adminBaseUrl("https://flyte.example.com/", false)).toBe("https://flyte.example.com");
    expect(adminBaseUrl("dns:///flyte.example.com:443", false)).toBe("https://flyte.example.com:443");
    expect(adminBaseUrl("flyte.example.com:81", false)).toBe("https://flyte.example.com:81");
  });

  it("honours FLYTE_ADMIN_INSECURE for the forms without a scheme", () => {
    expect(adminBaseUrl("dns:///flyteadmin:81", true)).toBe("http://flyteadmin:81");
    expect(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "flyteadmin:81", FLYTE_ADMIN_INSECURE: "true" }).baseUrl).toBe(
      "http://flyteadmin:81",
    );
  });

  it("says what is wrong with an endpoint it cannot use", () => {
    expect(() => adminBaseUrl("not a host!", false)).toThrow(/not a URL or host:port/);
  });

  it("defaults to the local sandbox and sane limits", () => {
    const c = readAdminConfig({});
    expect(c.baseUrl).toBe("http://127.0.0.1:8089");
    expect(c.authCookie).toBe("flyte_at");
    expect(c.deadlineMs).toBeGreaterThan(0);
  });
});

describe("live-update settings", () => {
  it("defaults to a 10 s heartbeat, a 5 s overlap, a 60 s access recheck and 1000 loops", () => {
    expect(readAdminConfig({})).toMatchObject({ watchHeartbeatMs: 10_000, watchOverlapMs: 5_000, watchAccessRecheckMs: 60_000, watchMaxLoops: 1_000 });
    expect(
      readAdminConfig({
        FLYTE_CONSOLE_WATCH_HEARTBEAT_MS: "15000",
        FLYTE_CONSOLE_WATCH_OVERLAP_MS: "0",
        FLYTE_CONSOLE_WATCH_ACCESS_RECHECK_MS: " 30000 ",
        FLYTE_CONSOLE_WATCH_MAX_LOOPS: "50",
      }),
    ).toMatchObject({ watchHeartbeatMs: 15_000, watchOverlapMs: 0, watchAccessRecheckMs: 30_000, watchMaxLoops: 50 });
  });

  it("refuses values it cannot use, saying which and what would do", () => {
    const cases: [string, string][] = [
      ["FLYTE_CONSOLE_WATCH_HEARTBEAT_MS", "10s"],
      ["FLYTE_CONSOLE_WATCH_HEARTBEAT_MS", "0"],
      ["FLYTE_CONSOLE_WATCH_HEARTBEAT_MS", "999"],
      ["FLYTE_CONSOLE_WATCH_OVERLAP_MS", "-1"],
      ["FLYTE_CONSOLE_WATCH_ACCESS_RECHECK_MS", "1.5"],
      ["FLYTE_CONSOLE_WATCH_MAX_LOOPS", "0"],
    ];
    for (const [name, value] of cases) {
      expect(() => readAdminConfig({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(`^${name}="${value.replace(".", "\\.")}" is not a whole number from \\d+ to \\d+.*unset it for the default`));
    }
  });
});

describe("FLYTE_CONSOLE_ADMIN_PUBLIC_URL", () => {
  const keys = { FLYTE_CONSOLE_COOKIE_HASH_KEY: "a".repeat(86), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: "b".repeat(43) };

  it("turns sign-in on with FlyteAdmin's session keys, at /login and /logout on the console's origin by default", () => {
    expect(readAdminConfig({}).signIn).toBeUndefined();
    expect(readAdminConfig({ FLYTE_CONSOLE_ADMIN_PUBLIC_URL: "https://flyte.example.com" }).signIn).toBeUndefined();
    expect(readAdminConfig(keys).signIn).toEqual({ signInUrl: "/login", signOutUrl: "/logout" });
    expect(readAdminConfig({ ...keys, FLYTE_CONSOLE_ADMIN_PUBLIC_URL: " https://flyte.example.com:8443/ " }).signIn).toEqual({
      signInUrl: "https://flyte.example.com:8443/login",
      signOutUrl: "https://flyte.example.com:8443/logout",
    });
  });

  it("accepts only an http(s) origin, and says what to set instead", () => {
    for (const bad of ["flyte.example.com", "ftp://flyte.example.com", "https://flyte.example.com/admin", "https://u:p@flyte.example.com", "https://x/?a=1"]) {
      expect(() => readAdminConfig({ FLYTE_CONSOLE_ADMIN_PUBLIC_URL: bad }), bad).toThrow(/^FLYTE_CONSOLE_ADMIN_PUBLIC_URL=.* set it to FlyteAdmin's origin/);
    }
  });
});

describe("credentials", () => {
  it("forwards nothing when the browser sent no token", () => {
    const c = credentialsFor(new Headers({ cookie: "session=1", "x-forwarded-for": "1.2.3.4" }), { authCookie: "flyte_at" });
    expect(c.ok && [...c.headers.keys()]).toEqual([]);
  });
  it("decodes the auth cookie", () => {
    const c = credentialsFor(new Headers({ cookie: "flyte_at=a%2Bb" }), { authCookie: "flyte_at" });
    expect(c.ok && c.headers.get("authorization")).toBe("Bearer a+b");
  });
});

describe("same-origin check", () => {
  const url = "http://console.test/api/connect/x";
  it("accepts the console's own host behind a proxy and trusted origins", () => {
    expect(checkSameOrigin(new Headers({ origin: "https://console.example.com", "x-forwarded-host": "console.example.com" }), url, []).ok).toBe(true);
    expect(checkSameOrigin(new Headers({ origin: "https://ops.example.com", host: "console.test" }), url, ["https://ops.example.com"]).ok).toBe(true);
  });
  it("refuses other hosts, a null origin and a malformed one", () => {
    expect(checkSameOrigin(new Headers({ origin: "https://evil.test", host: "console.test" }), url, []).ok).toBe(false);
    expect(checkSameOrigin(new Headers({ origin: "null", host: "console.test" }), url, []).ok).toBe(false);
    expect(checkSameOrigin(new Headers({ origin: "::", host: "console.test" }), url, []).ok).toBe(false);
  });
});
