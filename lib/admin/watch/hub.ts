// Every viewer of an execution shares one ExecutionWatch, whatever their credentials: fifty viewers cost
// FlyteAdmin one poll loop plus one access check each per recheck interval, and no one sees data their own
// credentials could not read (execution-watch.ts, access.ts).
import { Code, ConnectError } from "@connectrpc/connect";
import { executionKey } from "@/lib/flyte/ids";
import { log } from "../log";
import { metrics } from "../metrics";
import type { Upstream } from "../upstream";
import { ExecutionWatch, type ExecutionRef, type Subscription, type ViewerSpec, type WatchOptions } from "./execution-watch";
import { NO_NEWS, type WatchUpdate } from "./watch-state";

export interface HubOptions extends WatchOptions {
  /** A stream with nothing to say for this long sends a heartbeat. */
  heartbeatMs: number;
  /** Most executions followed at once (watches with a running loop). */
  maxLoops: number;
  /** How long an unwatched execution's state is kept, so a reload or a reconnect resumes instead of starting over. */
  lingerMs?: number;
  /** A stream whose reader falls this far behind (queued messages, or node executions in them) is caught up in one message. */
  maxQueuedMessages?: number;
  maxQueuedNodes?: number;
}

export const LINGER_MS = 30_000;

export type StreamViewer = Omit<ViewerSpec, "listener">;

export class WatchHub {
  private readonly watches = new Map<string, ExecutionWatch>();

  constructor(
    private readonly up: Upstream,
    private readonly options: HubOptions,
  ) {}

  get activeWatches(): number {
    return this.watches.size;
  }

  /** Watches that need a poll loop: the number FLYTE_CONSOLE_WATCH_MAX_LOOPS caps. */
  get busyWatches(): number {
    let n = 0;
    for (const w of this.watches.values()) if (w.busy) n++;
    return n;
  }

  subscribe(id: ExecutionRef, viewer: ViewerSpec): Subscription {
    const key = executionKey(id);
    let watch = this.watches.get(key);
    // Viewers of an execution already followed, or already over, cost no new loop.
    if (!watch?.busy && !watch?.terminal && this.busyWatches >= this.options.maxLoops) {
      log().warn({ maxLoops: this.options.maxLoops }, "live updates refused: the console follows as many executions as FLYTE_CONSOLE_WATCH_MAX_LOOPS allows");
      throw new ConnectError(
        `The console is following ${this.options.maxLoops} executions already, as many as FLYTE_CONSOLE_WATCH_MAX_LOOPS allows; ` +
          "live updates of this one start when others close (reload later)",
        Code.ResourceExhausted,
      );
    }
    if (!watch) {
      const created: ExecutionWatch = new ExecutionWatch(this.up, id, this.options, (refused) => {
        const forget = () => {
          if (this.watches.get(key) === created && created.viewerCount === 0) this.watches.delete(key);
        };
        // Refused viewers leave nothing worth keeping: the next viewer starts afresh.
        if (refused) return forget();
        setTimeout(forget, this.options.lingerMs ?? LINGER_MS).unref?.();
      });
      watch = created;
      this.watches.set(key, watch);
    }
    const subscription = watch.subscribe(viewer);
    const streams = metrics().watchStreamsOpen;
    streams.inc();
    let open = true;
    return {
      catchUp: subscription.catchUp,
      close: () => {
        if (!open) return;
        open = false;
        streams.dec();
        subscription.close();
      },
    };
  }

  /** One viewer's server stream: its updates, heartbeats while nothing changes; ends after a terminal update, throws an ending one's error. */
  updates(id: ExecutionRef, viewer: StreamViewer, signal: AbortSignal): AsyncGenerator<WatchUpdate> {
    return updatesOf((listener) => this.subscribe(id, { ...viewer, listener }), signal, {
      heartbeatMs: this.options.heartbeatMs,
      cursor: viewer.cursor,
      maxQueuedMessages: this.options.maxQueuedMessages ?? 100,
      maxQueuedNodes: this.options.maxQueuedNodes ?? 10_000,
    });
  }

  /**
   * The snapshot a new stream would start with, for a viewer that leaves as soon as it has it: a server-rendered
   * page hands it to the browser, whose stream then resumes from its cursor while the watch lingers. The same
   * rules as a stream's: the viewer's own credentials are checked, and a new watch counts against maxLoops.
   * Undefined when `signal` aborts first; throws what the viewer's stream would have ended with.
   */
  async snapshot(id: ExecutionRef, viewer: Omit<StreamViewer, "cursor">, signal: AbortSignal): Promise<WatchUpdate | undefined> {
    for await (const u of this.updates(id, { ...viewer, cursor: "" }, signal)) if (u.snapshot) return u;
    return undefined;
  }
}

export interface StreamOptions {
  heartbeatMs: number;
  /** The cursor the client came with: what a heartbeat carries before the first message. */
  cursor: string;
  maxQueuedMessages: number;
  maxQueuedNodes: number;
}

/**
 * Turns pushed updates into an async iterable for a server stream. A reader slower than the updates
 * (a stalled tab, a slow link) does not grow the queue without bound: past the limits its queue is
 * dropped and it gets one message with everything that changed since the last one it took.
 */
export async function* updatesOf(
  subscribe: (listener: (u: WatchUpdate) => void) => Subscription,
  signal: AbortSignal,
  options: StreamOptions,
): AsyncGenerator<WatchUpdate> {
  const queue: WatchUpdate[] = [];
  let queuedNodes = 0;
  let behind = false;
  let ending: ConnectError | undefined;
  let wake: (() => void) | undefined;
  const subscription = subscribe((u) => {
    if (u.end) ending = u.end;
    else if (!behind) {
      queue.push(u);
      queuedNodes += u.nodeExecutions.length;
      if (queue.length > 1 && (queue.length > options.maxQueuedMessages || queuedNodes > options.maxQueuedNodes)) {
        queue.length = 0;
        queuedNodes = 0;
        behind = true;
        metrics().watchCatchUps.inc();
      }
    }
    wake?.();
  });
  let cursor = options.cursor;
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  try {
    while (!signal.aborted) {
      if (ending) throw ending;
      let next: WatchUpdate | undefined;
      if (behind) {
        behind = false;
        next = subscription.catchUp(cursor);
      } else if (queue.length) {
        next = queue.shift()!;
        queuedNodes -= next.nodeExecutions.length;
      } else {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const woke = await new Promise<boolean>((resolve) => {
          wake = () => resolve(true);
          timer = setTimeout(() => resolve(false), options.heartbeatMs);
        });
        clearTimeout(timer);
        wake = undefined;
        if (woke || signal.aborted) continue;
        next = { ...NO_NEWS, cursor, heartbeat: true };
      }
      if (!next) continue;
      if (next.cursor) cursor = next.cursor;
      yield next;
      if (next.terminal) return;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    subscription.close();
  }
}
