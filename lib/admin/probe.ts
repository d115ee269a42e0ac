// Does FlyteAdmin answer? Used by /healthz and by the console's connection banner. And is this server
// ready to serve (/readyz), which deliberately does not depend on FlyteAdmin.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { GetConsoleInfoResponseSchema, type GetConsoleInfoResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { Version } from "@/lib/gen/flyteidl/admin/version_pb";
import { upstreamError } from "./errors";
import { readAdminConfig } from "./config";
import type { Upstream } from "./upstream";

/**
 * How long the probe waits. With the browser's 2 s before it asks (lib/query/connection.ts), a
 * FlyteAdmin that does not answer shows as unreachable within 5 s of the first call that waited.
 */
export const PROBE_DEADLINE_MS = 3_000;
/** An answer later than this is slow: FlyteAdmin is up, but the user waits and should know why. */
export const PROBE_SLOW_MS = 2_000;

/** FlyteAdmin refused the caller, which it can only do when it is up (with auth on, GetVersion needs a token). */
function answeredWithRefusal(err: unknown): boolean {
  const code = ConnectError.from(err).code;
  return code === Code.Unauthenticated || code === Code.PermissionDenied;
}

export interface ProbeOptions {
  deadlineMs?: number;
  slowMs?: number;
}

/**
 * Whether FlyteAdmin answers GetVersion within the probe's deadline, and whether it was slow to.
 * `headers`: the caller's credentials, when there are any, so that with auth on the answer carries
 * FlyteAdmin's version.
 */
export async function probeAdmin(up: Upstream, headers?: Headers, opts: ProbeOptions = {}): Promise<GetConsoleInfoResponse> {
  const deadlineMs = opts.deadlineMs ?? PROBE_DEADLINE_MS;
  const slowMs = opts.slowMs ?? PROBE_SLOW_MS;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const answered = (adminVersion?: Version) => {
    const probeMillis = elapsed();
    return create(GetConsoleInfoResponseSchema, {
      backendKind: up.config.backendKind,
      adminReachable: true,
      adminSlow: probeMillis > slowMs,
      adminVersion,
      probeMillis,
    });
  };
  try {
    const res = await up.admin.getVersion({}, { timeoutMs: deadlineMs, headers });
    return answered(res.controlPlaneVersion);
  } catch (err) {
    if (answeredWithRefusal(err)) return answered();
    const ce = upstreamError(err, up.config.endpoint, up.config.tls);
    return create(GetConsoleInfoResponseSchema, {
      backendKind: up.config.backendKind,
      adminReachable: false,
      adminError:
        ce.code === Code.DeadlineExceeded ? `FlyteAdmin at ${up.config.endpoint} did not answer within ${deadlineMs / 1000} s` : ce.rawMessage,
      probeMillis: elapsed(),
    });
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
