"use client";

import { useEffect, useState } from "react";

/**
 * The current time, refreshed every `intervalMs` while `active` (for ticking durations). `startAt`: the time
 * to show until the first tick instead of the clock's, e.g. the server's render time, so that text rendered
 * on the server and hydrated in the browser agrees.
 */
export function useNow(intervalMs = 1_000, active = true, startAt?: number): number {
  const [now, setNow] = useState(() => startAt ?? Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, active]);
  return now;
}
