import { describe, expect, it } from "vitest";
import { firstForeignHost, isHostAllowed, parseAllowedHosts, requestHostsOf } from "./allowed-hosts";

describe("allowed hosts", () => {
  const none = parseAllowedHosts(undefined, "X_ALLOWED_HOSTS");

  it("always allows loopback names and IP literals, whatever the port", () => {
    for (const host of ["localhost", "localhost:3000", "LOCALHOST.", "127.0.0.1:8088", "[::1]:3000", "[::1]", "10.1.2.3", "[fe80::1]:80"]) {
      expect(isHostAllowed(host, none), host).toBe(true);
    }
  });

  it("refuses other names, and what is no host at all", () => {
    for (const host of ["evil.example", "evil.example:3000", "127.0.0.1.nip.io", "localhost.evil.example", "", "a b", "evil.example@127.0.0.1", "x/y", "127.0.0.1:99999999"]) {
      expect(isHostAllowed(host, none), host).toBe(false);
    }
  });

  it("allows listed names (any port unless one is given), *.domain, and * for everything", () => {
    const allowed = parseAllowedHosts("Flyte.Example.com, other.test:8443, *.corp.test", "X", ["https://console.test"]);
    expect(isHostAllowed("flyte.example.com", allowed)).toBe(true);
    expect(isHostAllowed("flyte.example.com:443", allowed)).toBe(true);
    expect(isHostAllowed("other.test:8443", allowed)).toBe(true);
    expect(isHostAllowed("other.test", allowed)).toBe(false);
    expect(isHostAllowed("a.b.corp.test", allowed)).toBe(true);
    expect(isHostAllowed("corp.test", allowed)).toBe(false);
    expect(isHostAllowed("console.test", allowed)).toBe(true);
    expect(isHostAllowed("anything.example", parseAllowedHosts("*", "X"))).toBe(true);
  });

  it("names the setting when an entry is not a host", () => {
    expect(() => parseAllowedHosts("ok.test, http://x.test/", "FLYTE_CONSOLE_ALLOWED_HOSTS")).toThrow(/FLYTE_CONSOLE_ALLOWED_HOSTS has "http:\/\/x.test\/"/);
    expect(() => parseAllowedHosts("*.x.test:80", "X")).toThrow(/not a host/);
  });

  it("checks the ingress's X-Forwarded-Host and Host both, so a script's own X-Forwarded-Host does not get a foreign Host through", () => {
    expect(requestHostsOf("flyte.example.com, inner", "10.0.0.5:8080")).toEqual(["flyte.example.com", "10.0.0.5:8080"]);
    expect(requestHostsOf(null, "console.test")).toEqual(["console.test"]);
    expect(requestHostsOf(undefined, undefined)).toEqual([""]);
    const allowed = parseAllowedHosts("flyte.example.com", "X");
    expect(firstForeignHost(requestHostsOf("flyte.example.com", "10.0.0.5:8080"), allowed)).toBeUndefined();
    expect(firstForeignHost(requestHostsOf("127.0.0.1", "evil.example"), allowed)).toBe("evil.example");
    expect(firstForeignHost(requestHostsOf("evil.example", "127.0.0.1:3000"), allowed)).toBe("evil.example");
  });
});
