// Server-side configuration of the console, read once from the environment.
import type { SecureClientSessionOptions } from "node:http2";
import { createSecureContext, rootCertificates } from "node:tls";
import { log } from "./log";
import type { CredentialSettings } from "./credentials";
import { readSessionKeys, type SessionKeys } from "./session/keys";
import { readSignInSettings, type SignInSettings } from "./session/sign-in";
import { readSettingFile } from "./setting-file";
import { parseAllowedHosts, type AllowedHosts } from "@/lib/hosts/allowed-hosts";

export interface AdminConfig {
  /** Where FlyteAdmin's gRPC API is, as a URL the transport can dial. */
  baseUrl: string;
  /** The endpoint as the user wrote it, for messages. */
  endpoint: string;
  /** "sandbox" when the console started its embedded backend. */
  backendKind: "sandbox" | "flyteadmin";
  /** Deadline of one upstream call. */
  deadlineMs: number;
  /** Cookie forwarded as `Bearer <value>` when no session keys are set (a plain token an auth proxy sets). */
  authCookie: string;
  /** FlyteAdmin's cookie keys, to open its sealed session cookies (lib/admin/session); none: not configured. */
  session?: SessionKeys;
  /**
   * FlyteAdmin's /login and /logout (FLYTE_CONSOLE_ADMIN_PUBLIC_URL, else the console's origin); set when
   * `session` is: sign-in is on exactly when the console can read FlyteAdmin's session.
   */
  signIn?: SignInSettings;
  /** Largest request body the BFF reads. */
  maxBodyBytes: number;
  /** Origins allowed to send mutations besides the console's own (comma-separated env). */
  trustedOrigins: string[];
  /** Hosts the BFF answers to (FLYTE_CONSOLE_ALLOWED_HOSTS, plus loopback, IP literals and the configured origins). */
  allowedHosts: AllowedHosts;
  /** Largest `limit` a List* call through the BFF may ask for. */
  maxListLimit: number;
  /** How often a watched execution is polled upstream (one loop per execution, for all viewers). */
  watchIntervalMs: number;
  watchIdleIntervalMs: number;
  /** A live stream with nothing to say for this long sends a heartbeat, so proxies keep it open. */
  watchHeartbeatMs: number;
  /** How far before the previous poll's start the next poll asks again (clock skew, writes committed during a poll). */
  watchOverlapMs: number;
  /** How often each viewer's own credentials are asked again whether they may still read the execution. */
  watchAccessRecheckMs: number;
  /** Most executions one process follows at once; a viewer of one more is refused (ResourceExhausted). */
  watchMaxLoops: number;
  /** Deadline of one dashboard stats computation (ConsoleService.GetDashboardStats, up to 40 upstream calls). */
  statsDeadlineMs: number;
  /** TLS settings; undefined when the endpoint is plaintext HTTP/2 (h2c). */
  tls?: AdminTlsConfig;
}

/** TLS to FlyteAdmin, as flytectl's admin config has it (caCertFilePath, insecureSkipVerify). */
export interface AdminTlsConfig {
  /** What the HTTP/2 session is opened with. */
  nodeOptions: Pick<SecureClientSessionOptions, "ca" | "cert" | "key" | "rejectUnauthorized">;
  /** FLYTE_ADMIN_CA_CERT_FILE, for messages. */
  caCertFile?: string;
  /** FLYTE_ADMIN_CLIENT_CERT_FILE, for messages. */
  clientCertFile?: string;
  insecureSkipVerify: boolean;
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

const isTrue = (value: string | undefined) => /^(1|true|yes)$/i.test(value?.trim() ?? "");

const PEM_MARKERS = { certificate: /-----BEGIN CERTIFICATE-----/, key: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ };

function readPemFile(name: string, file: string, kind: keyof typeof PEM_MARKERS): string {
  const text = readSettingFile(file, `${name}=${file}`, "point it at a readable PEM file or unset it");
  if (!PEM_MARKERS[kind].test(text)) {
    throw new Error(`${name}=${file} has no PEM ${kind === "key" ? "private key" : "certificate"} in it`);
  }
  return text;
}

let warnedSkipVerify = false;

function readAdminTls(env: Record<string, string | undefined>): AdminTlsConfig {
  const caCertFile = env.FLYTE_ADMIN_CA_CERT_FILE?.trim() || undefined;
  const clientCertFile = env.FLYTE_ADMIN_CLIENT_CERT_FILE?.trim() || undefined;
  const clientKeyFile = env.FLYTE_ADMIN_CLIENT_KEY_FILE?.trim() || undefined;
  const insecureSkipVerify = isTrue(env.FLYTE_ADMIN_INSECURE_SKIP_VERIFY);
  if (!clientCertFile !== !clientKeyFile) {
    const [set, unset] = clientCertFile
      ? ["FLYTE_ADMIN_CLIENT_CERT_FILE", "FLYTE_ADMIN_CLIENT_KEY_FILE"]
      : ["FLYTE_ADMIN_CLIENT_KEY_FILE", "FLYTE_ADMIN_CLIENT_CERT_FILE"];
    throw new Error(`${set} is set but ${unset} is not; a client certificate needs both (or neither)`);
  }
  const nodeOptions: AdminTlsConfig["nodeOptions"] = { rejectUnauthorized: !insecureSkipVerify };
  // An explicit `ca` replaces Node's roots; keep them so public and private CAs both work.
  if (caCertFile) nodeOptions.ca = [...rootCertificates, readPemFile("FLYTE_ADMIN_CA_CERT_FILE", caCertFile, "certificate")];
  if (clientCertFile && clientKeyFile) {
    nodeOptions.cert = readPemFile("FLYTE_ADMIN_CLIENT_CERT_FILE", clientCertFile, "certificate");
    nodeOptions.key = readPemFile("FLYTE_ADMIN_CLIENT_KEY_FILE", clientKeyFile, "key");
    try {
      createSecureContext(nodeOptions);
    } catch (err) {
      // OpenSSL's reason (e.g. "key values mismatch"), never the files' contents.
      const reason = (err as { reason?: unknown }).reason;
      throw new Error(
        `FLYTE_ADMIN_CLIENT_CERT_FILE=${clientCertFile} and FLYTE_ADMIN_CLIENT_KEY_FILE=${clientKeyFile} cannot be used together ` +
          `(${typeof reason === "string" ? reason : (err as Error).message}); the key must be the certificate's own`,
      );
    }
  }
  if (insecureSkipVerify && !warnedSkipVerify) {
    warnedSkipVerify = true;
    log().warn("FLYTE_ADMIN_INSECURE_SKIP_VERIFY is set: FlyteAdmin's TLS certificate is not verified; do not use this in production");
  }
  return { nodeOptions, caCertFile, clientCertFile, insecureSkipVerify };
}

/** A positive setting, floored; unset, empty or not a positive number: the default. */
export function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** An integer setting in [min, max]; unset or empty: the default; anything else stops the console with why. */
function intSetting(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number, unit = ""): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new Error(`${name}=${JSON.stringify(raw)} is not a whole number from ${min} to ${max}${unit}; unset it for the default (${fallback})`);
  }
  return n;
}

/** The settings that decide on a request's credentials (credentials.ts), also read on their own by proxy.ts. */
export function readCredentialSettings(env: Record<string, string | undefined> = process.env): CredentialSettings {
  const session = readSessionKeys(env);
  return { authCookie: env.FLYTE_CONSOLE_AUTH_COOKIE || "flyte_at", session, signIn: readSignInSettings(env, session !== undefined) };
}

const listSetting = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * FLYTE_CONSOLE_ALLOWED_HOSTS, with the hosts of FLYTE_CONSOLE_TRUSTED_ORIGINS and FLYTE_CONSOLE_ADMIN_PUBLIC_URL,
 * which the operator named already. Also read on its own by the logs route.
 */
export function readAllowedHosts(env: Record<string, string | undefined> = process.env): AllowedHosts {
  const publicUrl = env.FLYTE_CONSOLE_ADMIN_PUBLIC_URL?.trim();
  return parseAllowedHosts(env.FLYTE_CONSOLE_ALLOWED_HOSTS, "FLYTE_CONSOLE_ALLOWED_HOSTS", [
    ...listSetting(env.FLYTE_CONSOLE_TRUSTED_ORIGINS),
    ...(publicUrl ? [publicUrl] : []),
  ]);
}

/** The largest page the console's own pages ask for (the recover dialog's node listing). */
export const CONSOLE_LARGEST_PAGE = 2_000;

export function readAdminConfig(env: Record<string, string | undefined> = process.env): AdminConfig {
  const endpoint = env.FLYTE_ADMIN_ENDPOINT || DEFAULT_ENDPOINT;
  const insecure = isTrue(env.FLYTE_ADMIN_INSECURE);
  const baseUrl = adminBaseUrl(endpoint, insecure);
  return {
    endpoint,
    baseUrl,
    backendKind: env.FLYTE_CONSOLE_BACKEND === "sandbox" ? "sandbox" : "flyteadmin",
    deadlineMs: positiveInt(env.FLYTE_ADMIN_DEADLINE_MS, 15_000),
    ...readCredentialSettings(env),
    maxBodyBytes: positiveInt(env.FLYTE_CONSOLE_MAX_BODY_BYTES, 4 * 1024 * 1024),
    trustedOrigins: listSetting(env.FLYTE_CONSOLE_TRUSTED_ORIGINS),
    allowedHosts: readAllowedHosts(env),
    maxListLimit: intSetting(env, "FLYTE_CONSOLE_MAX_LIST_LIMIT", CONSOLE_LARGEST_PAGE, CONSOLE_LARGEST_PAGE, 1_000_000),
    watchIntervalMs: positiveInt(env.FLYTE_CONSOLE_WATCH_INTERVAL_MS, 500),
    watchIdleIntervalMs: intSetting(env, "FLYTE_CONSOLE_WATCH_IDLE_INTERVAL_MS", 1_000, 100, 600_000, " ms"),
    watchHeartbeatMs: intSetting(env, "FLYTE_CONSOLE_WATCH_HEARTBEAT_MS", 10_000, 1_000, 300_000, " ms"),
    watchOverlapMs: intSetting(env, "FLYTE_CONSOLE_WATCH_OVERLAP_MS", 5_000, 0, 3_600_000, " ms"),
    watchAccessRecheckMs: intSetting(env, "FLYTE_CONSOLE_WATCH_ACCESS_RECHECK_MS", 60_000, 1_000, 3_600_000, " ms"),
    watchMaxLoops: intSetting(env, "FLYTE_CONSOLE_WATCH_MAX_LOOPS", 1_000, 1, 1_000_000),
    statsDeadlineMs: intSetting(env, "FLYTE_CONSOLE_STATS_DEADLINE_MS", 10_000, 100, 600_000, " ms"),
    tls: /^https:/i.test(baseUrl) ? readAdminTls(env) : undefined,
  };
}

let cached: AdminConfig | undefined;
export function adminConfig(): AdminConfig {
  cached ??= readAdminConfig();
  return cached;
}
