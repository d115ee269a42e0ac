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
import { openFlyteAdminSession } from "@/lib/securecookie/flyteadmin-session";
import { sealSecureCookie, type CookieKeys } from "@/lib/securecookie/securecookie";

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

/**
 * RetrieveTokenValues + RetrieveUserInfo: the ID token and the access token (flyte_at, else the two
 * halves joined byte-wise) must both open; the profile is optional. undefined when they do not.
 */
export function readSession(cookieHeader: string | undefined, keys: CookieKeys): { idToken: string; accessToken: string; userInfoJson?: string } | undefined {
  const session = openFlyteAdminSession(cookieHeader ?? "", keys);
  if (session.kind !== "open") return undefined;
  const { idToken, accessToken, userInfo } = session;
  return { idToken, accessToken, ...(userInfo ? { userInfoJson: userInfo } : {}) };
}
