"use client";

// Times relative to now differ between the server's render and the browser's hydration (another
// clock, another second), which React reports as error #418 and then re-renders the whole tree.
// The server and the hydrating browser render the stable UTC form; the relative one follows at once.
import { formatRelative, formatTimestampUtc } from "@/lib/flyte/time";
import { useHydrated } from "@/lib/query/hydrated";

/** "5 minutes ago" once hydrated, the UTC time before; the exact time is always the tooltip. */
export function RelativeTime({ ms, now, className }: { ms: number | undefined; now: number | undefined; className?: string }) {
  const hydrated = useHydrated();
  if (ms === undefined) return <span className={className}>—</span>;
  const exact = formatTimestampUtc(ms);
  return (
    <time dateTime={new Date(ms).toISOString()} title={exact} className={className}>
      {hydrated && now !== undefined ? formatRelative(ms, now) : exact}
    </time>
  );
}
