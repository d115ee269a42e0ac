"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { connectionStatus, useConsoleInfo, useConsoleInfoProbe } from "@/lib/query/console";
import { connectionHealth, SLOW_CALL_MS } from "@/lib/query/connection";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";

const TELL = "If it lasts, tell whoever runs Flyte.";

/**
 * Watches whether FlyteAdmin answers, and how fast. The BFF's probe says whether it is reachable; the
 * page's own calls say when to ask again (one waiting 2 s, or failing, asks at once) and whether it is
 * slow. When FlyteAdmin comes back, every query on the page refetches, so the page recovers by itself.
 */
export function ConnectionBanner() {
  const queryClient = useQueryClient();
  const info = useConsoleInfoProbe();
  const calls = useSyncExternalStore(connectionHealth.subscribe, connectionHealth.get, connectionHealth.get);
  const status = connectionStatus(info.data, info.error, calls);
  const { refetch } = info;

  // A call turned slow or failed: ask the probe now rather than at its next poll.
  useEffect(() => {
    if (calls.alarms > 0) void refetch({ cancelRefetch: false });
  }, [calls.alarms, refetch]);

  const wasDown = useRef(false);
  const reachable = info.data?.adminReachable;
  useEffect(() => {
    if (reachable === false) wasDown.current = true;
    if (reachable === true && wasDown.current) {
      wasDown.current = false;
      void queryClient.invalidateQueries();
    }
  }, [reachable, queryClient]);

  const retry = <Button onClick={() => void refetch()}>Retry now</Button>;
  switch (status.kind) {
    case "ok":
      return null;
    case "server-down":
      return (
        <Banner tone="error" title="The console's server is not answering" testId="connection-banner" action={retry}>
          Check your network; this page retries by itself.
        </Banner>
      );
    case "unreachable":
      return (
        <Banner tone="error" title="FlyteAdmin is unreachable" testId="connection-banner" action={retry}>
          {status.error}
          <span className="block opacity-80">
            Nothing on this page can load or change until it is back. Retrying every 2 s; the page refreshes by itself when it
            answers. {TELL}
          </span>
        </Banner>
      );
    case "slow":
      return (
        <Banner tone="warning" title="FlyteAdmin is slow" testId="connection-banner">
          {status.probeMillis !== undefined
            ? `The console's check waited ${(status.probeMillis / 1000).toFixed(1)} s for it.`
            : `A request has waited more than ${SLOW_CALL_MS / 1000} s for it.`}
          <span className="block opacity-80">
            Pages and actions take longer, but nothing is lost: no need to reload or click again. This goes away when it answers
            quickly. {TELL}
          </span>
        </Banner>
      );
  }
}

/** A small marker in the header when the console runs against its embedded sandbox. */
export function BackendBadge() {
  const info = useConsoleInfo();
  if (info.data?.backendKind !== "sandbox") return null;
  return (
    <span
      title="Running against the embedded sandbox, not a Flyte cluster"
      className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900"
    >
      sandbox
    </span>
  );
}
