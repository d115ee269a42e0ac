// Which of the browser's credentials go upstream: only the user's bearer token.

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

/**
 * The headers to send to FlyteAdmin for a browser request: `authorization` from the
 * request's own Authorization header, else `Bearer <token>` from the auth cookie.
 * Nothing else from the browser is forwarded.
 */
export function upstreamHeaders(requestHeaders: Headers, authCookie: string): Headers {
  const out = new Headers();
  const authorization = requestHeaders.get("authorization");
  if (authorization) {
    out.set("authorization", authorization);
    return out;
  }
  const token = readCookie(requestHeaders.get("cookie") ?? "", authCookie);
  if (token) out.set("authorization", `Bearer ${token}`);
  return out;
}
