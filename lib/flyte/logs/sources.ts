// Which log URIs the console reads itself (and shows inline) rather than linking to. The server
// enforces this before fetching anything; the browser uses the same rule to choose "View" or a link.

export interface LogSource {
  /** e.g. "https://logs.example.com" (URL.origin form: lower-case host, no default port). */
  origin: string;
  /** Path the URI must be under, "/" for the whole origin. */
  pathPrefix: string;
}

export type LogUriVerdict = { ok: true; url: URL; source: LogSource } | { ok: false; reason: string };

/** One allowlist entry: an origin ("https://logs.example.com") or an origin plus a path prefix. */
export function parseLogSource(entry: string): LogSource | undefined {
  let url: URL;
  try {
    url = new URL(entry.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return undefined;
  if (url.search || url.hash) return undefined;
  return { origin: url.origin, pathPrefix: url.pathname || "/" };
}

/** A comma-separated allowlist; entries that are not http(s) origins are reported, not silently kept. */
export function parseLogSources(list: string | undefined): { sources: LogSource[]; invalid: string[] } {
  const sources: LogSource[] = [];
  const invalid: string[] = [];
  for (const entry of (list ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const source = parseLogSource(entry);
    if (source) sources.push(source);
    else invalid.push(entry);
  }
  return { sources, invalid };
}

function underPrefix(pathname: string, prefix: string): boolean {
  if (prefix === "/" || prefix === "") return true;
  if (prefix.endsWith("/")) return pathname.startsWith(prefix);
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Whether the console may fetch `uri`, and if not, why (for the 403 message). */
export function checkLogUri(uri: string, sources: readonly LogSource[]): LogUriVerdict {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return { ok: false, reason: "the log URI is not an absolute URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: `only http and https logs can be read inline, not ${url.protocol.replace(/:$/, "")}` };
  }
  if (url.username || url.password) return { ok: false, reason: "log URIs with credentials in them are refused" };
  // URL() has already resolved "." and ".." segments (also %2e forms), so the prefix test sees the real path.
  const source = sources.find((s) => s.origin === url.origin && underPrefix(url.pathname, s.pathPrefix));
  if (!source) return { ok: false, reason: `${url.origin} is not an allowed log origin` };
  url.hash = "";
  return { ok: true, url, source };
}

/** The browser's cheap form of `checkLogUri`. */
export function isInlineLogUri(uri: string, sources: readonly LogSource[]): boolean {
  return checkLogUri(uri, sources).ok;
}
