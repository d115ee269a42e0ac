// Which origin a browser used to reach the sandbox, and where sign-in and sign-out may send it afterwards.
import type { IncomingHttpHeaders } from "node:http";

/** Where a sign-in ends when no redirect_url was given: FlyteAdmin's default userAuth.redirectUrl. */
export const DEFAULT_REDIRECT = "/console";

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}

/**
 * The origin the browser used: X-Forwarded-Proto and X-Forwarded-Host when a proxy (Flyte's ingress) set
 * them, else http:// and the Host header. undefined when neither names a host.
 */
export function requestOrigin(headers: IncomingHttpHeaders | Headers): string | undefined {
  const get = (name: string) => (headers instanceof Headers ? (headers.get(name) ?? undefined) : headers[name]);
  const host = firstValue(get("x-forwarded-host")) ?? firstValue(get("host"));
  if (!host) return undefined;
  const proto = firstValue(get("x-forwarded-proto"))?.toLowerCase() === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: hosts where browsers keep Secure cookies over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * FlyteAdmin's GetRedirectURLAllowed: empty and relative URLs pass, absolute ones only when their scheme,
 * host and port are those of an authorized origin. Stricter than FlyteAdmin where browsers would read a
 * "relative" URL as another site: a leading "//", a backslash, control characters, or a scheme without
 * a host (javascript:, data:) are refused.
 */
export function redirectAllowed(raw: string, allowedOrigins: readonly string[]): boolean {
  if (raw === "") return true;
  if (/[\\\x00-\x1f\x7f]/.test(raw) || raw.startsWith("//")) return false;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return true;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && allowedOrigins.includes(url.origin);
}

/** Go's NewRedirectCookie makes no cookie for a URL with an empty path (e.g. "http://127.0.0.1:3000"). */
export function hasPath(raw: string): boolean {
  const rest = raw.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, "");
  return rest.length > 0 && !rest.startsWith("?") && !rest.startsWith("#");
}
