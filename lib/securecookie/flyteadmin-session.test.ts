import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealSecureCookie, type CookieKeys } from "@/lib/securecookie/securecookie";
import { openFlyteAdminSession, parseCookies } from "./flyteadmin-session";

const keys: CookieKeys = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
const seal = (name: string, value: string, k: CookieKeys = keys, nowSec?: number) => `${name}=${sealSecureCookie(name, value, k, { nowSec })}`;
const ACCESS = "header.access-token-payload.signature";
const mid = ACCESS.length / 2;
const halves = () => [seal("flyte_at_1", ACCESS.slice(0, mid)), seal("flyte_at_2", ACCESS.slice(mid))];

describe("parseCookies", () => {
  it("reads cookies as Go's net/http does: first of a name, quotes dropped, no URL-decoding, bad values skipped", () => {
    const c = parseCookies('a=1; b="two"; a=3; c=x%3Dy; d=in"side; e=back\\slash; e=ok; f=; g=with space; lone');
    expect([...c]).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["c", "x%3Dy"],
      ["e", "ok"],
      ["f", ""],
      ["g", "with space"],
      ["lone", ""],
    ]);
  });
});

describe("openFlyteAdminSession", () => {
  it("opens the split access token and the ID token, with the user info when there is one", () => {
    const header = [...halves(), seal("flyte_idt", "id-token"), seal("flyte_user_info", '{"subject":"alice"}'), "other=1"].join("; ");
    expect(openFlyteAdminSession(header, keys)).toEqual({ kind: "open", idToken: "id-token", accessToken: ACCESS, userInfo: '{"subject":"alice"}' });
  });

  it("prefers a single flyte_at that opens, as FlyteAdmin does, and falls back to the halves when it does not", () => {
    const single = [seal("flyte_at", "single-token"), ...halves(), seal("flyte_idt", "id")].join("; ");
    expect(openFlyteAdminSession(single, keys)).toMatchObject({ kind: "open", accessToken: "single-token" });
    const stale = [seal("flyte_at", "old", { hashKey: randomBytes(64), blockKey: randomBytes(32) }), ...halves(), seal("flyte_idt", "id")].join("; ");
    expect(openFlyteAdminSession(stale, keys)).toMatchObject({ kind: "open", accessToken: ACCESS });
  });

  it("is no session without any of FlyteAdmin's session cookies", () => {
    expect(openFlyteAdminSession("", keys)).toEqual({ kind: "none" });
    expect(openFlyteAdminSession("flyte_user_info=x; theme=dark", keys)).toEqual({ kind: "none" });
  });

  it("fails, naming the cookie and why, when a required cookie is missing, empty or does not open", () => {
    const idt = seal("flyte_idt", "id");
    expect(openFlyteAdminSession(halves().join("; "), keys)).toEqual({ kind: "failed", cookie: "flyte_idt", reason: "missing" });
    expect(openFlyteAdminSession(idt, keys)).toEqual({ kind: "failed", cookie: "flyte_at_1", reason: "missing" });
    expect(openFlyteAdminSession([halves()[0], idt].join("; "), keys)).toEqual({ kind: "failed", cookie: "flyte_at_2", reason: "missing" });
    expect(openFlyteAdminSession([...halves(), seal("flyte_idt", "")].join("; "), keys)).toEqual({ kind: "failed", cookie: "flyte_idt", reason: "empty" });

    const wrongKeys = openFlyteAdminSession([...halves(), idt].join("; "), { hashKey: randomBytes(64), blockKey: keys.blockKey });
    expect(wrongKeys).toMatchObject({ kind: "failed", cookie: "flyte_idt", reason: expect.stringContaining("[bad-mac]") });

    const old = Math.floor(Date.now() / 1000) - 31 * 86400;
    const expired = openFlyteAdminSession([seal("flyte_at_1", "a", keys, old), seal("flyte_at_2", "b"), idt].join("; "), keys);
    expect(expired).toMatchObject({ kind: "failed", cookie: "flyte_at_1", reason: expect.stringContaining("[expired]") });

    // A lone flyte_at that fails says why, rather than that the halves are missing.
    const lone = openFlyteAdminSession([`flyte_at=${"A".repeat(8)}`, idt].join("; "), keys);
    expect(lone).toMatchObject({ kind: "failed", cookie: "flyte_at", reason: expect.stringContaining("[bad-mac]") });
  });

  it("tolerates a user info cookie that does not open, as FlyteAdmin does", () => {
    const header = [...halves(), seal("flyte_idt", "id"), "flyte_user_info=garbage"].join("; ");
    expect(openFlyteAdminSession(header, keys)).toEqual({ kind: "open", idToken: "id", accessToken: ACCESS });
  });

  it("never reports a cookie's value", () => {
    const idt = seal("flyte_idt", "secret-id-token");
    const tampered = idt.slice(0, -6) + "AAAA==";
    const outcome = openFlyteAdminSession([...halves(), tampered].join("; "), keys);
    expect(outcome.kind).toBe("failed");
    const text = JSON.stringify(outcome);
    for (const forbidden of ["secret-id-token", tampered.split("=").slice(1).join("=").slice(0, 16), ACCESS]) expect(text).not.toContain(forbidden);
  });
});
