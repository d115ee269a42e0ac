"use client";

import { useSyncExternalStore } from "react";

/**
 * A map whose readers subscribe per key: replacing the map notifies only the keys whose
 * value changed (by identity). One phase change re-renders one DAG node, not the graph.
 */
export class KeyedStore<V> {
  private values: ReadonlyMap<string, V>;
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly wholeMapListeners = new Set<(prev: ReadonlyMap<string, V>, next: ReadonlyMap<string, V>) => void>();

  constructor(initial: ReadonlyMap<string, V> = new Map()) {
    this.values = initial;
  }

  get = (key: string): V | undefined => this.values.get(key);

  all = (): ReadonlyMap<string, V> => this.values;

  replace(next: ReadonlyMap<string, V>) {
    const prev = this.values;
    this.values = next;
    for (const [key, set] of this.listeners) {
      if (prev.get(key) !== next.get(key)) for (const l of set) l();
    }
    for (const l of this.wholeMapListeners) l(prev, next);
  }

  /** Told of every replacement with both maps: for a reader that draws thousands of keys without a subscription each. */
  subscribeAll(listener: (prev: ReadonlyMap<string, V>, next: ReadonlyMap<string, V>) => void): () => void {
    this.wholeMapListeners.add(listener);
    return () => void this.wholeMapListeners.delete(listener);
  }

  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }
}

export function useKeyed<V>(store: KeyedStore<V>, key: string): V | undefined {
  return useSyncExternalStore(
    (cb) => store.subscribe(key, cb),
    () => store.get(key),
    () => store.get(key),
  );
}
