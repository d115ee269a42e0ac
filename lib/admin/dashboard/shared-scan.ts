// What every console aggregate that pages through ListExecutions needs (GetDashboardStats,
// GetFailureGroups): it is guarded like a mutation (same origin), bounded (a deadline), rationed per
// caller, and shared: identical requests of one caller within a few seconds get the same answer, and
// concurrent ones the same computation, which stops once no one waits for it.
import { createHash } from "node:crypto";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import { credentialsFor, signInError } from "../credentials";
import { upstreamError } from "../errors";
import { checkSameOrigin } from "../origin";
import { withSignIn } from "../session/sign-in";
import type { Upstream } from "../upstream";
import { CallerCap } from "./caller-cap";

export interface SharedScanOptions {
  /** How long one computation may take (FLYTE_CONSOLE_STATS_DEADLINE_MS). */
  deadlineMs: number;
  maxConcurrentPerCaller: number;
  maxPerMinutePerCaller: number;
  /** How long an answer is served again to the same caller for the same request. */
  cacheTtlMs: number;
}

export const SCAN_DEFAULTS = { maxConcurrentPerCaller: 3, maxPerMinutePerCaller: 30, cacheTtlMs: 10_000 };
const CACHE_MAX = 500;

/** How a kind of scan speaks of itself in its errors. */
export interface ScanWords {
  /** Plural, as in "too many dashboard counts". */
  noun: string;
  /** What to do when it took too long, after "took longer than N s: ". */
  whenSlow: string;
}

/** One request, read and checked (throwing InvalidArgument), as the scan it asks for. */
export interface ScanRequest<T> {
  /** Equal for requests one answer serves (the caller is added). */
  key: unknown[];
  run: (headers: Headers, signal: AbortSignal) => Promise<T>;
}

export type SharedScan<T> = (ctx: HandlerContext, read: () => ScanRequest<T>) => Promise<T>;

/** Who pays for a computation: the hash of the credentials sent upstream; without any, one shared "anonymous". */
function callerOf(headers: Headers): string {
  const authorization = headers.get("authorization");
  return authorization ? createHash("sha256").update(authorization).digest("base64url") : "anonymous";
}

interface Computation<T> {
  at: number;
  result: Promise<T>;
  waiters: number;
  abort: AbortController;
  done: boolean;
}

/** Waits for `p`, or rejects when the caller goes away (its request's signal). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(ConnectError.from(signal.reason, Code.Canceled));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(ConnectError.from(signal.reason, Code.Canceled));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function createSharedScan<T>(up: Upstream, words: ScanWords, opts: Partial<SharedScanOptions> = {}): SharedScan<T> {
  const o: SharedScanOptions = { ...SCAN_DEFAULTS, deadlineMs: up.config.statsDeadlineMs, ...opts };
  const cap = new CallerCap({ maxConcurrent: o.maxConcurrentPerCaller, maxPerMinute: o.maxPerMinutePerCaller, noun: words.noun });
  const cache = new Map<string, Computation<T>>();

  function compute(caller: string, headers: Headers, run: ScanRequest<T>["run"]): Computation<T> {
    const verdict = cap.tryStart(caller);
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      throw new ConnectError(`too many ${words.noun}: ${verdict.reason}; retry in ${seconds} s`, Code.ResourceExhausted);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new ConnectError("deadline", Code.DeadlineExceeded)), o.deadlineMs);
    const computation: Computation<T> = { at: Date.now(), result: run(headers, abort.signal), waiters: 0, abort, done: false };
    computation.result = computation.result
      .catch((err: unknown) => {
        if (abort.signal.aborted && ConnectError.from(abort.signal.reason).code === Code.DeadlineExceeded) {
          throw new ConnectError(`the ${words.noun} took longer than ${o.deadlineMs / 1000} s: ${words.whenSlow}`, Code.DeadlineExceeded);
        }
        throw withSignIn(upstreamError(err, up.config.endpoint, up.config.tls), up.config.signIn);
      })
      .finally(() => {
        clearTimeout(timer);
        verdict.release();
        computation.done = true;
      });
    return computation;
  }

  return async (ctx, read) => {
    const origin = checkSameOrigin(ctx.requestHeader, ctx.url, up.config.trustedOrigins);
    if (!origin.ok) throw new ConnectError(origin.reason, Code.PermissionDenied);
    const request = read();
    const credentials = credentialsFor(ctx.requestHeader, up.config);
    if (!credentials.ok) throw signInError(credentials, up.config.signIn);
    const caller = callerOf(credentials.headers);
    // The caller's hash keeps answers from crossing users.
    const key = JSON.stringify([caller, ...request.key]);

    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || now - entry.at >= o.cacheTtlMs) {
      if (entry) cache.delete(key);
      cap.prune(now);
      entry = compute(caller, credentials.headers, request.run);
      const mine = entry;
      cache.set(key, mine);
      mine.result.catch(() => cache.get(key) === mine && cache.delete(key));
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
    }

    const current = entry;
    current.waiters++;
    try {
      return await untilAborted(current.result, ctx.signal);
    } finally {
      current.waiters--;
      // Everyone who asked went away (a filter changed, the tab closed): stop paging FlyteAdmin for no one.
      if (current.waiters === 0 && !current.done) {
        current.abort.abort(new ConnectError(`no one is waiting for these ${words.noun}`, Code.Canceled));
        if (cache.get(key) === current) cache.delete(key);
      }
    }
  };
}
