// Every viewer of an execution shares one ExecutionWatch per set of credentials, so
// fifty viewers cost FlyteAdmin what one costs, and no one sees data through another's token.

import { executionKey } from "@/lib/flyte/ids";
import { metrics } from "../metrics";
import type { Upstream } from "../upstream";
import { ExecutionWatch, type ExecutionRef, type WatchOptions, type WatchUpdate } from "./execution-watch";

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

  subscribe(id: ExecutionRef, headers: Headers, listener: (u: WatchUpdate) => void): () => void {
    const key = `${executionKey(id)}\u0000${headers.get("authorization") ?? ""}`;
    let watch = this.watches.get(key);
    if (!watch) {
      const created = new ExecutionWatch(this.up, id, headers, this.options, () => {
        setTimeout(() => {
          if (created.listenerCount === 0 && this.watches.get(key) === created) this.watches.delete(key);
        }, LINGER_MS).unref?.();
      });
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

/** Turns pushed updates into an async iterable for a server stream; ends after a terminal update. */
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
        yield update;
        if (update.terminal) return;
      }
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    unsubscribe();
  }
}
