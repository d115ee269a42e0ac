// Pages with sign-in on, as Next's proxy hands them over: NextRequest in, NextResponse out.
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";
import { readCredentialSettings } from "./config";
import type { CredentialSettings } from "./credentials";
import { handlePageRequest } from "./page-proxy";
import { SIGN_IN_LOOP_WINDOW_MS } from "./session/page-sign-in";

const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");
const hashKey = randomBytes(64);
const blockKey = randomBytes(32);
const keyEnv = { FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey) };
const signInOn = readCredentialSettings(keyEnv);
const NOW = 1_760_000_000_000;

const jwt = (claims: Record<string, unknown>) =>
  [{ alg: "RS256" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".") + ".c2ln";
const ID_TOKEN = jwt({ sub: "alice", exp: NOW / 1000 + 600 });
function session(idToken = ID_TOKEN, keys = { hashKey, blockKey }): string {
  return [`flyte_at=${sealSecureCookie("flyte_at", "access-token", keys)}`, `flyte_idt=${sealSecureCookie("flyte_idt", idToken, keys)}`].join("; ");
}

/** As nginx (e2e/ingress, Flyte's ingress) forwards a browser's https request to a console pod. */
const BEHIND_INGRESS = { host: "flyte.example.com", "x-forwarded-host": "flyte.example.com", "x-forwarded-proto": "https", "x-forwarded-for": "10.0.0.1" };
const DEEP = "/console/projects/flytesnacks/domains/development/executions/abc123?tab=graph&node=n0";

function page(path: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://10.1.2.3:3000${path}`, { headers, nextConfig: { basePath: "/console" } });
}
const handle = (req: NextRequest, settings: CredentialSettings | Error = signInOn, nowMs = NOW) => handlePageRequest(req, { settings, defaultDomain: "development", nowMs });
const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";

function signInTarget(res: Response): { signIn: string; redirectUrl: URL } {
  const location = new URL(res.headers.get("location") ?? "");
  const redirectUrl = new URL(location.searchParams.get("redirect_url") ?? "");
  location.search = "";
  return { signIn: location.toString(), redirectUrl };
}

describe("pages with sign-in off", () => {
  const off = readCredentialSettings({});
  it("serves pages and keeps the canonical redirects", () => {
    expect(passes(handle(page(DEEP), off))).toBe(true);
    const old = handle(page("/console/projects/flytesnacks/executions?domain=staging"), off);
    expect(old.status).toBe(308);
    expect(new URL(old.headers.get("location")!).pathname).toBe("/console/projects/flytesnacks/domains/staging/executions");
  });
});

describe("pages with sign-in on", () => {
  it("sends a signed-out browser to FlyteAdmin's /login with the page's absolute public URL, deep link and base path kept", () => {
    const res = handle(page(DEEP, { ...BEHIND_INGRESS, "sec-fetch-mode": "navigate" }));
    expect(res.status).toBe(307);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { signIn, redirectUrl } = signInTarget(res);
    expect(signIn).toBe("https://flyte.example.com/login");
    expect(redirectUrl.origin).toBe("https://flyte.example.com");
    expect(redirectUrl.pathname).toBe("/console/projects/flytesnacks/domains/development/executions/abc123");
    expect(redirectUrl.searchParams.get("tab")).toBe("graph");
    expect(redirectUrl.searchParams.get("node")).toBe("n0");
    expect(redirectUrl.searchParams.get("flyte_sign_in")).toBe(String(NOW));
  });

  it("sends the browser to FLYTE_CONSOLE_ADMIN_PUBLIC_URL when FlyteAdmin is elsewhere, and falls back to Host without forwarded headers", () => {
    const elsewhere = readCredentialSettings({ ...keyEnv, FLYTE_CONSOLE_ADMIN_PUBLIC_URL: "https://admin.example.com" });
    const res = handle(page("/console", { host: "console.example.com:8080" }), elsewhere);
    const { signIn, redirectUrl } = signInTarget(res);
    expect(signIn).toBe("https://admin.example.com/login");
    expect(`${redirectUrl.origin}${redirectUrl.pathname}`).toBe("http://console.example.com:8080/console");
  });

  it("ignores forwarded values that are not a scheme or a host", () => {
    const res = handle(page("/console", { host: "console.example.com", "x-forwarded-host": "evil.example.com/path?x", "x-forwarded-proto": "javascript" }));
    expect(signInTarget(res).redirectUrl.origin).toBe("http://console.example.com");
  });

  it("puts the canonical URL of an old link in redirect_url, in one hop", () => {
    const res = handle(page("/console/projects/flytesnacks/executions?domain=staging", BEHIND_INGRESS));
    expect(res.status).toBe(307);
    const { redirectUrl } = signInTarget(res);
    expect(redirectUrl.pathname).toBe("/console/projects/flytesnacks/domains/staging/executions");
  });

  it("serves the page with a session, and drops the sign-in marker once signed in", () => {
    expect(passes(handle(page(DEEP, { ...BEHIND_INGRESS, cookie: session() })))).toBe(true);
    const back = handle(page(`${DEEP}&flyte_sign_in=${NOW - 2_000}`, { ...BEHIND_INGRESS, cookie: session() }));
    expect(back.status).toBe(307);
    const clean = new URL(back.headers.get("location")!);
    expect(clean.pathname).toBe("/console/projects/flytesnacks/domains/development/executions/abc123");
    expect([...clean.searchParams]).toEqual([
      ["tab", "graph"],
      ["node", "n0"],
    ]);
  });

  it("redirects an expired session to sign in again, and lets an Authorization header through unchecked", () => {
    const expired = session(jwt({ sub: "alice", exp: NOW / 1000 - 1 }));
    expect(handle(page(DEEP, { ...BEHIND_INGRESS, cookie: expired })).status).toBe(307);
    expect(passes(handle(page(DEEP, { ...BEHIND_INGRESS, authorization: "Bearer from-proxy" })))).toBe(true);
  });

  it("stops the loop when FlyteAdmin signed the user in but the console cannot open the cookies, and says why", async () => {
    const foreign = session(ID_TOKEN, { hashKey: randomBytes(64), blockKey: randomBytes(32) });
    const first = handle(page(DEEP, { ...BEHIND_INGRESS, cookie: foreign }));
    expect(first.status).toBe(307);
    // FlyteAdmin reads its session and sends the browser straight back to redirect_url.
    const returned = signInTarget(first).redirectUrl;
    const second = handle(page(`${returned.pathname}${returned.search}`, { ...BEHIND_INGRESS, cookie: foreign }), signInOn, NOW + 1_500);
    expect(second.status).toBe(401);
    expect(second.headers.get("location")).toBeNull();
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await second.text();
    expect(html).toContain("FlyteAdmin signed you in, but the console cannot read the session");
    expect(html).toContain("the cookies do not open with the console&#39;s keys");
    expect(html).toContain("FLYTE_CONSOLE_AUTH_SECRETS_DIR is FlyteAdmin&#39;s secret");
    expect(html).toContain("MAC mismatch");
    // Try again: the page without the marker, which starts one more round trip.
    const retry = /<a href="([^"]+)">Try again<\/a>/.exec(html)?.[1].replace(/&#38;/g, "&");
    expect(retry).toBe("https://flyte.example.com/console/projects/flytesnacks/domains/development/executions/abc123?tab=graph&node=n0");
    for (const secret of [ID_TOKEN, foreign.split("flyte_idt=")[1].slice(0, 40)]) expect(html).not.toContain(secret);
  });

  it("sends the browser to sign in again when the marker is older than the loop window", () => {
    const stale = handle(page(`${DEEP}&flyte_sign_in=${NOW - SIGN_IN_LOOP_WINDOW_MS - 1}`, BEHIND_INGRESS));
    expect(stale.status).toBe(307);
    expect(signInTarget(stale).redirectUrl.searchParams.getAll("flyte_sign_in")).toEqual([String(NOW)]);
    expect(handle(page(`${DEEP}&flyte_sign_in=garbage`, BEHIND_INGRESS)).status).toBe(307);
  });

  it("names the cause when the cookies never reach the console or the clocks disagree", async () => {
    const none = handle(page(`${DEEP}&flyte_sign_in=${NOW - 1_000}`, BEHIND_INGRESS));
    expect(none.status).toBe(401);
    expect(await none.text()).toContain("FlyteAdmin&#39;s cookies do not reach the console");
    const expired = session(jwt({ exp: NOW / 1000 - 30 }));
    const skew = handle(page(`${DEEP}&flyte_sign_in=${NOW - 1_000}`, { ...BEHIND_INGRESS, cookie: expired }));
    expect(await skew.text()).toContain("clocks");
  });

  it("renders what the URL holds as text in the stuck page", async () => {
    const res = handle(page(`/console/projects/flytesnacks/domains/development/executions/abc?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&flyte_sign_in=${NOW}`, BEHIND_INGRESS));
    const html = await res.text();
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/href="[^"]*"[^>]*>[^<]*<script/);
  });

  it("answers the router's own fetches (RSC payloads, prefetches) 401 instead of a redirect the fetch would follow", () => {
    // Next strips its `rsc` headers before the proxy; the browser's Sec-Fetch-Mode still tells a fetch from a page load.
    const routerFetches: Record<string, string>[] = [{ "sec-fetch-mode": "cors" }, { "sec-fetch-mode": "no-cors" }, { rsc: "1" }];
    for (const h of routerFetches) {
      const res = handle(page(`${DEEP}&_rsc=abc`, { ...BEHIND_INGRESS, ...h }));
      expect(res.status).toBe(401);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("serves no page when the sign-in settings are invalid, and says which setting", async () => {
    const res = handle(page(DEEP), new Error("FLYTE_CONSOLE_ADMIN_PUBLIC_URL=\"x\" is not an absolute URL"));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("FLYTE_CONSOLE_ADMIN_PUBLIC_URL");
  });
});
