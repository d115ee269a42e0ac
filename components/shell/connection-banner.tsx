"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import { useQuery } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { consoleInfoInterval, getConsoleInfo } from "@/lib/query/console";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";

/**
 * Watches whether FlyteAdmin answers. While it does not, a banner says so; when it
 * comes back, every query on the page refetches, so the page recovers by itself.
 */
export function ConnectionBanner() {
  const queryClient = useQueryClient();
  const info = useQuery(getConsoleInfo, {}, {
    refetchInterval: (q) => consoleInfoInterval(q.state.data?.adminReachable),
    refetchIntervalInBackground: true,
    retry: false,
  });
  const reachable = info.data?.adminReachable;
  const wasDown = useRef(false);

  useEffect(() => {
    if (reachable === false) wasDown.current = true;
    if (reachable === true && wasDown.current) {
      wasDown.current = false;
      void queryClient.invalidateQueries();
    }
  }, [reachable, queryClient]);

  // Not signed in is the session banner's to say (SessionBanner), not a connection problem.
  if (info.isError && ConnectError.from(info.error).code !== Code.Unauthenticated) {
    return (
      <Banner
        tone="error"
        title="The console's server is not answering"
        testId="connection-banner"
        action={<Button onClick={() => void info.refetch()}>Retry now</Button>}
      >
        Check your network; this page retries by itself.
      </Banner>
    );
  }
  if (reachable !== false) return null;
  return (
    <Banner
      tone="error"
      title="FlyteAdmin is unreachable"
      testId="connection-banner"
      action={<Button onClick={() => void info.refetch()}>Retry now</Button>}
    >
      {info.data?.adminError}
      <span className="block opacity-80">Retrying every few seconds; the page refreshes when it is back.</span>
    </Banner>
  );
}

/** A small marker in the header when the console runs against its embedded sandbox. */
export function BackendBadge() {
  const info = useQuery(getConsoleInfo, {}, { retry: false });
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
