"use client";

// Whether the graph shows its minimap: a per-browser preference kept in localStorage (someone who hides it
// once does not want it back on every run). Before hydration it is shown, as on the server.
import { useCallback, useSyncExternalStore } from "react";

const KEY = "flyteconsole.graph.minimap";
const EVENT = "flyteconsole:graph-minimap";

/** The choice when storage is disabled: it lasts until the page is left. */
let unsaved = true;

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== "hidden";
  } catch {
    return unsaved;
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

export function useMinimapShown(): [boolean, (shown: boolean) => void] {
  const shown = useSyncExternalStore(subscribe, read, () => true);
  const set = useCallback((next: boolean) => {
    try {
      window.localStorage.setItem(KEY, next ? "shown" : "hidden");
    } catch {
      unsaved = next;
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [shown, set];
}
