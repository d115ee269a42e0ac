// Server-only: where people sign in (FlyteAdmin's own /login and /logout), and how the BFF tells the
// browser to go there: an Unauthenticated error (or a 401) carrying the sign-in URL in a header.
import { Code, ConnectError } from "@connectrpc/connect";
import { SIGN_IN_URL_HEADER } from "@/lib/flyte/sign-in";

/** FlyteAdmin's browser endpoints, when the console sends people there to sign in. */
export interface SignInSettings {
  /** FlyteAdmin's /login: relative ("/login") when FlyteAdmin shares the console's origin, as behind Flyte's ingress. */
  readonly signInUrl: string;
  /** FlyteAdmin's /logout, likewise. */
  readonly signOutUrl: string;
}

const PUBLIC_URL = "FLYTE_CONSOLE_ADMIN_PUBLIC_URL";

/**
 * FLYTE_CONSOLE_ADMIN_PUBLIC_URL: FlyteAdmin's origin as browsers reach it (`https://flyte.example.com`),
 * or empty for the console's own origin. Only an origin: FlyteAdmin serves /login and /logout at its root.
 */
export function readAdminPublicUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.FLYTE_CONSOLE_ADMIN_PUBLIC_URL?.trim() ?? "";
  if (raw === "") return "";
  const wrong = (why: string) =>
    new Error(
      `${PUBLIC_URL}=${JSON.stringify(raw)} ${why}; set it to FlyteAdmin's origin as browsers reach it (e.g. https://flyte.example.com), ` +
        "or leave it empty when FlyteAdmin answers /login on the console's own origin (Flyte's ingress)",
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw wrong("is not an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw wrong("is not an http(s) URL");
  if (url.username || url.password) throw wrong("has credentials in it");
  if (url.pathname.replace(/\/+$/, "") !== "" || url.search || url.hash) throw wrong("has a path, query or fragment; only an origin is allowed");
  return url.origin;
}

/** Sign-in is on when FlyteAdmin's session keys are configured: then the console can read the session FlyteAdmin sets. */
export function readSignInSettings(env: Record<string, string | undefined>, sessionKeysConfigured: boolean): SignInSettings | undefined {
  const origin = readAdminPublicUrl(env);
  if (!sessionKeysConfigured) return undefined;
  return Object.freeze({ signInUrl: `${origin}/login`, signOutUrl: `${origin}/logout` });
}

/**
 * When the JWT's `exp` claim says it expires, in ms; undefined when the token is not a JWT or has no
 * `exp`. The signature is not checked: FlyteAdmin verifies tokens, the console only avoids calls it
 * knows FlyteAdmin will refuse.
 */
export function jwtExpiryMs(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Headers that tell the browser where to sign in; none when the console knows no sign-in page (auth proxy). */
export function signInHeaders(signIn: SignInSettings | undefined): Record<string, string> {
  return signIn ? { [SIGN_IN_URL_HEADER]: signIn.signInUrl } : {};
}

/** Unauthenticated with the sign-in URL in its metadata. */
export function unauthenticated(message: string, signIn: SignInSettings | undefined): ConnectError {
  return new ConnectError(message, Code.Unauthenticated, signInHeaders(signIn));
}

/** An error as is, except that Unauthenticated (FlyteAdmin's own included) gains the sign-in URL. */
export function withSignIn(err: ConnectError, signIn: SignInSettings | undefined): ConnectError {
  if (err.code !== Code.Unauthenticated || !signIn) return err;
  return new ConnectError(err.rawMessage, err.code, signInHeaders(signIn));
}
