// Which `Host` a server answers to: the defence against DNS rebinding. A page on evil.example whose
// name is made to resolve to the console (or the sandbox) is same-origin with it as far as the browser
// knows, so Origin checks pass and it can read the answers; only the Host it sends (evil.example) is
// foreign. Shared by the console's BFF (lib/admin) and the sandbox's HTTP server (lib/sandbox).
import { isIP } from "node:net";

export interface AllowedHosts {
  /** `*`: any host (the check is off). */
  any: boolean;
  /** Exact names (`flyte.example.com`, any port) or `name:port`, lower case. */
  exact: Set<string>;
  /** `*.example.com` entries, kept as `.example.com`: any name below it. */
  suffixes: string[];
}

/** Always allowed: loopback names and IP literals (no DNS name, nothing to rebind). */
const LOOPBACK_NAMES = new Set(["localhost", "[::1]"]);

const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_])?\.?)(?::(\d{1,5}))?$/;

/** `host[:port]` split and lower-cased, a trailing dot dropped; undefined when it is no host. */
export function parseHost(value: string): { name: string; port?: string } | undefined {
  const m = HOST_PATTERN.exec(value.trim().toLowerCase());
  if (!m) return undefined;
  const name = m[1].endsWith(".") ? m[1].slice(0, -1) : m[1];
  return m[2] === undefined ? { name } : { name, port: m[2] };
}

function isIpLiteral(name: string): boolean {
  return isIP(name.startsWith("[") ? name.slice(1, -1) : name) !== 0;
}

function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

export class AllowedHostsError extends Error {}

/**
 * `raw`: a comma-separated list of `host`, `host:port`, `*.domain` or `*`; `extra`: hosts or URLs from other
 * settings (trusted origins, public URLs), allowed too (unparsable ones are those settings' own business). `setting` names the variable in errors.
 */
export function parseAllowedHosts(raw: string | undefined, setting: string, extra: readonly string[] = []): AllowedHosts {
  const allowed: AllowedHosts = { any: false, exact: new Set(), suffixes: [] };
  const entries = (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    if (entry === "*") {
      allowed.any = true;
      continue;
    }
    const wildcard = entry.startsWith("*.");
    const host = parseHost(wildcard ? entry.slice(2) : entry);
    if (!host || (wildcard && host.port !== undefined)) {
      throw new AllowedHostsError(`${setting} has ${JSON.stringify(entry)}, which is not a host, host:port, *.domain or *`);
    }
    if (wildcard) allowed.suffixes.push(`.${host.name}`);
    else allowed.exact.add(host.port === undefined ? host.name : `${host.name}:${host.port}`);
  }
  for (const value of extra) {
    const host = parseHost(value.includes("://") ? urlHost(value) : value);
    if (host) allowed.exact.add(host.port === undefined ? host.name : `${host.name}:${host.port}`);
  }
  return allowed;
}

/**
 * The hosts a request names: X-Forwarded-Host's first value (the ingress's: the name the browser used) and
 * Host. Both are checked, not only the first: a rebinding page is same-origin with itself, so its script
 * may add an X-Forwarded-Host of its choosing without a preflight; only Host is the browser's own.
 */
export function requestHostsOf(forwardedHost: string | null | undefined, host: string | null | undefined): string[] {
  const forwarded = forwardedHost?.split(",")[0]?.trim();
  const hosts = [forwarded, host?.trim()].filter((h): h is string => !!h);
  return hosts.length > 0 ? hosts : [""];
}

/** The first of `hosts` this server does not answer to, or undefined when it answers to all. */
export function firstForeignHost(hosts: readonly string[], allowed: AllowedHosts): string | undefined {
  return hosts.find((h) => !isHostAllowed(h, allowed));
}

/** Whether `hostHeader` (as sent: `name[:port]`) is one this server answers to. */
export function isHostAllowed(hostHeader: string, allowed: AllowedHosts): boolean {
  if (allowed.any) return true;
  const host = parseHost(hostHeader);
  if (!host) return false;
  if (LOOPBACK_NAMES.has(host.name) || isIpLiteral(host.name)) return true;
  if (allowed.exact.has(host.name)) return true;
  if (host.port !== undefined && allowed.exact.has(`${host.name}:${host.port}`)) return true;
  return allowed.suffixes.some((suffix) => host.name.endsWith(suffix));
}

/** The refusal's message, naming the setting that would allow the host. */
export function hostRefusal(hostHeader: string, setting: string): string {
  const shown = hostHeader === "" ? "(none)" : JSON.stringify(hostHeader.slice(0, 100));
  return `requests for host ${shown} are refused (DNS rebinding protection): add the host to ${setting} if this server is reached by that name`;
}
