import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { credentialsFor, type CredentialSettings } from "./credentials";
import { log } from "./log";
import { readSessionKeys, type SessionKeys } from "./session/keys";
import { readSignInSettings } from "./session/sign-in";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";

const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");
function newKeys(): SessionKeys {
  return readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(randomBytes(64)), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(randomBytes(32)) })!;
}
const keys = newKeys();
const withKeys: CredentialSettings = { authCookie: "flyte_at", session: keys, signIn: readSignInSettings({}, true) };

/** A JWT as an identity provider shapes it; the signature is not checked by the console. */
const jwt = (claims: Record<string, unknown>) =>
  [{ alg: "RS256", typ: "JWT" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".") + ".c2lnbmF0dXJl";
const NOW = 1_760_000_000_000;
const ACCESS = jwt({ sub: "alice", scp: ["all"], exp: NOW / 1000 + 3600 });
const ID_TOKEN = jwt({ sub: "alice", aud: "flyte", exp: NOW / 1000 + 600 });
const USER_INFO = '{"subject":"alice","name":"Alice Ünïcødé","email":"alice@example.com"}';

const cookie = (name: string, value: string, k: SessionKeys = keys) => `${name}=${sealSecureCookie(name, value, k)}`;
function splitSession(k: SessionKeys = keys, idToken = ID_TOKEN): string {
  const mid = Math.floor(ACCESS.length / 2);
  return [cookie("flyte_at_1", ACCESS.slice(0, mid), k), cookie("flyte_at_2", ACCESS.slice(mid), k), cookie("flyte_idt", idToken, k), cookie("flyte_user_info", USER_INFO, k)].join("; ");
}
const request = (headers: Record<string, string>) => new Headers(headers);
/** The headers credentialsFor chose, failing the test when it refused. */
function upstreamHeaders(headers: Headers, settings: CredentialSettings): Headers {
  const c = credentialsFor(headers, settings, NOW);
  if (!c.ok) throw new Error(`refused: ${c.reason}`);
  return c.headers;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("credentialsFor", () => {
  it("lets an explicit Authorization header win over the session and the cookie", () => {
    const h = upstreamHeaders(request({ authorization: "Bearer from-proxy", cookie: splitSession() }), withKeys);
    expect([...h]).toEqual([["authorization", "Bearer from-proxy"]]);
    expect([...upstreamHeaders(request({ authorization: "Bearer p", cookie: "flyte_at=raw" }), { authCookie: "flyte_at" })]).toEqual([
      ["authorization", "Bearer p"],
    ]);
  });

  it("sends the ID token of a split-token session as FlyteAdmin's gateway does, with the user info", () => {
    const h = upstreamHeaders(request({ cookie: `theme=dark; ${splitSession()}` }), withKeys);
    expect(h.get("authorization")).toBe(`IDToken ${ID_TOKEN}`);
    expect(Buffer.from(h.get("userinfo-bin")!, "base64").toString("utf8")).toBe(USER_INFO);
    expect([...h.keys()].sort()).toEqual(["authorization", "userinfo-bin"]);
  });

  it("opens the single flyte_at of older FlyteAdmin releases too", () => {
    const h = upstreamHeaders(request({ cookie: [cookie("flyte_at", ACCESS), cookie("flyte_idt", ID_TOKEN)].join("; ") }), withKeys);
    expect(h.get("authorization")).toBe(`IDToken ${ID_TOKEN}`);
    expect(h.has("userinfo-bin")).toBe(false);
  });

  it("refuses a session sealed with other keys, and says at debug level which cookie and why, not its value", () => {
    const debug = vi.spyOn(log(), "debug");
    const sealed = splitSession(newKeys());
    const c = credentialsFor(request({ cookie: sealed }), withKeys, NOW);
    expect(c).toEqual({ ok: false, reason: "unreadable", message: "Sign in to use the console: your session could not be read", detail: expect.stringMatching(/^flyte_idt: .*MAC mismatch.*\[bad-mac\]$/) });
    expect(debug).toHaveBeenCalledTimes(1);
    const [fields] = debug.mock.calls[0] as unknown as [{ cookie: string; reason: string }];
    expect(fields.cookie).toBe("flyte_idt");
    expect(fields.reason).toMatch(/MAC mismatch.*\[bad-mac\]/);
    const logged = JSON.stringify(debug.mock.calls);
    for (const secret of [ID_TOKEN, ACCESS, sealed.split("flyte_idt=")[1].split(";")[0].slice(0, 24)]) expect(logged).not.toContain(secret);
  });

  it("with sign-in on, refuses a request without a session, and does not pass a sealed cookie off as a token", () => {
    const debug = vi.spyOn(log(), "debug");
    expect(credentialsFor(request({ cookie: "theme=dark" }), withKeys, NOW)).toEqual({ ok: false, reason: "none", message: "Sign in to use the console" });
    expect(credentialsFor(request({}), withKeys, NOW)).toMatchObject({ ok: false, reason: "none" });
    expect(debug).not.toHaveBeenCalled();
    expect(credentialsFor(request({ cookie: "flyte_at=plain-token" }), withKeys, NOW)).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("refuses a session whose ID token has expired, reading exp without verifying, and says when a valid one expires", () => {
    const expired = splitSession(keys, jwt({ sub: "alice", exp: NOW / 1000 - 1 }));
    const c = credentialsFor(request({ cookie: expired }), withKeys, NOW);
    expect(c).toEqual({ ok: false, reason: "expired", message: "Your session has expired: sign in again" });
    expect(JSON.stringify(c)).not.toContain("alice");
    const valid = credentialsFor(request({ cookie: splitSession() }), withKeys, NOW);
    expect(valid).toMatchObject({ ok: true, expiresAtMs: NOW + 600_000 });
    // Exactly at exp it is expired, as FlyteAdmin's verifier has it.
    expect(credentialsFor(request({ cookie: splitSession(keys, jwt({ exp: NOW / 1000 })) }), withKeys, NOW)).toMatchObject({ reason: "expired" });
    // No exp, or not a JWT: FlyteAdmin decides.
    expect(credentialsFor(request({ cookie: splitSession(keys, "opaque-id-token") }), withKeys, NOW)).toMatchObject({ ok: true });
    expect(credentialsFor(request({ cookie: splitSession(keys, jwt({ sub: "x" })) }), withKeys, NOW)).toMatchObject({ ok: true });
  });

  it("lets an Authorization header through unchecked even when the session is expired or missing", () => {
    const expired = splitSession(keys, jwt({ exp: NOW / 1000 - 60 }));
    for (const cookie of [expired, "", "flyte_idt=garbage"]) {
      const c = credentialsFor(request({ authorization: "Bearer proxy-token", cookie }), withKeys, NOW);
      expect(c.ok && [...c.headers]).toEqual([["authorization", "Bearer proxy-token"]]);
    }
  });

  it("without keys forwards the auth cookie's value raw as a bearer token (an auth proxy's plain cookie)", () => {
    expect(upstreamHeaders(request({ cookie: "a=1; flyte_at=plain%2Btoken" }), { authCookie: "flyte_at" }).get("authorization")).toBe("Bearer plain+token");
    expect(upstreamHeaders(request({ cookie: "proxy_token=t" }), { authCookie: "proxy_token" }).get("authorization")).toBe("Bearer t");
    expect([...upstreamHeaders(request({ cookie: "other=1", "x-forwarded-for": "1.2.3.4" }), { authCookie: "flyte_at" })]).toEqual([]);
  });

  it("reads a malformed Cookie header without throwing: bad escapes stay raw, the first of two wins, junk is skipped", () => {
    const bearer = (cookie: string) => upstreamHeaders(request({ cookie }), { authCookie: "flyte_at" }).get("authorization");
    expect(bearer("flyte_at=100%")).toBe("Bearer 100%");
    expect(bearer("flyte_at=first; flyte_at=second")).toBe("Bearer first");
    expect(bearer(";;=;junk; flyte_at = spaced ;")).toBe("Bearer spaced");
    expect(bearer("flyte_at=")).toBeNull();
  });
});
