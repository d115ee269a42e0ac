"use client";

// The console's own service: what backend we talk to and whether FlyteAdmin answers, and how well.
import { Code, ConnectError } from "@connectrpc/connect";
import { useQuery } from "@connectrpc/connect-query";
import { ConsoleService, type GetConsoleInfoResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { CallHealth } from "./connection";

export const getConsoleInfo = ConsoleService.method.getConsoleInfo;

/** Poll faster while FlyteAdmin is down or slow so the page recovers soon after it is back. */
export function consoleInfoInterval(info: GetConsoleInfoResponse | undefined): number {
  return info && (!info.adminReachable || info.adminSlow) ? 2_000 : 15_000;
}

export type ConnectionStatus =
  | { kind: "ok" }
  /** The console's own server does not answer (the probe itself failed). */
  | { kind: "server-down" }
  /** FlyteAdmin answers, but late: `probeMillis` when the probe saw it, else a page call did. */
  | { kind: "slow"; probeMillis?: number }
  /** FlyteAdmin cannot be reached or did not answer within the probe's deadline; `error` says how. */
  | { kind: "unreachable"; error: string };

/** What the banner says, from the BFF's probe and the page's own calls. Unauthenticated is not a connection problem. */
export function connectionStatus(info: GetConsoleInfoResponse | undefined, error: unknown, calls: CallHealth): ConnectionStatus {
  if (error && ConnectError.from(error).code !== Code.Unauthenticated) return { kind: "server-down" };
  if (info?.adminReachable === false) return { kind: "unreachable", error: info.adminError };
  if (info?.adminSlow) return { kind: "slow", probeMillis: info.probeMillis };
  if (calls.slowPending > 0) return { kind: "slow" };
  return { kind: "ok" };
}

/** GetConsoleInfo, read once (which backend the console runs against). */
export function useConsoleInfo() {
  return useQuery(getConsoleInfo, {}, { retry: false });
}

/** GetConsoleInfo as the connection banner's probe: polled, also in the background, faster while FlyteAdmin is down or slow. */
export function useConsoleInfoProbe() {
  return useQuery(getConsoleInfo, {}, {
    refetchInterval: (q) => consoleInfoInterval(q.state.data),
    refetchIntervalInBackground: true,
    retry: false,
  });
}
