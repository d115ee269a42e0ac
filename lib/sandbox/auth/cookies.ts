// FlyteAdmin's browser-session cookies, written and read as its cookie manager does (flyteadmin/auth/
// cookie.go, cookie_manager.go): each token sealed with gorilla/securecookie under its own cookie name,
// the access token split at half its byte length into flyte_at_1 + flyte_at_2, the profile as JSON in
// flyte_user_info; attributes HttpOnly and Secure, no Domain, Path, SameSite, Max-Age or Expires (session
// cookies, the path defaulting to "/"). Sign-out expires flyte_at, flyte_at_1, flyte_at_2, flyte_rt and
// flyte_idt (HttpOnly, an Expires an hour ago); flyte_user_info stays, as with FlyteAdmin.
import { randomInt } from "node:crypto";
import {
  ACCESS_TOKEN_COOKIE,
  ACCESS_TOKEN_COOKIE_1,
  ACCESS_TOKEN_COOKIE_2,
  CSRF_STATE_COOKIE,
  ID_TOKEN_COOKIE,
  REDIRECT_URL_COOKIE,
  REFRESH_TOKEN_COOKIE,
  USER_INFO_COOKIE,
} from "@/lib/securecookie/flyteadmin-cookies";
import { decodeUtf8, openSecureCookieBytes, sealSecureCookie, SecureCookieError, type CookieKeys } from "@/lib/securecookie/securecookie";

export interface CookieSpec {
  name: string;
  value: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Lax" | "Strict" | "None";
  expires?: Date;
}

/** Go's sanitizeCookieValue: bytes a cookie value may not hold are dropped; a space or comma gets quotes. */
function sanitizeValue(value: string): string {
  const kept = [...value].filter((c) => c >= "\x20" && c < "\x7f" && c !== '"' && c !== ";" && c !== "\\").join("");
  return /[ ,]/.test(kept) ? `"${kept}"` : kept;
}

/** A Set-Cookie value with Go's net/http attribute order. */
export function serializeCookie(c: CookieSpec): string {
  const parts = [`${c.name}=${sanitizeValue(c.value)}`];
  if (c.expires) parts.push(`Expires=${c.expires.toUTCString()}`);
  if (c.httpOnly) parts.push("HttpOnly");
  if (c.secure) parts.push("Secure");
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join("; ");
}

/** The first cookie of each name in a Cookie header, as Go's Request.Cookie reads it (no URL-decoding, quotes dropped). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf("=");
    if (eq <= 0) continue;
    const name = trimmed.slice(0, eq);
    let value = trimmed.slice(eq + 1);
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

export interface SessionValues {
  accessToken: string;
  idToken: string;
  /** flyte_user_info: the JSON of a UserInfoResponse. */
  userInfoJson: string;
}

/** SetTokenCookies + SetUserInfoCookie. `secure`: the Secure attribute (see http.ts for when it is left off). */
export function sessionCookies(session: SessionValues, keys: CookieKeys, secure: boolean): string[] {
  // A JWT is ASCII, so half its length is half its bytes (where FlyteAdmin splits).
  const mid = Math.floor(session.accessToken.length / 2);
  const sealed = (name: string, value: string) => serializeCookie({ name, value: sealSecureCookie(name, value, keys), httpOnly: true, secure });
  return [
    sealed(ACCESS_TOKEN_COOKIE_1, session.accessToken.slice(0, mid)),
    sealed(ACCESS_TOKEN_COOKIE_2, session.accessToken.slice(mid)),
    sealed(ID_TOKEN_COOKIE, session.idToken),
    sealed(USER_INFO_COOKIE, session.userInfoJson),
  ];
}

/** DeleteCookies. */
export function deletedSessionCookies(nowMs: number): string[] {
  const expires = new Date(nowMs - 3_600_000);
  return [ACCESS_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE_1, ACCESS_TOKEN_COOKIE_2, REFRESH_TOKEN_COOKIE, ID_TOKEN_COOKIE].map((name) =>
    serializeCookie({ name, value: "", httpOnly: true, expires }),
  );
}

const CSRF_CHARS = "abcdefghijklmnopqrstuvwxyz1234567890";

/** NewCsrfCookie: ten characters from [a-z1-90], HttpOnly, SameSite=Lax. */
export function newCsrfCookie(): { value: string; header: string } {
  let value = "";
  for (let i = 0; i < 10; i++) value += CSRF_CHARS[randomInt(CSRF_CHARS.length)];
  return { value, header: serializeCookie({ name: CSRF_STATE_COOKIE, value, httpOnly: true, sameSite: "Lax" }) };
}

/** NewRedirectCookie: where to go after sign-in, in the clear, HttpOnly, SameSite=Lax. */
export function redirectCookie(url: string): string {
  return serializeCookie({ name: REDIRECT_URL_COOKIE, value: url, httpOnly: true, sameSite: "Lax" });
}

function open(cookies: Map<string, string>, name: string, keys: CookieKeys): Uint8Array | undefined {
  const sealed = cookies.get(name);
  if (sealed === undefined) return undefined;
  try {
    const bytes = openSecureCookieBytes(name, sealed, keys);
    return bytes.length > 0 ? bytes : undefined;
  } catch (err) {
    if (err instanceof SecureCookieError) return undefined;
    throw err;
  }
}

function text(name: string, bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    return decodeUtf8(name, bytes);
  } catch {
    return undefined;
  }
}

/**
 * RetrieveTokenValues + RetrieveUserInfo: the ID token and the access token (flyte_at, else the two
 * halves joined byte-wise) must both open; the profile is optional. undefined when they do not.
 */
export function readSession(cookieHeader: string | undefined, keys: CookieKeys): { idToken: string; accessToken: string; userInfoJson?: string } | undefined {
  const cookies = parseCookieHeader(cookieHeader);
  const idToken = text(ID_TOKEN_COOKIE, open(cookies, ID_TOKEN_COOKIE, keys));
  if (!idToken) return undefined;
  let accessToken = text(ACCESS_TOKEN_COOKIE, open(cookies, ACCESS_TOKEN_COOKIE, keys));
  if (!accessToken) {
    const first = open(cookies, ACCESS_TOKEN_COOKIE_1, keys);
    const second = open(cookies, ACCESS_TOKEN_COOKIE_2, keys);
    accessToken = first && second ? text(ACCESS_TOKEN_COOKIE, Buffer.concat([first, second])) : undefined;
  }
  if (!accessToken) return undefined;
  const userInfoJson = text(USER_INFO_COOKIE, open(cookies, USER_INFO_COOKIE, keys));
  return { idToken, accessToken, ...(userInfoJson ? { userInfoJson } : {}) };
}
