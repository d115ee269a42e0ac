// Which of the browser's credentials go upstream: only the user's token.
import { log } from "./log";
import type { SessionKeys } from "./session/keys";
import { openFlyteAdminSession } from "./session/session";

/** What upstreamHeaders needs of the configuration (AdminConfig has both). */
export interface CredentialSettings {
  /** The cookie forwarded as a bearer token when no session keys are configured. */
  authCookie: string;
  /** FlyteAdmin's cookie keys: its sealed session cookies are opened with them. */
  session?: SessionKeys;
}

/** FlyteAdmin's scheme for an OIDC ID token in `authorization` (flyteadmin/auth/constants.go IDTokenScheme). */
export const ID_TOKEN_SCHEME = "IDToken";
/** Where FlyteAdmin's gateway puts the user info (gRPC binary metadata: the value is base64). */
export const USER_INFO_HEADER = "userinfo-bin";

/** Reads one cookie from a Cookie header without decoding anything else. */
function readCookie(cookieHeader: string, name: string): string | undefined {
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}

function setSafely(headers: Headers, name: string, value: string): boolean {
  try {
    headers.set(name, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The headers to send to FlyteAdmin for a browser request. Nothing else from the browser is forwarded.
 *
 * 1. The request's own Authorization header wins (an auth proxy in front of the console).
 * 2. With FlyteAdmin's cookie keys configured, its session cookies are opened as its own HTTP gateway
 *    opens them (GetHTTPRequestCookieToMetadataHandler): the ID token and the access token must both
 *    open, and the ID token goes up as `authorization: IDToken <id token>`, with the user info as
 *    `userinfo-bin`. Not the access token as a Bearer: that came from the identity provider, and
 *    FlyteAdmin's default (Self) authorization server only accepts bearer tokens it issued itself.
 *    A session that does not open sends no authorization; why is logged at debug level, never a value.
 * 3. Without keys, the `authCookie` cookie's value is sent as `Bearer <value>`, for auth proxies
 *    that set a plain token cookie.
 */
export function upstreamHeaders(requestHeaders: Headers, settings: CredentialSettings): Headers {
  const out = new Headers();
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    out.set("authorization", authorization);
    return out;
  }
  const cookieHeader = requestHeaders.get("cookie") ?? "";
  if (settings.session) {
    const session = openFlyteAdminSession(cookieHeader, settings.session);
    if (session.kind === "failed") {
      log().debug({ cookie: session.cookie, reason: session.reason }, "FlyteAdmin session cookie not opened; calling FlyteAdmin without credentials");
    } else if (session.kind === "open") {
      if (!setSafely(out, "authorization", `${ID_TOKEN_SCHEME} ${session.idToken}`)) {
        log().debug({ cookie: "flyte_idt", reason: "the ID token cannot be sent in a header" }, "FlyteAdmin session cookie not opened");
        return out;
      }
      if (session.userInfo) out.set(USER_INFO_HEADER, Buffer.from(session.userInfo, "utf8").toString("base64"));
    }
    return out;
  }
  const token = readCookie(cookieHeader, settings.authCookie);
  if (token) setSafely(out, "authorization", `Bearer ${token}`);
  return out;
}
