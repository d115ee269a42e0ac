import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { upstreamHeaders, type CredentialSettings } from "./credentials";
import { log } from "./log";
import { readSessionKeys, type SessionKeys } from "./session/keys";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";

const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");
function newKeys(): SessionKeys {
  return readSessionKeys({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(randomBytes(64)), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(randomBytes(32)) })!;
}
const keys = newKeys();
const withKeys: CredentialSettings = { authCookie: "flyte_at", session: keys };

const ACCESS = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInNjcCI6WyJhbGwiXX0.access-signature";
const ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsImF1ZCI6ImZseXRlIn0.id-signature";
const USER_INFO = '{"subject":"alice","name":"Alice Ünïcødé","email":"alice@example.com"}';

const cookie = (name: string, value: string, k: SessionKeys = keys) => `${name}=${sealSecureCookie(name, value, k)}`;
function splitSession(k: SessionKeys = keys): string {
  const mid = Math.floor(ACCESS.length / 2);
  return [cookie("flyte_at_1", ACCESS.slice(0, mid), k), cookie("flyte_at_2", ACCESS.slice(mid), k), cookie("flyte_idt", ID_TOKEN, k), cookie("flyte_user_info", USER_INFO, k)].join("; ");
}
const request = (headers: Record<string, string>) => new Headers(headers);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("upstreamHeaders", () => {
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

  it("sends nothing for a session sealed with other keys, and says at debug level which cookie and why, not its value", () => {
    const debug = vi.spyOn(log(), "debug");
    const sealed = splitSession(newKeys());
    const h = upstreamHeaders(request({ cookie: sealed }), withKeys);
    expect([...h]).toEqual([]);
    expect(debug).toHaveBeenCalledTimes(1);
    const [fields] = debug.mock.calls[0] as unknown as [{ cookie: string; reason: string }];
    expect(fields.cookie).toBe("flyte_idt");
    expect(fields.reason).toMatch(/MAC mismatch.*\[bad-mac\]/);
    const logged = JSON.stringify(debug.mock.calls);
    for (const secret of [ID_TOKEN, ACCESS, sealed.split("flyte_idt=")[1].split(";")[0].slice(0, 24)]) expect(logged).not.toContain(secret);
  });

  it("does not pass FlyteAdmin's sealed cookie off as a token when keys are set, nor log anything without a session", () => {
    const debug = vi.spyOn(log(), "debug");
    expect([...upstreamHeaders(request({ cookie: "theme=dark" }), withKeys)]).toEqual([]);
    expect(debug).not.toHaveBeenCalled();
    expect([...upstreamHeaders(request({ cookie: "flyte_at=plain-token" }), withKeys)]).toEqual([]);
  });

  it("without keys forwards the auth cookie's value raw as a bearer token (an auth proxy's plain cookie)", () => {
    expect(upstreamHeaders(request({ cookie: "a=1; flyte_at=plain%2Btoken" }), { authCookie: "flyte_at" }).get("authorization")).toBe("Bearer plain+token");
    expect(upstreamHeaders(request({ cookie: "proxy_token=t" }), { authCookie: "proxy_token" }).get("authorization")).toBe("Bearer t");
    expect([...upstreamHeaders(request({ cookie: "other=1", "x-forwarded-for": "1.2.3.4" }), { authCookie: "flyte_at" })]).toEqual([]);
  });
});
