// Sandbox settings, all from the environment so `npm run sandbox`, `npm start`, tests
// and benchmarks can run the same process at different speeds.
import path from "node:path";
import { parseAllowedHosts, type AllowedHosts } from "@/lib/hosts/allowed-hosts";
import { sandboxAuthConfig, type SandboxAuthConfig } from "./auth/config";
import type { ExecutorConfig } from "./executor/types";

type Env = Record<string, string | undefined>;

export interface SandboxConfig {
  host: string;
  /** gRPC (HTTP/2) port; 0 picks a free one. */
  grpcPort: number;
  /** HTTP/1.1 port for /api/v1 and task logs; 0 picks a free one. */
  httpPort: number;
  dataDir: string;
  /** How often the executor loop reconciles running executions, in ms. */
  tickMs: number;
  /** Whether the first start registers and launches the seed catalog and writes past executions (projects are always created). */
  seed: boolean;
  /** FLYTE_SANDBOX_HISTORY: past executions the first start writes for flytesnacks/development (over 30 days); undefined: the default few dozen. */
  history?: number;
  executor: Omit<ExecutorConfig, "httpBaseUrl">;
  /** FLYTE_SANDBOX_TLS_*: serve gRPC over TLS with these PEM files; undefined: plaintext HTTP/2 (h2c). */
  tls?: SandboxTlsFiles;
  /** FLYTE_SANDBOX_AUTH=1: FlyteAdmin's authentication (sign-in, session cookies, tokens); undefined: off. */
  auth?: SandboxAuthConfig;
  /**
   * FLYTE_SANDBOX_MAX_DATA_BYTES: FlyteAdmin's remoteData.maxSizeInBytes (default 2 MiB). Node inputs and outputs
   * this big or bigger are answered as a signed URL and a size only, as FlyteAdmin with signed URLs on does.
   */
  maxDataBytes: number;
  /** FLYTE_SANDBOX_ALLOWED_HOSTS (and, with auth on, the hosts of its authorized URIs): the HTTP port answers those, loopback names and IP literals. */
  allowedHosts: AllowedHosts;
}

export interface SandboxTlsFiles {
  certFile: string;
  keyFile: string;
  /** Client certificates are required and must be issued by a CA in this bundle. */
  clientCaFile?: string;
}

function tlsFiles(env: Env): SandboxTlsFiles | undefined {
  const certFile = env.FLYTE_SANDBOX_TLS_CERT_FILE?.trim() || undefined;
  const keyFile = env.FLYTE_SANDBOX_TLS_KEY_FILE?.trim() || undefined;
  const clientCaFile = env.FLYTE_SANDBOX_TLS_CLIENT_CA_FILE?.trim() || undefined;
  if (certFile && keyFile) return { certFile, keyFile, clientCaFile };
  if (certFile || keyFile || clientCaFile) {
    throw new Error("TLS needs both FLYTE_SANDBOX_TLS_CERT_FILE and FLYTE_SANDBOX_TLS_KEY_FILE (FLYTE_SANDBOX_TLS_CLIENT_CA_FILE only adds client certificates)");
  }
  return undefined;
}

function num(env: Env, name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}=${raw} is not a number between ${min} and ${max}`);
  }
  return value;
}

export function sandboxConfig(env: Env = process.env): SandboxConfig {
  const dataDir = path.resolve(env.FLYTE_SANDBOX_DATA_DIR?.trim() || "./data/sandbox");
  const auth = sandboxAuthConfig(env, dataDir);
  return {
    host: env.FLYTE_SANDBOX_HOST?.trim() || "127.0.0.1",
    grpcPort: num(env, "FLYTE_SANDBOX_GRPC_PORT", 8089, { max: 65535 }),
    httpPort: num(env, "FLYTE_SANDBOX_HTTP_PORT", 8088, { max: 65535 }),
    dataDir,
    tickMs: num(env, "FLYTE_SANDBOX_TICK_MS", 200, { min: 5 }),
    seed: env.FLYTE_SANDBOX_SEED !== "0",
    history: env.FLYTE_SANDBOX_HISTORY?.trim() ? num(env, "FLYTE_SANDBOX_HISTORY", 0, { max: 1_000_000 }) : undefined,
    executor: {
      taskDurationMs: num(env, "FLYTE_SANDBOX_TASK_MS", 3000),
      queueDelayMs: num(env, "FLYTE_SANDBOX_QUEUE_MS", 500),
      failureRate: num(env, "FLYTE_SANDBOX_FAILURE_RATE", 0, { max: 1 }),
      systemErrorShare: num(env, "FLYTE_SANDBOX_SYSTEM_ERROR_SHARE", 0.3, { max: 1 }),
    },
    maxDataBytes: num(env, "FLYTE_SANDBOX_MAX_DATA_BYTES", 2 * 1024 * 1024, { min: 1 }),
    tls: tlsFiles(env),
    auth,
    allowedHosts: parseAllowedHosts(env.FLYTE_SANDBOX_ALLOWED_HOSTS, "FLYTE_SANDBOX_ALLOWED_HOSTS", auth?.authorizedUris ?? []),
  };
}
