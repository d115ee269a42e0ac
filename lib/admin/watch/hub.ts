// Every viewer of an execution shares one ExecutionWatch per set of credentials, so
// fifty viewers cost FlyteAdmin what one costs, and no one sees data through another's token.

import { executionKey } from "@/lib/flyte/ids";
import { metrics } from "../metrics";
import type { Upstream } from "../upstream";
import { ExecutionWatch, type ExecutionRef, type WatchOptions, type WatchSession, type WatchUpdate } from "./execution-watch";

/** How long an unwatched execution's state is kept, so a reload does not start from nothing. */
const LINGER_MS = 30_000;

export class WatchHub {
  private readonly watches = new Map<string, ExecutionWatch>();

  constructor(
    private readonly up: Upstream,
    private readonly options: WatchOptions,
  ) {}

  get activeWatches(): number {
    return this.watches.size;
  }

  /** `session.expiresAtMs`: when the credentials in `headers` expire (credentials.ts). */
  subscribe(id: ExecutionRef, headers: Headers, listener: (u: WatchUpdate) => void, session: Pick<WatchSession, "expiresAtMs"> = {}): () => void {
    const key = `${executionKey(id)}\u0000${headers.get("authorization") ?? ""}`;
    let watch = this.watches.get(key);
    if (!watch) {
      const forget = () => {
        if (this.watches.get(key) === created) this.watches.delete(key);
      };
      const created: ExecutionWatch = new ExecutionWatch(
        this.up,
        id,
        headers,
        this.options,
        () => {
          setTimeout(() => {
            if (created.listenerCount === 0) forget();
          }, LINGER_MS).unref?.();
        },
        // An ended watch is forgotten at once: the next viewer (signed in again, say) starts afresh.
        { expiresAtMs: session.expiresAtMs, onEnd: forget },
      );
      watch = created;
      this.watches.set(key, watch);
    }
    const unsubscribe = watch.subscribe(listener);
    const streams = metrics().watchStreamsOpen;
    streams.inc();
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      streams.dec();
      unsubscribe();
    };
  }
}

/** Turns pushed updates into an async iterable for a server stream; ends after a terminal update, throws an ending one's error. */
export async function* updatesOf(
  subscribe: (listener: (u: WatchUpdate) => void) => () => void,
  signal: AbortSignal,
): AsyncGenerator<WatchUpdate> {
  const queue: WatchUpdate[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = subscribe((u) => {
    queue.push(u);
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  try {
    while (!signal.aborted) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      while (queue.length) {
        const update = queue.shift()!;
        if (update.end) throw update.end;
        yield update;
        if (update.terminal) return;
      }
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    unsubscribe();
  }
}
