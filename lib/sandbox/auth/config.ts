// The sandbox's auth settings (FLYTE_SANDBOX_AUTH_*). Off unless FLYTE_SANDBOX_AUTH=1; every bad value
// is an error that names the variable.
import path from "node:path";

type Env = Record<string, string | undefined>;

export interface SandboxAuthConfig {
  /** Where cookie_hash_key, cookie_block_key and token_rsa_key.pem live (created when absent). */
  secretsDir: string;
  /** Lifetime of the access and ID tokens a sign-in issues. */
  tokenTtlMs: number;
  /** The sign-in page also offers a token lifetime, so expiry can be tested in seconds. */
  testMode: boolean;
  /** Origins (scheme://host[:port]) a redirect_url may point at, besides relative paths and the sandbox's own origin. */
  authorizedUris: string[];
}

export const DEFAULT_TOKEN_TTL_MS = 3_600_000;
export const DEFAULT_AUTHORIZED_URIS = ["http://127.0.0.1:3000", "http://localhost:3000"];
const MAX_TOKEN_TTL_MS = 30 * 86_400_000;

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "" || raw === "0" || raw.toLowerCase() === "false") return false;
  if (raw === "1" || raw.toLowerCase() === "true") return true;
  throw new Error(`${name}=${raw} is not a switch: use 1 (on) or 0 (off)`);
}

/** An origin as FlyteAdmin compares authorized URIs: scheme, host and port; no path, query or credentials. */
export function parseOrigin(raw: string, name: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name}: "${raw}" is not an absolute URL like http://127.0.0.1:3000`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`${name}: "${raw}" is not an http(s) URL`);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new Error(`${name}: "${raw}" must be an origin only (scheme://host:port), without path, query or credentials`);
  }
  return url.origin;
}

/** undefined when auth is off. */
export function sandboxAuthConfig(env: Env, dataDir: string): SandboxAuthConfig | undefined {
  if (!flag(env, "FLYTE_SANDBOX_AUTH")) return undefined;
  const ttlRaw = env.FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS?.trim();
  let tokenTtlMs = DEFAULT_TOKEN_TTL_MS;
  if (ttlRaw) {
    tokenTtlMs = Number(ttlRaw);
    if (!Number.isInteger(tokenTtlMs) || tokenTtlMs < 1000 || tokenTtlMs > MAX_TOKEN_TTL_MS) {
      throw new Error(`FLYTE_SANDBOX_AUTH_TOKEN_TTL_MS=${ttlRaw} is not a whole number of milliseconds from 1000 to ${MAX_TOKEN_TTL_MS}`);
    }
  }
  const urisRaw = env.FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS;
  const authorizedUris =
    urisRaw === undefined || urisRaw.trim() === ""
      ? DEFAULT_AUTHORIZED_URIS
      : urisRaw
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => parseOrigin(s, "FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS"));
  return {
    secretsDir: path.resolve(env.FLYTE_SANDBOX_AUTH_SECRETS_DIR?.trim() || path.join(dataDir, "auth")),
    tokenTtlMs,
    testMode: flag(env, "FLYTE_SANDBOX_AUTH_TEST_MODE"),
    authorizedUris: [...new Set(authorizedUris)],
  };
}
