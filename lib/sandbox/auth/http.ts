// FlyteAdmin's browser endpoints on the sandbox's HTTP port (flyteadmin/auth/handlers.go, cookie.go,
// authzserver/metadata.go), with the sandbox standing in for the identity provider:
//   GET  /login?redirect_url=  a session that still verifies goes straight to redirect_url; otherwise the
//                              flyte_csrf_state and flyte_redirect_location cookies are set and the sign-in
//                              page shown. A redirect_url outside the authorized origins: 403, as FlyteAdmin.
//   POST /login                the "identity provider" signs the chosen user in: 303 to /callback?code=&state=
//   GET  /callback             state checked against flyte_csrf_state (401), code exchanged (403), session
//                              cookies set, 307 to redirect_url, else flyte_redirect_location, else /console
//   GET  /logout?redirect_url= session cookies deleted; 307 to redirect_url (unauthorized: /console)
//   GET  /oauth2/jwks          the signing key; GET /.well-known/openid-configuration the provider's metadata
// /me, /.well-known/oauth-authorization-server and /config/v1/flyte_client are gRPC-gateway routes of
// IdentityService and AuthMetadataService (see sessionMetadata for how the gateway reads the cookies).
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CSRF_STATE_COOKIE, REDIRECT_URL_COOKIE } from "@/lib/securecookie/flyteadmin-cookies";
import type { SandboxAuth } from "./index";
import { parseCookies } from "@/lib/securecookie/flyteadmin-session";
import { deletedSessionCookies, newCsrfCookie, readSession, redirectCookie, sessionCookies } from "./cookies";
import { DEFAULT_REDIRECT, hasPath, isLoopbackHost, redirectAllowed, requestOrigin } from "./origins";
import { renderSignInPage, SIGN_IN_PAGE_CSP } from "./page";
import { OIDC_CLIENT_ID, SCOPE_ALL, TokenError, userInfoJson } from "./tokens";
import { demoUser, DEMO_USERS } from "./users";
import { sendJson } from "../http/send-json";

export const AUTH_HTTP_PATHS = ["/login", "/callback", "/logout", "/oauth2/jwks", "/.well-known/openid-configuration"];

const MAX_FORM_BYTES = 16 * 1024;
const MAX_TTL_SECONDS = 30 * 86_400;

/** HashCsrfState: the OAuth2 state is the hex SHA-256 of the CSRF cookie's value. */
export function hashCsrfState(csrf: string): string {
  return createHash("sha256").update(csrf).digest("hex");
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

function redirect(res: ServerResponse, status: 303 | 307, location: string, cookies: string[] = []): void {
  res.writeHead(status, { Location: location, "Cache-Control": "no-store", "Content-Length": 0, ...(cookies.length ? { "Set-Cookie": cookies } : {}) });
  res.end();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new RangeError("form too large");
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export function createAuthHttpHandler(auth: SandboxAuth) {
  const { config, secrets, tokens, codes } = auth;
  const keys = secrets.cookieKeys;

  /** The browser's origin, or the issuer when the request names no host. */
  const originOf = (req: IncomingMessage) => requestOrigin(req.headers) ?? tokens.issuer;
  const allowedOrigins = (req: IncomingMessage) => [...config.authorizedUris, tokens.issuer, originOf(req)];
  /** FlyteAdmin always sets Secure; left off only where browsers would drop the cookie: plain http to a host that is not loopback. */
  const secureCookies = (req: IncomingMessage) => {
    const origin = new URL(originOf(req));
    return origin.protocol === "https:" || isLoopbackHost(origin.hostname);
  };

  /** GetAuthFlowEndRedirect: the redirect_url given, else the one /login remembered in a cookie, else /console. */
  function flowEnd(req: IncomingMessage, target: string): string {
    if (target) return target;
    const remembered = parseCookies(req.headers.cookie ?? "").get(REDIRECT_URL_COOKIE);
    return remembered && redirectAllowed(remembered, allowedOrigins(req)) ? remembered : DEFAULT_REDIRECT;
  }

  async function hasLiveSession(req: IncomingMessage): Promise<boolean> {
    const session = readSession(req.headers.cookie, keys);
    if (!session) return false;
    try {
      await tokens.verifyIdToken(session.idToken);
      return true;
    } catch (err) {
      if (err instanceof TokenError) return false;
      throw err;
    }
  }

  function signInPage(res: ServerResponse, state: string, cookies: string[], status = 200, error?: string): void {
    const ttl = config.testMode ? { ttlSeconds: Math.round(config.tokenTtlMs / 1000), maxTtlSeconds: MAX_TTL_SECONDS } : {};
    const html = renderSignInPage({ users: DEMO_USERS, state, error, ...ttl });
    res.writeHead(status, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": Buffer.byteLength(html),
      "Cache-Control": "no-store",
      "Content-Security-Policy": SIGN_IN_PAGE_CSP,
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      ...(cookies.length ? { "Set-Cookie": cookies } : {}),
    });
    res.end(html);
  }

  async function login(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const target = url.searchParams.get("redirect_url") ?? "";
    const allowed = redirectAllowed(target, allowedOrigins(req));
    if (allowed && (await hasLiveSession(req))) {
      // RefreshTokensIfNeededHandler: nothing to do, go where the flow would have ended.
      return redirect(res, 307, flowEnd(req, target));
    }
    const csrf = newCsrfCookie();
    if (!allowed) return send(res, 403, "redirect_url is not an authorized URI of this sandbox\n", { "Set-Cookie": [csrf.header] });
    const cookies = [csrf.header];
    if (target && hasPath(target)) cookies.push(redirectCookie(target));
    signInPage(res, hashCsrfState(csrf.value), cookies);
  }

  /** The identity provider's part: the chosen user is signed in and sent back with a code. */
  async function authorize(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch {
      return send(res, 413, "the sign-in form is too large\n");
    }
    const state = form.get("state") ?? "";
    const user = demoUser(form.get("user") ?? "");
    const again = (error: string) => signInPage(res, state, [], 400, error);
    if (!state) return send(res, 400, "the sign-in form has no state: open /login again\n");
    if (!user) return again("Choose one of the people below.");
    let tokenTtlMs = config.tokenTtlMs;
    const ttl = form.get("ttl_seconds")?.trim();
    if (ttl) {
      if (!config.testMode) return again("The token lifetime can only be chosen in test mode (FLYTE_SANDBOX_AUTH_TEST_MODE=1).");
      const seconds = Number(ttl);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
        return again(`The token lifetime must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}.`);
      }
      tokenTtlMs = seconds * 1000;
    }
    const code = codes.issue({ subject: user.subject, tokenTtlMs });
    redirect(res, 303, `/callback?${new URLSearchParams({ code, state })}`);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cookies = parseCookies(req.headers.cookie ?? "");
    const state = url.searchParams.get("state") ?? "";
    const csrf = cookies.get(CSRF_STATE_COOKIE);
    if (!state || !csrf || hashCsrfState(csrf) !== state) {
      return send(res, 401, "the sign-in state does not match this browser's flyte_csrf_state cookie: open /login again\n");
    }
    const grant = codes.redeem(url.searchParams.get("code") ?? "");
    const user = grant && demoUser(grant.subject);
    if (!grant || !user) return send(res, 403, "the authorization code is unknown, used or expired: open /login again\n");
    const target = url.searchParams.get("redirect_url") ?? "";
    if (!redirectAllowed(target, allowedOrigins(req))) return send(res, 403, "redirect_url is not an authorized URI of this sandbox\n");
    const next = flowEnd(req, target);
    const issued = await tokens.issue(user, grant.tokenTtlMs);
    const session = { accessToken: issued.accessToken, idToken: issued.idToken, userInfoJson: JSON.stringify(userInfoJson(user)) };
    redirect(res, 307, next, sessionCookies(session, keys, secureCookies(req)));
  }

  function logout(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const cookies = deletedSessionCookies(auth.now());
    const target = url.searchParams.get("redirect_url") ?? "";
    if (!target) return send(res, 200, "", { "Set-Cookie": cookies });
    redirect(res, 307, redirectAllowed(target, allowedOrigins(req)) ? target : DEFAULT_REDIRECT, cookies);
  }

  /** The identity provider's discovery document (FlyteAdmin itself redirects here, to its OpenID provider). */
  function openIdConfiguration(req: IncomingMessage, res: ServerResponse): void {
    const origin = originOf(req);
    sendJson(res, 200, {
      issuer: tokens.issuer,
      authorization_endpoint: `${origin}/login`,
      token_endpoint: `${origin}/oauth2/token`,
      userinfo_endpoint: `${origin}/me`,
      jwks_uri: `${origin}/oauth2/jwks`,
      end_session_endpoint: `${origin}/logout`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid", "profile", "email", SCOPE_ALL],
      claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "name", "given_name", "family_name", "preferred_username", "email", "picture", "groups"],
      client_id: OIDC_CLIENT_ID,
    });
  }

  /** Answers the auth paths; false for any other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    if (!AUTH_HTTP_PATHS.includes(path)) return false;
    if (path === "/login" && method === "POST") await authorize(req, res);
    else if (method !== "GET" && method !== "HEAD") send(res, 405, `${method} is not allowed on ${path}\n`, { Allow: path === "/login" ? "GET, HEAD, POST" : "GET, HEAD" });
    else if (path === "/login") await login(req, res, url);
    else if (path === "/callback") await callback(req, res, url);
    else if (path === "/logout") logout(req, res, url);
    else if (path === "/oauth2/jwks") sendJson(res, 200, tokens.jwks());
    else openIdConfiguration(req, res);
    return true;
  };
}

/**
 * GetHTTPRequestCookieToMetadataHandler, for the REST gateway. An Authorization header wins (grpc-gateway
 * forwards it first); else the session cookies, opened into `authorization: IDToken <flyte_idt>` and
 * `userinfo-bin` (flyte_user_info's JSON); else FlyteAdmin's flyte-authorization header. Nothing when
 * none is there.
 */
export function sessionMetadata(auth: SandboxAuth, req: IncomingMessage): Headers {
  const headers = new Headers();
  if (req.headers.authorization) return headers;
  const session = readSession(req.headers.cookie, auth.secrets.cookieKeys);
  if (session) {
    headers.set("authorization", `IDToken ${session.idToken}`);
    if (session.userInfoJson) headers.set("userinfo-bin", Buffer.from(session.userInfoJson, "utf8").toString("base64").replace(/=+$/, ""));
    return headers;
  }
  const custom = req.headers["flyte-authorization"];
  if (typeof custom === "string" && custom) headers.set("authorization", custom);
  return headers;
}
