// Server-only: what proxy.ts does with a page request when sign-in is on. Signed out → a full-page
// redirect to FlyteAdmin's /login with the page's absolute URL as redirect_url, so the deep link is kept.
// FlyteAdmin's /login sends a browser whose session it can read straight back (RefreshTokensIfNeeded),
// so if the console cannot read that same session (other keys, cookies not reaching it, clocks apart)
// redirecting again would loop forever: the redirect marks the page URL, and a marked URL that comes
// back still signed out within a minute gets a page that says why instead.
import { credentialsFor, type CredentialSettings, type SignInReason } from "../credentials";
import { REDIRECT_URL_PARAM } from "@/lib/flyte/sign-in";

/** Query parameter on the page URL sent as redirect_url: when the console sent the browser to sign in (ms). */
export const SIGN_IN_MARKER = "flyte_sign_in";
/** A marked URL back within this long without a session means sign-in did not take. */
export const SIGN_IN_LOOP_WINDOW_MS = 60_000;

export interface PageRequest {
  /** The URL the server saw (host and scheme may be the proxy's hop, not the browser's). */
  url: string;
  headers: Headers;
  /** The base path (`/console`); `pathname` is without it. */
  basePath: string;
  pathname: string;
  /** With its `?`, or empty. */
  search: string;
}

export type PageVerdict =
  /** Signed in, or sign-in off. `cleanSearch` set: the URL carried the marker, redirect to it without. */
  | { kind: "pass"; cleanSearch?: string }
  | { kind: "redirect"; location: string }
  /** Sign-in did not take: answer this page (401), never another redirect. */
  | { kind: "stuck"; status: 401; body: string; reason: SignInReason; detail?: string }
  /** A fetch (RSC payload, prefetch): a 401, on which Next's router loads the page in full, which then redirects. */
  | { kind: "refuse"; status: 401 };

const HOST = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function firstValue(headers: Headers, name: string): string | undefined {
  return headers.get(name)?.split(",")[0]?.trim() || undefined;
}

/**
 * The page's URL as the browser sees it: scheme and host from X-Forwarded-Proto and X-Forwarded-Host
 * (as nginx and Flyte's ingress set them), else Host, else the URL the server saw; with the base path.
 */
export function publicPageUrl(req: PageRequest, search = req.search): string {
  const seen = new URL(req.url);
  const proto = firstValue(req.headers, "x-forwarded-proto")?.toLowerCase();
  const scheme = proto === "http" || proto === "https" ? proto : seen.protocol.replace(/:$/, "");
  const host = [firstValue(req.headers, "x-forwarded-host"), req.headers.get("host")?.trim()].find((h) => h && HOST.test(h)) ?? seen.host;
  // The base path's own page is `/console`, not `/console/` (which Next would redirect once more).
  const path = req.basePath && req.pathname === "/" ? req.basePath : `${req.basePath}${req.pathname}`;
  return `${scheme}://${host}${path}${search}`;
}

/** The search without the marker, and the marker's time when there was one (NaN when it is not a time). */
export function takeMarker(search: string): { search: string; markedAtMs?: number } {
  const params = new URLSearchParams(search);
  const raw = params.get(SIGN_IN_MARKER);
  if (raw === null) return { search };
  params.delete(SIGN_IN_MARKER);
  const rest = params.toString();
  return { search: rest ? `?${rest}` : "", markedAtMs: /^\d{1,15}$/.test(raw) ? Number(raw) : NaN };
}

/**
 * A fetch rather than a page load: Next's router fetching a page's RSC payload or prefetching it. Next
 * strips its own `rsc` headers before the proxy runs, so the browser's Sec-Fetch-Mode says it (anything
 * but `navigate`); a redirect there would be followed by the fetch into FlyteAdmin's /login.
 */
function isBackgroundFetch(headers: Headers): boolean {
  const mode = headers.get("sec-fetch-mode");
  return (mode !== null && mode !== "navigate") || headers.has("rsc") || headers.has("next-router-prefetch");
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WHY: Record<SignInReason, (detail?: string) => string> = {
  unreadable: (detail) =>
    "FlyteAdmin signed you in, but the console cannot read the session: the cookies do not open with the console's keys" +
    `${detail ? ` (${detail})` : ""}. ` +
    "Check that FLYTE_CONSOLE_AUTH_SECRETS_DIR is FlyteAdmin's secret (its cookie_hash_key and cookie_block_key), " +
    "or that FLYTE_CONSOLE_COOKIE_HASH_KEY and FLYTE_CONSOLE_COOKIE_BLOCK_KEY are FlyteAdmin's keys.",
  none:
    () =>
      "You were sent to FlyteAdmin to sign in and came back without a session the console can see. If signing in succeeded, " +
      "FlyteAdmin's cookies do not reach the console: FlyteAdmin and the console must share a host (as behind Flyte's ingress), " +
      "and FLYTE_CONSOLE_ADMIN_PUBLIC_URL must be FlyteAdmin's address on that host.",
  expired: () =>
    "FlyteAdmin signed you in, but by the console's clock the session has already expired. " +
    "Check that the clocks of the console's and FlyteAdmin's hosts agree.",
};

function stuckPage(reason: SignInReason, detail: string | undefined, retryUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in did not complete · Flyte Console</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.25rem">Sign-in did not complete</h1>
<p data-testid="sign-in-stuck" data-reason="${reason}">${escapeHtml(WHY[reason](detail))}</p>
<p><a href="${escapeHtml(retryUrl)}">Try again</a></p>
</body></html>
`;
}

/**
 * What to do with a page request (see the top of this file). `settings.signIn` unset: sign-in is off
 * and every page passes. An Authorization header (an auth proxy) passes unchecked.
 */
export function pageSignIn(req: PageRequest, settings: CredentialSettings, nowMs = Date.now()): PageVerdict {
  const { search, markedAtMs } = takeMarker(req.search);
  const marked = markedAtMs !== undefined;
  if (!settings.signIn) return marked ? { kind: "pass", cleanSearch: search } : { kind: "pass" };
  const credentials = credentialsFor(req.headers, settings, nowMs);
  if (credentials.ok) return marked ? { kind: "pass", cleanSearch: search } : { kind: "pass" };
  if (isBackgroundFetch(req.headers)) return { kind: "refuse", status: 401 };
  const back = publicPageUrl(req, search);
  const sinceMarked = nowMs - (markedAtMs ?? NaN);
  if (sinceMarked >= 0 && sinceMarked < SIGN_IN_LOOP_WINDOW_MS) {
    return { kind: "stuck", status: 401, body: stuckPage(credentials.reason, credentials.detail, back), reason: credentials.reason, detail: credentials.detail };
  }
  const params = new URLSearchParams(search);
  params.set(SIGN_IN_MARKER, String(nowMs));
  const redirectUrl = publicPageUrl(req, `?${params}`);
  // Absolute (Next's proxy refuses a relative Location): a relative sign-in URL is on the page's own origin.
  const signInUrl = new URL(settings.signIn.signInUrl, redirectUrl);
  signInUrl.search = new URLSearchParams({ [REDIRECT_URL_PARAM]: redirectUrl }).toString();
  return { kind: "redirect", location: signInUrl.toString() };
}
