"use client";

import { useEffect, useState } from "react";
import type { LayoutInput } from "@/lib/flyte/graph/layout-input";
import type { Layout } from "./layout";

// Layouts by key (closure hash + open groups): phase changes and revisits never lay out again.
const cache = new Map<string, Layout>();
const MAX_CACHED = 20;

let worker: Worker | undefined;
const waiting = new Map<string, ((l: Layout) => void)[]>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ layout: Layout }>) => {
      const { layout } = event.data;
      cache.set(layout.key, layout);
      if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
      for (const resolve of waiting.get(layout.key) ?? []) resolve(layout);
      waiting.delete(layout.key);
    };
  }
  return worker;
}

function requestLayout(input: LayoutInput): Promise<Layout> {
  const hit = cache.get(input.key);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve) => {
    const list = waiting.get(input.key);
    if (list) return list.push(resolve);
    waiting.set(input.key, [resolve]);
    layoutWorker().postMessage(input);
  });
}

/** The layout of `input`, computed in a web worker; undefined until it is ready. */
export function useLayout(input: LayoutInput | undefined): Layout | undefined {
  const [layout, setLayout] = useState<Layout | undefined>(() => (input ? cache.get(input.key) : undefined));
  useEffect(() => {
    if (!input) return;
    let current = true;
    void requestLayout(input).then((l) => current && setLayout(l));
    return () => {
      current = false;
    };
  }, [input]);
  return layout && input && layout.key === input.key ? layout : input ? cache.get(input.key) : undefined;
}
