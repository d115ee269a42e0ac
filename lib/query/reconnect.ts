// When and how soon the browser reconnects a live stream that broke. Pure: no I/O, no React.
import { Code } from "@connectrpc/connect";

/**
 * Codes a new attempt may cure: the BFF or a proxy in between restarted, timed out, shed load, or
 * the connection dropped (a network error surfaces as Unknown). Anything else (signed out, not
 * allowed, not found, a bad request, a BFF that does not know the call) gets the same answer again.
 */
const RETRYABLE_CODES = new Set<Code>([
  Code.Unavailable,
  Code.DeadlineExceeded,
  Code.ResourceExhausted,
  Code.Aborted,
  Code.Internal,
  Code.Unknown,
]);

export function isRetryable(code: Code): boolean {
  return RETRYABLE_CODES.has(code);
}

export interface Backoff {
  baseMs: number;
  capMs: number;
}

/**
 * A page may stay open for hours, and every open page reconnects when a console replica restarts:
 * full jitter spreads those reconnects out instead of having them arrive in waves.
 */
export const WATCH_BACKOFF: Backoff = { baseMs: 500, capMs: 15_000 };

/**
 * How long to wait before attempt `failures + 1` (`failures` ≥ 1 consecutive failed attempts):
 * uniformly random in [0, min(cap, base · 2^(failures−1))), "full jitter".
 */
export function backoffDelay(failures: number, backoff: Backoff = WATCH_BACKOFF, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}
