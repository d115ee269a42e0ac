// Server-side configuration of the console, read once from the environment.

export interface AdminConfig {
  /** Where FlyteAdmin's gRPC API is, as a URL the transport can dial. */
  baseUrl: string;
  /** The endpoint as the user wrote it, for messages. */
  endpoint: string;
  /** "sandbox" when the console started its embedded backend. */
  backendKind: "sandbox" | "flyteadmin";
  /** Deadline of one upstream call. */
  deadlineMs: number;
  /** Name of the cookie that carries the user's access token (flyteadmin's default is flyte_at). */
  authCookie: string;
  /** Largest request body the BFF reads. */
  maxBodyBytes: number;
  /** Origins allowed to send mutations besides the console's own (comma-separated env). */
  trustedOrigins: string[];
  /** How often a watched execution is polled upstream (one loop per execution, for all viewers). */
  watchIntervalMs: number;
}

export const DEFAULT_ENDPOINT = "http://127.0.0.1:8089";

/**
 * Turns FLYTE_ADMIN_ENDPOINT into a URL the gRPC transport dials.
 * `http://` is plain HTTP/2 (h2c); `https://` is TLS; `dns:///host:port` and bare
 * `host:port` (flytectl's forms) are TLS unless `insecure` is set.
 */
export function adminBaseUrl(endpoint: string, insecure: boolean): string {
  const trimmed = endpoint.trim();
  if (/^https?:\/\//i.test(trimmed)) return trimmed.replace(/\/+$/, "");
  const hostPort = trimmed.replace(/^dns:\/\/\/?/i, "");
  if (!/^[\w.\-\[\]:]+$/.test(hostPort)) {
    throw new Error(`FLYTE_ADMIN_ENDPOINT is not a URL or host:port: ${JSON.stringify(endpoint)}`);
  }
  return `${insecure ? "http" : "https"}://${hostPort}`;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export function readAdminConfig(env: Record<string, string | undefined> = process.env): AdminConfig {
  const endpoint = env.FLYTE_ADMIN_ENDPOINT || DEFAULT_ENDPOINT;
  const insecure = /^(1|true|yes)$/i.test(env.FLYTE_ADMIN_INSECURE ?? "");
  return {
    endpoint,
    baseUrl: adminBaseUrl(endpoint, insecure),
    backendKind: env.FLYTE_CONSOLE_BACKEND === "sandbox" ? "sandbox" : "flyteadmin",
    deadlineMs: positiveInt(env.FLYTE_ADMIN_DEADLINE_MS, 15_000),
    authCookie: env.FLYTE_CONSOLE_AUTH_COOKIE || "flyte_at",
    maxBodyBytes: positiveInt(env.FLYTE_CONSOLE_MAX_BODY_BYTES, 4 * 1024 * 1024),
    trustedOrigins: (env.FLYTE_CONSOLE_TRUSTED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    watchIntervalMs: positiveInt(env.FLYTE_CONSOLE_WATCH_INTERVAL_MS, 750),
  };
}

let cached: AdminConfig | undefined;
export function adminConfig(): AdminConfig {
  cached ??= readAdminConfig();
  return cached;
}
