// FlyteAdmin's browser sign-in against the sandbox started in-process with auth on: the sign-in page,
// the authorization-code round trip, the session cookies as FlyteAdmin's cookie manager writes them,
// /me, sign-out, redirect_url checks and the published metadata.
import { statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSecureCookie, openSecureCookie } from "@/lib/securecookie/securecookie";
import { CookieJar, signIn, startAuthSandbox, type AuthSandbox } from "./testing/sandbox";
import { hashCsrfState } from "./http";
import { OIDC_CLIENT_ID } from "./tokens";

let sandbox: AuthSandbox;
let http: string;

beforeAll(async () => {
  sandbox = await startAuthSandbox();
  http = sandbox.sb.httpUrl;
});
afterAll(() => sandbox.close());

const cookieLine = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

describe("sign-in", () => {
  it("shows a self-contained sign-in page with a labelled button per person and binds the state to flyte_csrf_state", async () => {
    const res = await fetch(`${http}/login?redirect_url=${encodeURIComponent("http://127.0.0.1:3000/console/projects")}`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    // form-action would apply to the submission's redirects too, and the last one goes to the console.
    expect(res.headers.get("content-security-policy")).not.toContain("form-action");
    const csrf = cookieLine(res, "flyte_csrf_state")!;
    expect(csrf).toMatch(/^flyte_csrf_state=[a-z0-9]{10}; HttpOnly; SameSite=Lax$/);
    expect(cookieLine(res, "flyte_redirect_location")).toBe("flyte_redirect_location=http://127.0.0.1:3000/console/projects; HttpOnly; SameSite=Lax");
    const html = await res.text();
    const csrfValue = csrf.slice("flyte_csrf_state=".length, csrf.indexOf(";"));
    expect(html).toContain(`name="state" value="${hashCsrfState(csrfValue)}"`);
    for (const name of ["Ada Lovelace", "Grace Hopper", "Alan Turing"]) expect(html).toContain(name);
    expect(html).toMatch(/<button type="submit" name="user" value="alan">.*read-only/);
    expect(html).toContain('<label for="ttl">Token lifetime (seconds)</label>');
    expect(html).not.toMatch(/<script|src=|href=/);
  });

  it("signs in through /callback: session cookies sealed as FlyteAdmin seals them, then back to redirect_url", async () => {
    const { callback, jar, accessToken, idToken } = await signIn(sandbox, "ada", { redirectUrl: "http://127.0.0.1:3000/console/projects/flytesnacks" });
    expect(callback.status).toBe(307);
    expect(callback.headers.get("location")).toBe("http://127.0.0.1:3000/console/projects/flytesnacks");
    const names = callback.headers.getSetCookie().map((c) => c.slice(0, c.indexOf("=")));
    expect(names).toEqual(["flyte_at_1", "flyte_at_2", "flyte_idt", "flyte_user_info"]);
    for (const line of callback.headers.getSetCookie()) {
      // HttpOnly and Secure (127.0.0.1 is loopback); no Path, Domain, SameSite, Max-Age or Expires: session cookies.
      expect(line).toMatch(/^flyte_[a-z_0-9]+=[A-Za-z0-9_=-]+; HttpOnly; Secure$/);
    }
    // The halves are the access token split at half its length.
    const keys = sandbox.sb.ctx.auth!.secrets.cookieKeys;
    const first = openSecureCookie("flyte_at_1", jar.cookies.get("flyte_at_1")!, keys);
    expect(first.length).toBe(Math.floor(accessToken.length / 2));
    expect(JSON.parse(openSecureCookie("flyte_user_info", jar.cookies.get("flyte_user_info")!, keys))).toEqual({
      subject: "ada",
      name: "Ada Lovelace",
      preferred_username: "ada",
      given_name: "Ada",
      family_name: "Lovelace",
      email: "ada@flyte.example",
    });

    // Both tokens verify against the published key set.
    const jwks = createLocalJWKSet(await (await fetch(`${http}/oauth2/jwks`)).json());
    const at = await jwtVerify(accessToken, jwks, { issuer: http, audience: http });
    expect(at.payload).toMatchObject({ sub: "ada", scp: ["all"], user_info: { name: "Ada Lovelace" } });
    expect(at.payload.exp! - at.payload.iat!).toBe(3600);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: "RS256", kid: sandbox.sb.ctx.auth!.tokens.kid });
    const id = await jwtVerify(idToken, jwks, { issuer: http, audience: OIDC_CLIENT_ID });
    expect(id.payload).toMatchObject({ sub: "ada", name: "Ada Lovelace", preferred_username: "ada", email: "ada@flyte.example" });
  });

  it("lands on flyte_redirect_location when /callback has no redirect_url, and on /console without either", async () => {
    expect((await signIn(sandbox, "grace", { redirectUrl: "/console/projects/flytesnacks/executions?domain=development" })).callback.headers.get("location")).toBe(
      "/console/projects/flytesnacks/executions?domain=development",
    );
    expect((await signIn(sandbox, "grace")).callback.headers.get("location")).toBe("/console");
  });

  it("goes straight to redirect_url when the session still verifies, and shows the page again when it does not", async () => {
    const { jar } = await signIn(sandbox, "ada");
    const again = await fetch(`${http}/login?redirect_url=/console/x`, { redirect: "manual", headers: { cookie: jar.header() } });
    expect(again.status).toBe(307);
    expect(again.headers.get("location")).toBe("/console/x");
    // Cookies sealed with another key set do not open: sign in again.
    const other = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
    const forged = ["flyte_idt", "flyte_at_1", "flyte_at_2"].map((n) => `${n}=${sealSecureCookie(n, openSecureCookie(n, jar.cookies.get(n)!, sandbox.sb.ctx.auth!.secrets.cookieKeys), other)}`).join("; ");
    expect((await fetch(`${http}/login`, { redirect: "manual", headers: { cookie: forged } })).status).toBe(200);
  });

  it("refuses a wrong state (401), an unknown or reused code (403) and an unknown user", async () => {
    const jar = new CookieJar();
    const page = await fetch(`${http}/login`, { redirect: "manual" });
    jar.add(page.headers.getSetCookie());
    const state = /name="state" value="([0-9a-f]+)"/.exec(await page.text())![1];
    const unknown = await fetch(`${http}/login`, { method: "POST", body: new URLSearchParams({ state, user: "mallory" }), redirect: "manual" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Choose one of the people below.");

    const chosen = await fetch(`${http}/login`, { method: "POST", body: new URLSearchParams({ state, user: "ada" }), redirect: "manual" });
    const location = new URL(chosen.headers.get("location")!, http);
    expect(location.pathname).toBe("/callback");
    const withoutCsrf = await fetch(location, { redirect: "manual" });
    expect(withoutCsrf.status).toBe(401);
    const wrongState = new URL(location);
    wrongState.searchParams.set("state", hashCsrfState("somebodyelse"));
    expect((await fetch(wrongState, { redirect: "manual", headers: { cookie: jar.header() } })).status).toBe(401);

    expect((await fetch(location, { redirect: "manual", headers: { cookie: jar.header() } })).status).toBe(307);
    const reused = await fetch(location, { redirect: "manual", headers: { cookie: jar.header() } });
    expect(reused.status).toBe(403);
    expect(reused.headers.getSetCookie()).toEqual([]);
  });

  it("issues tokens with the lifetime chosen on the page in test mode", async () => {
    const { accessToken } = await signIn(sandbox, "ada", { ttlSeconds: 5 });
    const { payload } = await jwtVerify(accessToken, createLocalJWKSet(await (await fetch(`${http}/oauth2/jwks`)).json()));
    expect(payload.exp! - payload.iat!).toBe(5);
    await expect(signIn(sandbox, "ada", { ttlSeconds: 0 })).rejects.toThrow(/400.*whole number of seconds/s);
  });
});

describe("redirect_url", () => {
  it.each([
    ["http://evil.example/console", 403],
    ["//evil.example/console", 403],
    ["/\\evil.example", 403],
    ["javascript:alert(1)", 403],
    ["http://127.0.0.1:3001/console", 403],
    ["https://127.0.0.1:3000/console", 403],
    ["http://127.0.0.1:3000/console", 200],
    ["http://localhost:3000/console?x=1", 200],
    ["/console/projects", 200],
  ])("/login?redirect_url=%s → %i", async (target, status) => {
    const res = await fetch(`${http}/login?redirect_url=${encodeURIComponent(target)}`, { redirect: "manual" });
    expect(res.status).toBe(status);
    // FlyteAdmin sets the CSRF cookie first, and no redirect cookie for a refused URL.
    expect(cookieLine(res, "flyte_csrf_state")).toBeDefined();
    expect(cookieLine(res, "flyte_redirect_location") !== undefined).toBe(status === 200);
  });

  it("accepts the sandbox's own origin, and the origin a proxy forwarded", async () => {
    expect((await fetch(`${http}/login?redirect_url=${encodeURIComponent(`${http}/api/v1/projects`)}`, { redirect: "manual" })).status).toBe(200);
    const proxied = await fetch(`${http}/login?redirect_url=${encodeURIComponent("http://flyte.internal:8080/console")}`, {
      redirect: "manual",
      headers: { "x-forwarded-host": "flyte.internal:8080", "x-forwarded-proto": "http" },
    });
    expect(proxied.status).toBe(200);
  });
});

describe("/me and the REST API", () => {
  it("answers FlyteAdmin's UserInfo JSON for the session cookies, and 401 with its error shape without them", async () => {
    const { jar } = await signIn(sandbox, "grace");
    const me = await fetch(`${http}/me`, { headers: { cookie: jar.header(), accept: "application/json" } });
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body).toMatchObject({ subject: "grace", name: "Grace Hopper", preferred_username: "grace", email: "grace@flyte.example" });
    expect(body.picture).toMatch(/^data:image\/svg\+xml,/);
    expect(body.additional_claims).toMatchObject({ sub: "grace", iss: http, aud: OIDC_CLIENT_ID });

    const anonymous = await fetch(`${http}/me`, { headers: { accept: "application/json" } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 16, message: expect.stringContaining("authentication required"), details: [] });
  });

  it("takes an Authorization header too, and refuses /api/v1 without credentials", async () => {
    const { accessToken } = await signIn(sandbox, "ada");
    const me = await fetch(`${http}/me`, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
    expect((await me.json()).subject).toBe("ada");
    expect((await fetch(`${http}/api/v1/projects`)).status).toBe(401);
    const custom = await fetch(`${http}/me`, { headers: { "flyte-authorization": `Bearer ${accessToken}`, accept: "application/json" } });
    expect((await custom.json()).subject).toBe("ada");
    const projects = await fetch(`${http}/api/v1/projects`, { headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
    expect(projects.status).toBe(200);
    expect((await projects.json()).projects.map((p: { id: string }) => p.id)).toContain("flytesnacks");
  });
});

describe("sign-out", () => {
  it("expires the session cookies as FlyteAdmin does and redirects; /me is 401 afterwards", async () => {
    const { jar } = await signIn(sandbox, "ada");
    const res = await fetch(`${http}/logout?redirect_url=${encodeURIComponent("http://127.0.0.1:3000/console")}`, { redirect: "manual", headers: { cookie: jar.header() } });
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe("http://127.0.0.1:3000/console");
    const lines = res.headers.getSetCookie();
    expect(lines.map((c) => c.slice(0, c.indexOf("=")))).toEqual(["flyte_at", "flyte_at_1", "flyte_at_2", "flyte_rt", "flyte_idt"]);
    for (const line of lines) expect(line).toMatch(/^flyte_[a-z_0-9]+=; Expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT; HttpOnly$/);
    jar.add(lines);
    expect((await fetch(`${http}/me`, { headers: { cookie: jar.header() } })).status).toBe(401);
  });

  it("sends an unauthorized redirect_url to /console, and answers 200 without one", async () => {
    const res = await fetch(`${http}/logout?redirect_url=${encodeURIComponent("https://evil.example/")}`, { redirect: "manual" });
    expect(res.headers.get("location")).toBe("/console");
    expect((await fetch(`${http}/logout`, { redirect: "manual" })).status).toBe(200);
  });
});

describe("metadata", () => {
  it("publishes the key set and both discovery documents", async () => {
    const jwks = await (await fetch(`${http}/oauth2/jwks`)).json();
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig", kid: sandbox.sb.ctx.auth!.tokens.kid })]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"/);

    const oauth = await (await fetch(`${http}/.well-known/oauth-authorization-server`, { headers: { accept: "application/json" } })).json();
    expect(oauth).toMatchObject({
      issuer: http,
      authorization_endpoint: `${http}/oauth2/authorize`,
      token_endpoint: `${http}/oauth2/token`,
      jwks_uri: `${http}/oauth2/jwks`,
      code_challenge_methods_supported: ["S256"],
      grant_types_supported: ["client_credentials", "refresh_token", "authorization_code"],
      scopes_supported: ["all"],
    });
    const proxied = await (
      await fetch(`${http}/.well-known/oauth-authorization-server`, { headers: { accept: "application/json", "x-forwarded-host": "flyte.example.com", "x-forwarded-proto": "https" } })
    ).json();
    expect(proxied).toMatchObject({ issuer: http, jwks_uri: "https://flyte.example.com/oauth2/jwks" });

    const oidc = await (await fetch(`${http}/.well-known/openid-configuration`)).json();
    expect(oidc).toMatchObject({ issuer: http, jwks_uri: `${http}/oauth2/jwks`, id_token_signing_alg_values_supported: ["RS256"] });

    const client = await (await fetch(`${http}/config/v1/flyte_client`, { headers: { accept: "application/json" } })).json();
    expect(client).toMatchObject({ client_id: "flytectl", authorization_metadata_key: "flyte-authorization", scopes: ["all", "offline"] });
  });

  it("writes FlyteAdmin's secret files, readable by the owner only", () => {
    const dir = sandbox.sb.ctx.auth!.secrets.dir;
    for (const file of ["cookie_hash_key", "cookie_block_key", "token_rsa_key.pem"]) {
      expect(statSync(`${dir}/${file}`).mode & 0o777).toBe(0o600);
    }
  });
});
