import { describe, expect, it } from "vitest";
import { adminBaseUrl, readAdminConfig } from "./config";
import { upstreamHeaders } from "./credentials";
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

describe("credentials", () => {
  it("forwards nothing when the browser sent no token", () => {
    const h = upstreamHeaders(new Headers({ cookie: "session=1", "x-forwarded-for": "1.2.3.4" }), { authCookie: "flyte_at" });
    expect([...h.keys()]).toEqual([]);
  });
  it("decodes the auth cookie", () => {
    expect(upstreamHeaders(new Headers({ cookie: "flyte_at=a%2Bb" }), { authCookie: "flyte_at" }).get("authorization")).toBe("Bearer a+b");
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
