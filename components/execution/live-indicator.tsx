"use client";

import type { LiveStatus } from "@/lib/query/live-execution";
import { useNow } from "@/components/ui/use-now";

const TEXT: Record<Exclude<LiveStatus, "done">, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  stopped: "Not live",
};

/** Mounted when a wait starts, so its clock starts then too. */
function RetryCountdown({ retryAt }: { retryAt: number }) {
  const now = useNow(1_000);
  const seconds = Math.ceil((retryAt - now) / 1000);
  return <>{seconds > 0 ? `Reconnecting in ${seconds} s` : TEXT.reconnecting}</>;
}

/** Whether the page is receiving live updates; `data-status` is the LiveStatus (an automation hook). */
export function LiveIndicator({ status, error, retryAt }: { status: LiveStatus; error: string; retryAt?: number }) {
  if (status === "done") return null;
  const live = status === "live";
  return (
    <span
      data-testid="live-status"
      data-status={status}
      title={error || "Updates arrive as they happen"}
      className={`inline-flex items-center gap-1 text-xs ${live ? "text-emerald-700" : "text-amber-700"}`}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${live ? "animate-pulse bg-emerald-500" : "bg-amber-500"}`} />
      {status === "reconnecting" && retryAt !== undefined ? <RetryCountdown retryAt={retryAt} /> : TEXT[status]}
    </span>
  );
}
