// Decoded rows of the executor's hot tables, reused while the row's `rev` is unchanged: the
// loop reads every node and task execution of each running execution on every tick, and
// decoding them dominates otherwise. The database stays the only truth; this only saves work.
import type { Db } from "./db";

export class RowCache<T> {
  private readonly entries = new Map<number, { rev: number; value: T }>();

  constructor(private readonly max = 200_000) {}

  /** The cached value, or `load()`'s (then cached) when the row changed since. */
  get(id: number, rev: number, load: () => T): T {
    const hit = this.entries.get(id);
    if (hit && hit.rev === rev) return hit.value;
    const value = load();
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(id, { rev, value });
    return value;
  }
}

const caches = new WeakMap<Db, Map<string, RowCache<unknown>>>();

export function rowCache<T>(db: Db, name: string): RowCache<T> {
  let byName = caches.get(db);
  if (!byName) {
    byName = new Map();
    caches.set(db, byName);
  }
  let cache = byName.get(name);
  if (!cache) {
    cache = new RowCache<unknown>();
    byName.set(name, cache);
  }
  return cache as RowCache<T>;
}
