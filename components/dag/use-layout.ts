"use client";

import { useEffect, useState } from "react";
import type { LayoutInput } from "@/lib/flyte/graph/layout-input";
import type { Layout } from "@/lib/flyte/graph/layout";
import { readStoredLayout, storeLayout } from "./stored-layouts";

// Layouts by key (closure hash + open groups): phase changes and revisits never lay out again. In memory for
// this page's life, and in IndexedDB (stored-layouts.ts) for the next visit.
const cache = new Map<string, Layout>();
const MAX_CACHED = 20;

function remember(layout: Layout) {
  cache.set(layout.key, layout);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

/**
 * A layout computed elsewhere (initialLayout on the server, sent with the page): the graph whose key it carries
 * draws at once, without the worker.
 */
export function primeLayoutCache(layout: Layout) {
  if (!cache.has(layout.key)) remember(layout);
}

let worker: Worker | undefined;
const waiting = new Map<string, ((l: Layout) => void)[]>();

/*
 * Created on the first layout this page computes, not with the module: a graph whose layout came with the page
 * (or from IndexedDB) never needs the worker's script (the layout code and dagre).
 */
function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ layout: Layout }>) => {
      const { layout } = event.data;
      remember(layout);
      void storeLayout(layout);
      for (const resolve of waiting.get(layout.key) ?? []) resolve(layout);
      waiting.delete(layout.key);
    };
  }
  return worker;
}

/**
 * Starts loading the worker ahead of a layout to compute: its script takes longer to fetch and compile than a
 * 10,000-node layout takes to compute, so a page that will need it asks as early as it knows.
 */
export function prepareLayoutWorker() {
  if (typeof window !== "undefined" && typeof Worker !== "undefined") layoutWorker();
}

function requestLayout(input: LayoutInput): Promise<Layout> {
  const hit = cache.get(input.key);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve) => {
    const list = waiting.get(input.key);
    if (list) return list.push(resolve);
    waiting.set(input.key, [resolve]);
    void readStoredLayout(input.key).then((stored) => {
      if (stored) {
        remember(stored);
        for (const done of waiting.get(input.key) ?? []) done(stored);
        waiting.delete(input.key);
      } else layoutWorker().postMessage(input);
    });
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
