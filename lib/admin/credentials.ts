// Which of the browser's credentials go upstream (only the user's token), and when a request must
// sign in first instead of reaching FlyteAdmin at all.
import { parse as parseCookie } from "cookie";
import { log } from "./log";
import type { SessionKeys } from "./session/keys";
import { jwtExpiryMs, unauthenticated, type SignInSettings } from "./session/sign-in";
import { openFlyteAdminSession } from "@/lib/securecookie/flyteadmin-session";

/** What credentialsFor needs of the configuration (AdminConfig and LogProxyConfig have it). */
export interface CredentialSettings {
  /** The cookie forwarded as a bearer token when no session keys are configured. */
  authCookie: string;
  /** FlyteAdmin's cookie keys: its sealed session cookies are opened with them. */
  session?: SessionKeys;
  /** Where people sign in; set exactly when `session` is (sign-in on). */
  signIn?: SignInSettings;
}

/** Why a request may not reach FlyteAdmin: it needs to sign in (again). */
export type SignInReason = "none" | "unreadable" | "expired";

export type Credentials =
  /** The headers to send to FlyteAdmin; `expiresAtMs` when they carry a session's ID token with an `exp`. */
  | { ok: true; headers: Headers; expiresAtMs?: number }
  /** `message` is for the user; `detail` (which cookie, why it did not open) for operators. Neither holds a value. */
  | { ok: false; reason: SignInReason; message: string; detail?: string };

export const SIGN_IN_MESSAGES: Record<SignInReason, string> = {
  none: "Sign in to use the console",
  unreadable: "Sign in to use the console: your session could not be read",
  expired: "Your session has expired: sign in again",
};

/** FlyteAdmin's scheme for an OIDC ID token in `authorization` (flyteadmin/auth/constants.go IDTokenScheme). */
export const ID_TOKEN_SCHEME = "IDToken";
/** Where FlyteAdmin's gateway puts the user info (gRPC binary metadata: the value is base64). */
export const USER_INFO_HEADER = "userinfo-bin";

function setSafely(headers: Headers, name: string, value: string): boolean {
  try {
    headers.set(name, value);
    return true;
  } catch {
    return false;
  }
}

const refuse = (reason: SignInReason, detail?: string): Credentials => ({ ok: false, reason, message: SIGN_IN_MESSAGES[reason], ...(detail ? { detail } : {}) });

/**
 * What to send FlyteAdmin for a browser request, or why not to call it at all. Nothing else from the
 * browser is forwarded.
 *
 * 1. The request's own Authorization header wins and is not checked (an auth proxy, automation).
 * 2. With FlyteAdmin's cookie keys configured (sign-in on), its session cookies are opened as its own
 *    HTTP gateway opens them (GetHTTPRequestCookieToMetadataHandler): the ID token and the access token
 *    must both open, and the ID token goes up as `authorization: IDToken <id token>`, with the user info
 *    as `userinfo-bin`. Not the access token as a Bearer: that came from the identity provider, and
 *    FlyteAdmin's default (Self) authorization server only accepts bearer tokens it issued itself.
 *    No session, one that does not open, or an ID token whose `exp` has passed: the caller must sign
 *    in, and FlyteAdmin is not called (it would only refuse). Why is logged at debug level, never a value.
 * 3. Without keys, the `authCookie` cookie's value is sent as `Bearer <value>`, for auth proxies that
 *    set a plain token cookie; without it, nothing.
 */
export function credentialsFor(requestHeaders: Headers, settings: CredentialSettings, nowMs = Date.now()): Credentials {
  const out = new Headers();
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    out.set("authorization", authorization);
    return { ok: true, headers: out };
  }
  const cookieHeader = requestHeaders.get("cookie") ?? "";
  if (settings.session) {
    const session = openFlyteAdminSession(cookieHeader, settings.session);
    if (session.kind === "none") return refuse("none");
    if (session.kind === "failed") {
      const detail = `${session.cookie}: ${session.reason}`;
      log().debug({ cookie: session.cookie, reason: session.reason }, "FlyteAdmin session cookie not opened; not calling FlyteAdmin");
      return refuse("unreadable", detail);
    }
    if (!setSafely(out, "authorization", `${ID_TOKEN_SCHEME} ${session.idToken}`)) {
      log().debug({ cookie: "flyte_idt", reason: "the ID token cannot be sent in a header" }, "FlyteAdmin session cookie not opened");
      return refuse("unreadable", "flyte_idt: the ID token cannot be sent in a header");
    }
    const expiresAtMs = jwtExpiryMs(session.idToken);
    if (expiresAtMs !== undefined && expiresAtMs <= nowMs) return refuse("expired");
    if (session.userInfo) out.set(USER_INFO_HEADER, Buffer.from(session.userInfo, "utf8").toString("base64"));
    return { ok: true, headers: out, ...(expiresAtMs === undefined ? {} : { expiresAtMs }) };
  }
  const token = parseCookie(cookieHeader)[settings.authCookie];
  if (token) setSafely(out, "authorization", `Bearer ${token}`);
  return { ok: true, headers: out };
}

/** The Connect error for a request that must sign in first, with the sign-in URL in its metadata. */
export function signInError(refusal: Extract<Credentials, { ok: false }>, signIn: SignInSettings | undefined) {
  return unauthenticated(refusal.message, signIn);
}
