"use client";

import { formatRelative, formatTimestampUtc } from "@/lib/flyte/time";
import { useNow } from "./use-now";

/** Within this long of a refresh there is nothing to count: "just now". */
const JUST_NOW_MS = 5_000;

/** "Updated 12 seconds ago": how fresh a polled view's data is; ticks on its own, fetches nothing. */
export function LastRefreshed({ at }: { at: number }) {
  const now = useNow(1_000, at > 0);
  if (!at) return null;
  const text = now - at < JUST_NOW_MS ? "Updated just now" : `Updated ${formatRelative(at, now)}`;
  return (
    <time
      dateTime={new Date(at).toISOString()}
      data-testid="last-refreshed"
      title={`Last refreshed ${formatTimestampUtc(at)}`}
      className="whitespace-nowrap text-xs text-slate-500 tabular-nums"
      // The server renders it with its own clock: the browser's second may differ.
      suppressHydrationWarning
    >
      {text}
    </time>
  );
}
