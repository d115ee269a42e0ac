// Same-origin check for mutations. A browser always sends Origin on a POST, so a
// mutation must carry an Origin whose host is the console's own (or a trusted origin).
// Hosts, not schemes, are compared: a TLS-terminating proxy often hides the scheme.

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

function requestHost(headers: Headers, url: string): string {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return (forwarded || headers.get("host") || new URL(url).host).toLowerCase();
}

export function checkSameOrigin(headers: Headers, url: string, trustedOrigins: readonly string[]): OriginVerdict {
  const origin = headers.get("origin");
  if (!origin || origin === "null") {
    if (headers.get("sec-fetch-site") === "same-origin") return { ok: true };
    return { ok: false, reason: "mutations must come from the console's own pages (no Origin header)" };
  }
  if (trustedOrigins.includes(origin)) return { ok: true };
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return { ok: false, reason: `malformed Origin header ${JSON.stringify(origin)}` };
  }
  if (originHost === requestHost(headers, url)) return { ok: true };
  return { ok: false, reason: `cross-origin mutation refused (Origin ${origin})` };
}
