import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";
import { parseCookies } from "@/lib/securecookie/flyteadmin-session";
import { readSession, redirectCookie, sessionCookies } from "./cookies";

const keys = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
const pairs = (lines: string[]) => lines.map((l) => l.slice(0, l.indexOf(";"))).join("; ");

describe("session cookies", () => {
  it("read back what they wrote, and FlyteAdmin's older single flyte_at", () => {
    const session = { accessToken: "header.payload-of-odd-length.sig", idToken: "id.token.sig", userInfoJson: '{"subject":"ada"}' };
    expect(readSession(pairs(sessionCookies(session, keys, true)), keys)).toEqual(session);
    const older = `flyte_at=${sealSecureCookie("flyte_at", "one.access.token", keys)}; flyte_idt=${sealSecureCookie("flyte_idt", "id.token.sig", keys)}`;
    expect(readSession(older, keys)).toEqual({ accessToken: "one.access.token", idToken: "id.token.sig" });
  });

  it("need both the ID token and the access token, sealed with these keys", () => {
    const lines = sessionCookies({ accessToken: "a.b.c", idToken: "i.d.t", userInfoJson: "{}" }, keys, false);
    expect(lines.every((l) => l.endsWith("; HttpOnly"))).toBe(true);
    expect(readSession(pairs(lines.filter((l) => !l.startsWith("flyte_at_2="))), keys)).toBeUndefined();
    expect(readSession(pairs(lines), { hashKey: randomBytes(64), blockKey: keys.blockKey })).toBeUndefined();
    expect(readSession(undefined, keys)).toBeUndefined();
  });
});

describe("cookie values as Go's net/http writes them", () => {
  it("drops bytes a cookie may not hold and quotes spaces and commas", () => {
    expect(redirectCookie("/console?a=1;b=\"2\"")).toBe("flyte_redirect_location=/console?a=1b=2; HttpOnly; SameSite=Lax");
    expect(redirectCookie("/console?q=a b,c")).toBe('flyte_redirect_location="/console?q=a b,c"; HttpOnly; SameSite=Lax');
    expect(parseCookies('flyte_redirect_location="/console?q=a b,c"; x=1; x=2').get("flyte_redirect_location")).toBe("/console?q=a b,c");
    expect(parseCookies("x=1; x=2").get("x")).toBe("1");
  });
});
