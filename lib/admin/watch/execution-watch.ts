// One upstream poll loop for one execution, shared by every viewer of it whatever their credentials.
// It polls with one viewer's credentials and hands data only to viewers whose own credentials FlyteAdmin
// accepted within the access recheck interval (access.ts). Each poll asks only for what FlyteAdmin wrote
// since shortly before the previous poll started (node-sweep.ts); once the execution is terminal one final
// sweep is sent and the loop stops. What it knows, and what it tells whom, is in watch-state.ts.
import { Code, type ConnectError } from "@connectrpc/connect";
import { sleep } from "@/lib/async/sleep";
import { SIGN_IN_MESSAGES } from "../credentials";
import { upstreamError } from "../errors";
import { outsideRequest } from "../log";
import { metrics } from "../metrics";
import { unauthenticated, withSignIn } from "../session/sign-in";
import type { Upstream } from "../upstream";
import { AccessChecks, credentialKey } from "./access";
import { sweepNodes } from "./node-sweep";
import { NO_NEWS, WatchState, type WatchUpdate } from "./watch-state";

export type { WatchUpdate } from "./watch-state";

export type ExecutionRef = { project: string; domain: string; name: string };

/** Polls in a row that found nothing before the loop starts asking less often. */
export const QUIET_POLLS_BEFORE_SLOWING = 4;

/**
 * How long to wait before the next poll. Polls start an interval apart, however long each took, so a change
 * waits at most one interval (plus the poll that finds it) to be seen; a poll slower than the interval is
 * still followed by a pause (a third of it), so a slow FlyteAdmin is not asked back to back.
 *
 * The interval adapts: while the execution changes, polls start `intervalMs` apart, so live colours follow
 * within about that; once QUIET_POLLS_BEFORE_SLOWING polls in a row found nothing (a long task running),
 * each further quiet poll doubles it, up to `idleIntervalMs`, and the first change brings it back. FlyteAdmin
 * is asked often only while there is news. After failures the wait backs off from the end of the last one.
 */
export function nextPollDelay(
  options: Pick<WatchOptions, "intervalMs" | "idleIntervalMs" | "maxBackoffMs">,
  failures: number,
  tookMs: number,
  quietPolls = 0,
): number {
  if (failures > 0) return Math.min(options.intervalMs * 2 ** failures, options.maxBackoffMs);
  const slowing = Math.max(0, quietPolls - QUIET_POLLS_BEFORE_SLOWING + 1);
  const interval = Math.max(options.intervalMs, Math.min(options.intervalMs * 2 ** slowing, options.idleIntervalMs));
  return Math.max(interval / 3, interval - tookMs);
}

/** Upstream answers that end a viewer's stream (those of the credentials that got them) instead of being retried. */
const ENDS_STREAM = new Set([Code.Unauthenticated, Code.PermissionDenied, Code.NotFound]);

export interface WatchOptions {
  /** Polls start this far apart while the execution changes. */
  intervalMs: number;
  /** ...and up to this far apart while it does not (nextPollDelay). */
  idleIntervalMs: number;
  maxBackoffMs: number;
  /** The next poll asks for what FlyteAdmin wrote since this many ms before the previous poll started. */
  overlapMs: number;
  pageSize: number;
  /** How often each viewer's own credentials are asked again (GetExecution). */
  accessRecheckMs: number;
}

export interface ViewerSpec {
  /** The viewer's credentials for FlyteAdmin (credentials.ts). */
  headers: Headers;
  /** When those credentials expire: the viewer's stream ends then, without asking FlyteAdmin. */
  expiresAtMs?: number;
  /** The cursor the viewer's client came back with; empty for none. */
  cursor: string;
  listener: (update: WatchUpdate) => void;
}

export interface Subscription {
  close(): void;
  /** Everything that changed after `cursor` (a snapshot when it cannot say), while the viewer may see data. */
  catchUp(cursor: string): WatchUpdate | undefined;
}

interface Viewer extends ViewerSpec {
  key: string;
  active: boolean;
  ended: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class ExecutionWatch {
  private readonly state = new WatchState();
  private readonly viewers = new Set<Viewer>();
  private readonly access: AccessChecks;
  /** The credentials the loop polls with. */
  private pollerKey?: string;
  private loop?: AbortController;
  /** What the next poll asks FlyteAdmin for: node executions with updated_at from here (its clock, not FlytePropeller's). */
  private sinceMs?: number;

  constructor(
    private readonly up: Upstream,
    private readonly id: ExecutionRef,
    private readonly options: WatchOptions,
    /** No viewer is left; `refused`: the last ones were refused, nothing is worth keeping. */
    private readonly onIdle: (refused: boolean) => void,
  ) {
    this.access = new AccessChecks(
      options.accessRecheckMs,
      async (headers) => void (await up.admin.getExecution({ id }, { headers, timeoutMs: up.config.deadlineMs })),
      (key, err) => this.accessAnswered(key, err),
    );
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** The execution is over and the final sweep was sent. */
  get terminal(): boolean {
    return this.state.terminal;
  }

  /** Needs a poll loop: someone watches an execution that is not over. */
  get busy(): boolean {
    return this.viewers.size > 0 && !this.terminal;
  }

  subscribe(spec: ViewerSpec): Subscription {
    const viewer: Viewer = { ...spec, key: credentialKey(spec.headers), active: false, ended: false };
    this.viewers.add(viewer);
    this.armExpiry(viewer);
    if (!viewer.ended) {
      if (this.access.valid(viewer.key)) this.activate(viewer);
      else if (this.terminal || (this.loop && viewer.key !== this.pollerKey)) this.access.check(viewer.key, viewer.headers);
      // Otherwise the loop's next poll uses these credentials, and answers for them.
      if (!this.loop && !this.terminal) {
        this.pollerKey = viewer.key;
        // The loop serves every viewer, so its logs are not this viewer's request's.
        void outsideRequest(() => this.run());
      }
    }
    return {
      close: () => this.remove(viewer, false),
      catchUp: (cursor) => (viewer.active && !viewer.ended && this.state.loaded ? this.state.since(cursor) : undefined),
    };
  }

  private armExpiry(viewer: Viewer) {
    if (viewer.expiresAtMs === undefined || viewer.ended) return;
    const left = viewer.expiresAtMs - Date.now();
    if (left <= 0) return this.end(viewer, unauthenticated(SIGN_IN_MESSAGES.expired, this.up.config.signIn));
    viewer.timer = setTimeout(() => this.armExpiry(viewer), Math.min(left, 2 ** 31 - 1));
    viewer.timer.unref?.();
  }

  private activate(viewer: Viewer) {
    if (viewer.active || viewer.ended) return;
    viewer.active = true;
    // Before the first poll there is nothing to send; the snapshot then goes to every active viewer.
    if (this.state.loaded) viewer.listener(this.state.since(viewer.cursor));
  }

  private remove(viewer: Viewer, refused: boolean) {
    if (!this.viewers.delete(viewer)) return;
    viewer.ended = true;
    clearTimeout(viewer.timer);
    if (![...this.viewers].some((v) => v.key === viewer.key)) this.access.forget(viewer.key);
    if (this.viewers.size === 0) {
      this.loop?.abort();
      this.loop = undefined;
      this.onIdle(refused);
    }
  }

  private end(viewer: Viewer, error: ConnectError) {
    if (viewer.ended) return;
    viewer.listener({ ...NO_NEWS, cursor: "", end: error });
    this.remove(viewer, true);
  }

  private endAll(key: string, error: ConnectError) {
    for (const v of [...this.viewers]) if (v.key === key) this.end(v, error);
  }

  private accessAnswered(key: string, err: unknown) {
    const outcome = err === undefined ? "ok" : upstreamError(err, this.up.config.endpoint, this.up.config.tls);
    metrics().watchAccessChecks.inc({ code: outcome === "ok" ? "ok" : Code[outcome.code] });
    if (outcome === "ok") {
      for (const v of [...this.viewers]) if (v.key === key) this.activate(v);
      return;
    }
    if (ENDS_STREAM.has(outcome.code)) return this.endAll(key, withSignIn(outcome, this.up.config.signIn));
    // FlyteAdmin could not say: viewers already in keep their access until the next recheck; new ones end with the
    // error and come back (the client backs off on retryable codes), rather than being asked for at every poll.
    const members = [...this.viewers].filter((v) => v.key === key);
    if (members.some((v) => v.active)) this.access.succeeded(key);
    else for (const v of members) this.end(v, outcome);
  }

  /** The next poll's credentials: the current poller's while it may see data, else another viewer's who may. */
  private pickPoller(): Viewer | undefined {
    const live = [...this.viewers].filter((v) => !v.ended);
    const pool = live.some((v) => v.active) ? live.filter((v) => v.active) : live;
    const pick = pool.find((v) => v.key === this.pollerKey) ?? pool[0];
    this.pollerKey = pick?.key;
    return pick;
  }

  private emit(update: WatchUpdate) {
    for (const v of [...this.viewers]) if (v.active && !v.ended) v.listener(update);
  }

  private emitError() {
    // Carries no data, so viewers still being checked hear of the outage too (at the cursor they came with).
    for (const v of [...this.viewers]) {
      if (!v.ended) v.listener({ ...NO_NEWS, upstreamError: this.state.error, cursor: v.active ? this.state.cursor : v.cursor });
    }
  }

  private async run() {
    const abort = new AbortController();
    this.loop = abort;
    const loops = metrics().watchPollLoops;
    loops.inc();
    try {
      let failures = 0;
      let quietPolls = 0;
      while (!abort.signal.aborted && !this.terminal) {
        const poller = this.pickPoller();
        if (!poller) return;
        const startedAt = performance.now();
        try {
          const news = await this.poll(poller.headers, abort.signal);
          quietPolls = news ? 0 : quietPolls + 1;
          failures = 0;
          this.access.succeeded(poller.key);
          for (const v of [...this.viewers]) if (v.key === poller.key) this.activate(v);
        } catch (err) {
          if (abort.signal.aborted) return;
          const ce = upstreamError(err, this.up.config.endpoint, this.up.config.tls);
          if (ENDS_STREAM.has(ce.code)) {
            // These credentials are refused: their viewers go, the loop goes on with another's at once.
            this.endAll(poller.key, withSignIn(ce, this.up.config.signIn));
            continue;
          }
          failures++;
          this.state.error = ce.rawMessage;
          this.emitError();
        }
        if (this.terminal) return;
        this.recheckOthers(poller.key);
        const delay = nextPollDelay(this.options, failures, performance.now() - startedAt, quietPolls);
        await sleep(delay, abort.signal);
      }
    } finally {
      if (this.loop === abort) this.loop = undefined;
      loops.dec();
    }
  }

  /** Asks FlyteAdmin with every other viewer's credentials whose last check is older than the recheck interval. */
  private recheckOthers(pollerKey: string) {
    const asked = new Set([pollerKey]);
    for (const v of [...this.viewers]) {
      if (v.ended || asked.has(v.key)) continue;
      asked.add(v.key);
      if (this.access.due(v.key)) this.access.check(v.key, v.headers);
    }
  }

  /** One poll; whether it found anything new. */
  private async poll(headers: Headers, signal: AbortSignal): Promise<boolean> {
    // FlyteAdmin stamps updated_at with its own clock when it writes; the BFF's clock at the start of this poll,
    // less the overlap, is before every write this poll may not see, give or take the skew between the two clocks.
    const startedAtMs = Date.now();
    const execution = await this.up.admin.getExecution({ id: this.id }, { headers, timeoutMs: this.up.config.deadlineMs, signal });
    const changed = await sweepNodes({ up: this.up, id: this.id, headers, pageSize: this.options.pageSize, signal }, this.state.sweep, this.sinceMs);
    this.sinceMs = startedAtMs - this.options.overlapMs;
    const update = this.state.polled(execution, changed);
    if (update) this.emit(update);
    return !!update;
  }
}
