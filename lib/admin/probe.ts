// Does FlyteAdmin answer? Used by /healthz and by the console's connection banner.
import { create } from "@bufbuild/protobuf";
import { GetConsoleInfoResponseSchema, type GetConsoleInfoResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { upstreamError } from "./errors";
import type { Upstream } from "./upstream";

export const PROBE_DEADLINE_MS = 3_000;

export async function probeAdmin(up: Upstream): Promise<GetConsoleInfoResponse> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await up.admin.getVersion({}, { timeoutMs: PROBE_DEADLINE_MS });
    return create(GetConsoleInfoResponseSchema, {
      backendKind: up.config.backendKind,
      adminReachable: true,
      adminVersion: res.controlPlaneVersion,
      probeMillis: elapsed(),
    });
  } catch (err) {
    return create(GetConsoleInfoResponseSchema, {
      backendKind: up.config.backendKind,
      adminReachable: false,
      adminError: upstreamError(err, up.config.endpoint, up.config.tls).rawMessage,
      probeMillis: elapsed(),
    });
  }
}
