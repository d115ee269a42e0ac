// ConsoleService.GetDashboardStats: the dashboard's counts, computed on the server. One computation
// pages through up to 40 ListExecutions, so it is guarded like a mutation (same origin), bounded
// (a deadline), rationed per caller, and shared: identical requests of one caller within a few
// seconds get the same answer, and concurrent ones the same computation.
import { createHash } from "node:crypto";
import { Code, ConnectError, type HandlerContext } from "@connectrpc/connect";
import type { GetDashboardStatsRequest, GetDashboardStatsResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { invalidWindow, type ChartWindow } from "@/lib/flyte/dashboard/stats";
import { statsToWire, windowFromWire } from "@/lib/flyte/dashboard/stats-wire";
import { credentialsFor, signInError } from "../credentials";
import { upstreamError } from "../errors";
import { checkSameOrigin } from "../origin";
import { withSignIn } from "../session/sign-in";
import type { Upstream } from "../upstream";
import { CallerCap } from "./caller-cap";
import { scanFilters, scanStats, type StatsRequest } from "./collect";

export interface DashboardStatsOptions {
  /** How long one computation may take (FLYTE_CONSOLE_STATS_DEADLINE_MS). */
  deadlineMs: number;
  maxConcurrentPerCaller: number;
  maxPerMinutePerCaller: number;
  /** How long an answer is served again to the same caller for the same request. */
  cacheTtlMs: number;
}

export const STATS_DEFAULTS = { maxConcurrentPerCaller: 3, maxPerMinutePerCaller: 30, cacheTtlMs: 10_000 };
const CACHE_MAX = 500;

export type DashboardStatsHandler = (req: GetDashboardStatsRequest, ctx: HandlerContext) => Promise<GetDashboardStatsResponse>;

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/** The window in whole buckets, so that requests a minute apart share one computation. */
function normalisedWindow(w: ChartWindow): ChartWindow {
  if (!(w.bucketMs > 0)) return w;
  return { fromMs: floorTo(w.fromMs, w.bucketMs), toMs: ceilTo(w.toMs, w.bucketMs), bucketMs: w.bucketMs };
}

function readRequest(req: GetDashboardStatsRequest): { stats: StatsRequest; filters: string } {
  if (!req.project || !req.domain) throw new ConnectError("project and domain are required", Code.InvalidArgument);
  if (!req.window) throw new ConnectError("window is required (start, end and bucket)", Code.InvalidArgument);
  const window = normalisedWindow(windowFromWire(req.window));
  const bad = invalidWindow(window);
  if (bad) throw new ConnectError(`invalid window: ${bad}`, Code.InvalidArgument);
  const stats = { project: req.project, domain: req.domain, filters: req.filters, window };
  try {
    return { stats, filters: scanFilters(stats) };
  } catch (err) {
    if (err instanceof FilterSyntaxError) throw new ConnectError(`invalid filters: ${err.message}`, Code.InvalidArgument);
    throw err;
  }
}

/** Who pays for a computation: the hash of the credentials sent upstream; without any, one shared "anonymous". */
function callerOf(headers: Headers): string {
  const authorization = headers.get("authorization");
  return authorization ? createHash("sha256").update(authorization).digest("base64url") : "anonymous";
}

interface Computation {
  at: number;
  result: Promise<GetDashboardStatsResponse>;
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

export function createDashboardStats(up: Upstream, opts: Partial<DashboardStatsOptions> = {}): DashboardStatsHandler {
  const o: DashboardStatsOptions = { ...STATS_DEFAULTS, deadlineMs: up.config.statsDeadlineMs, ...opts };
  const cap = new CallerCap({ maxConcurrent: o.maxConcurrentPerCaller, maxPerMinute: o.maxPerMinutePerCaller });
  const cache = new Map<string, Computation>();

  function compute(caller: string, headers: Headers, req: StatsRequest): Computation {
    const verdict = cap.tryStart(caller);
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      throw new ConnectError(`too many dashboard counts: ${verdict.reason}; retry in ${seconds} s`, Code.ResourceExhausted);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new ConnectError("deadline", Code.DeadlineExceeded)), o.deadlineMs);
    const computation: Computation = { at: Date.now(), result: scanStats(up, headers, req, abort.signal).then(statsToWire), waiters: 0, abort, done: false };
    computation.result = computation.result
      .catch((err: unknown) => {
        if (abort.signal.aborted && ConnectError.from(abort.signal.reason).code === Code.DeadlineExceeded) {
          throw new ConnectError(
            `the dashboard's counts took longer than ${o.deadlineMs / 1000} s: FlyteAdmin is slow or the window holds many executions; ` +
              "narrow the time range or the filters, or retry",
            Code.DeadlineExceeded,
          );
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

  return async (req, ctx) => {
    const origin = checkSameOrigin(ctx.requestHeader, ctx.url, up.config.trustedOrigins);
    if (!origin.ok) throw new ConnectError(origin.reason, Code.PermissionDenied);
    const { stats, filters } = readRequest(req);
    const credentials = credentialsFor(ctx.requestHeader, up.config);
    if (!credentials.ok) throw signInError(credentials, up.config.signIn);
    const caller = callerOf(credentials.headers);
    // The scan's filters hold the normalised window; the caller's hash keeps answers from crossing users.
    const key = JSON.stringify([caller, stats.project, stats.domain, filters, stats.window.bucketMs]);

    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || now - entry.at >= o.cacheTtlMs) {
      if (entry) cache.delete(key);
      cap.prune(now);
      entry = compute(caller, credentials.headers, stats);
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
        current.abort.abort(new ConnectError("no one is waiting for these counts", Code.Canceled));
        if (cache.get(key) === current) cache.delete(key);
      }
    }
  };
}
