"use client";

import type { LiveStatus } from "@/lib/query/live-execution";
import { useNow } from "@/components/ui/use-now";

function label(status: LiveStatus, retryInMs: number): string {
  if (status === "live") return "Live";
  if (status === "connecting") return "Connecting…";
  if (status === "stopped") return "Not live";
  return retryInMs > 0 ? `Reconnecting in ${Math.ceil(retryInMs / 1000)} s` : "Reconnecting…";
}

/** Whether the page is receiving live updates; `data-status` is the LiveStatus (an automation hook). */
export function LiveIndicator({ status, error, retryAt }: { status: LiveStatus; error: string; retryAt?: number }) {
  const waiting = status === "reconnecting" && retryAt !== undefined;
  const now = useNow(1_000, waiting);
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
      {label(status, waiting ? retryAt - now : 0)}
    </span>
  );
}
