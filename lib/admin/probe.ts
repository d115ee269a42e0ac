// Does FlyteAdmin answer? Used by /healthz and by the console's connection banner. And is this server
// ready to serve (/readyz), which deliberately does not depend on FlyteAdmin.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { GetConsoleInfoResponseSchema, type GetConsoleInfoResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { Version } from "@/lib/gen/flyteidl/admin/version_pb";
import { upstreamError } from "./errors";
import { readAdminConfig } from "./config";
import { tcpReach, type Reach } from "./reach";
import type { Upstream } from "./upstream";

/** An answer later than this is slow: FlyteAdmin is up, but the user waits and should know why. */
export const PROBE_SLOW_MS = 2_000;

/** FlyteAdmin refused the caller, which it can only do when it is up (with auth on, GetVersion needs a token). */
function answeredWithRefusal(err: unknown): boolean {
  const code = ConnectError.from(err).code;
  return code === Code.Unauthenticated || code === Code.PermissionDenied;
}

export interface ProbeOptions {
  slowMs?: number;
  /** Whether a new connection reaches FlyteAdmin (tests replace it). */
  reach?: (baseUrl: string, timeoutMs: number) => Promise<Reach>;
}

type Outcome = { answered: true; version?: Version } | { answered: false; error: unknown };

/**
 * Does FlyteAdmin answer GetVersion, and how fast? Answered within `slowMs`: reachable. Later: slow.
 * No answer by then: a fresh TCP connection (tried from half-way) says whether it is there at all:
 * it connects, so FlyteAdmin is slow (answering late, or busy); or it does not (refused, unknown
 * host, no reply), so it is unreachable. The probe thus answers within `slowMs`, and the banner
 * can tell slow from unreachable within seconds. `headers`: the caller's credentials, when there
 * are any, so that with auth on the answer carries FlyteAdmin's version.
 */
export async function probeAdmin(up: Upstream, headers?: Headers, opts: ProbeOptions = {}): Promise<GetConsoleInfoResponse> {
  const slowMs = opts.slowMs ?? PROBE_SLOW_MS;
  const reach = opts.reach ?? tcpReach;
  const started = performance.now();
  const info = (fields: { adminReachable: boolean; adminSlow?: boolean; adminError?: string; adminVersion?: Version }) =>
    create(GetConsoleInfoResponseSchema, { backendKind: up.config.backendKind, probeMillis: Math.round(performance.now() - started), ...fields });

  const abort = new AbortController();
  let settled = false;
  const outcome: Promise<Outcome> = up.admin
    .getVersion({}, { headers, signal: abort.signal, timeoutMs: up.config.deadlineMs })
    .then(
      (res): Outcome => ({ answered: true, version: res.controlPlaneVersion }),
      (error: unknown): Outcome => (answeredWithRefusal(error) ? { answered: true } : { answered: false, error }),
    )
    .finally(() => (settled = true));
  const timers: ReturnType<typeof setTimeout>[] = [];
  const after = <T>(ms: number, f: () => T | Promise<T>) => new Promise<T>((resolve) => timers.push(setTimeout(() => resolve(f()), ms)));
  const connection = after(slowMs / 2, () => (settled ? undefined : reach(up.config.baseUrl, slowMs / 2)));

  try {
    const first = await Promise.race([outcome, after(slowMs, () => "pending" as const)]);
    if (first === "pending") {
      const reached = await connection;
      if (reached && !reached.ok) {
        return info({
          adminReachable: false,
          adminError: `FlyteAdmin at ${up.config.endpoint} did not answer within ${slowMs / 1000} s, and a new connection to it failed: ${reached.reason}`,
        });
      }
      return info({ adminReachable: true, adminSlow: true });
    }
    if (first.answered) {
      const probeMillis = Math.round(performance.now() - started);
      return info({ adminReachable: true, adminSlow: probeMillis > slowMs, adminVersion: first.version });
    }
    return info({ adminReachable: false, adminError: upstreamError(first.error, up.config.endpoint, up.config.tls).rawMessage });
  } finally {
    for (const t of timers) clearTimeout(t);
    // A late answer would change nothing: free the stream.
    abort.abort();
  }
}

export interface Readiness {
  ready: boolean;
  /** Why the server cannot serve, e.g. an endpoint that is not a URL. */
  reason?: string;
}

/**
 * Ready when the settings every request depends on are valid. FlyteAdmin being down is not a reason:
 * the console then still serves its pages and shows the outage, and taking every replica out of the
 * load balancer would only turn that into a blank 503.
 */
export function readiness(env: Record<string, string | undefined> = process.env): Readiness {
  try {
    readAdminConfig(env);
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
