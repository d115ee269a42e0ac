// Server-only: FlyteAdmin's browser session read from a request's cookies, as FlyteAdmin's own HTTP
// gateway reads it (flyteadmin/auth/cookie_manager.go RetrieveTokenValues and RetrieveAccessToken).
// The BFF opens the session with it, and so does the sandbox where it plays FlyteAdmin.
import { ACCESS_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE_1, ACCESS_TOKEN_COOKIE_2, ID_TOKEN_COOKIE, USER_INFO_COOKIE } from "./flyteadmin-cookies";
import { decodeUtf8, openSecureCookieBytes, SecureCookieError, type CookieKeys, type OpenOptions } from "./securecookie";

const SESSION_COOKIES = [ID_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE_1, ACCESS_TOKEN_COOKIE_2];

export type SessionOutcome =
  /** The request carries none of FlyteAdmin's session cookies. */
  | { kind: "none" }
  | { kind: "open"; idToken: string; accessToken: string; /** flyte_user_info's JSON, when it opened. */ userInfo?: string }
  /** A session cookie is missing, does not open or is empty; `reason` never holds a cookie's value. */
  | { kind: "failed"; cookie: string; reason: string };

/**
 * The first cookie of each name, as Go's net/http reads them (Request.Cookie): values are not
 * URL-decoded, surrounding double quotes are dropped, values with bytes Go refuses are skipped.
 */
export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf("=");
    const name = eq < 0 ? trimmed : trimmed.slice(0, eq);
    let value = eq < 0 ? "" : trimmed.slice(eq + 1);
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!name || cookies.has(name) || !/^[\x20-\x7e]*$/.test(value) || /["\\]/.test(value)) continue;
    cookies.set(name, value);
  }
  return cookies;
}

class Failure extends Error {
  constructor(
    readonly cookie: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function retrieve(cookies: Map<string, string>, name: string, keys: CookieKeys, options: OpenOptions): Uint8Array {
  const sealed = cookies.get(name);
  if (sealed === undefined) throw new Failure(name, "missing");
  let bytes: Uint8Array;
  try {
    bytes = openSecureCookieBytes(name, sealed, keys, options);
  } catch (err) {
    if (err instanceof SecureCookieError) throw new Failure(name, `${err.detail} [${err.code}]`);
    throw err;
  }
  if (bytes.length === 0) throw new Failure(name, "empty");
  return bytes;
}

function text(name: string, bytes: Uint8Array): string {
  try {
    return decodeUtf8(name, bytes);
  } catch (err) {
    if (err instanceof SecureCookieError) throw new Failure(name, `${err.detail} [${err.code}]`);
    throw err;
  }
}

function accessToken(cookies: Map<string, string>, keys: CookieKeys, options: OpenOptions): string {
  let single: Failure | undefined;
  try {
    return text(ACCESS_TOKEN_COOKIE, retrieve(cookies, ACCESS_TOKEN_COOKIE, keys, options));
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    single = err;
  }
  try {
    const first = retrieve(cookies, ACCESS_TOKEN_COOKIE_1, keys, options);
    const second = retrieve(cookies, ACCESS_TOKEN_COOKIE_2, keys, options);
    // Joined as bytes: the split is at half the length in bytes.
    return text(ACCESS_TOKEN_COOKIE, Buffer.concat([first, second]));
  } catch (err) {
    // With no halves at all, why the single cookie failed says more than that the halves are missing.
    if (err instanceof Failure && single.reason !== "missing" && !cookies.has(ACCESS_TOKEN_COOKIE_1) && !cookies.has(ACCESS_TOKEN_COOKIE_2)) {
      throw single;
    }
    throw err;
  }
}

/**
 * Opens FlyteAdmin's session in a Cookie header: the ID token (flyte_idt) and the access token
 * (flyte_at, else flyte_at_1 + flyte_at_2) must both open, as FlyteAdmin requires; the user info
 * (flyte_user_info) is optional, as there. The refresh token is not read: refreshing is FlyteAdmin's job.
 */
export function openFlyteAdminSession(cookieHeader: string, keys: CookieKeys, options: OpenOptions = {}): SessionOutcome {
  const cookies = parseCookies(cookieHeader);
  if (!SESSION_COOKIES.some((name) => cookies.has(name))) return { kind: "none" };
  try {
    const idToken = text(ID_TOKEN_COOKIE, retrieve(cookies, ID_TOKEN_COOKIE, keys, options));
    const access = accessToken(cookies, keys, options);
    let userInfo: string | undefined;
    try {
      userInfo = text(USER_INFO_COOKIE, retrieve(cookies, USER_INFO_COOKIE, keys, options));
    } catch (err) {
      if (!(err instanceof Failure)) throw err;
    }
    return { kind: "open", idToken, accessToken: access, ...(userInfo === undefined ? {} : { userInfo }) };
  } catch (err) {
    if (err instanceof Failure) return { kind: "failed", cookie: err.cookie, reason: err.reason };
    throw err;
  }
}
