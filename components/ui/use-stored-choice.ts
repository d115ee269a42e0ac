"use client";

// A per-browser preference among a few values (the timeline's time zone, whether the dashboard shows its
// counts and chart), kept in localStorage and shared by every tab. Before hydration it is the fallback, as
// on the server; with storage disabled the choice lasts until the page is left.
import { useCallback, useSyncExternalStore } from "react";

const EVENT = "flyteconsole:stored-choice";
const unsaved = new Map<string, string>();

function subscribe(onChange: () => void) {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (next: T) => void] {
  const read = () => {
    let stored: string | null | undefined;
    try {
      stored = window.localStorage.getItem(key);
    } catch {
      stored = unsaved.get(key);
    }
    return choices.find((c) => c === stored) ?? fallback;
  };
  const choice = useSyncExternalStore(subscribe, read, () => fallback);
  const set = useCallback(
    (next: T) => {
      try {
        window.localStorage.setItem(key, next);
      } catch {
        unsaved.set(key, next);
      }
      window.dispatchEvent(new Event(EVENT));
    },
    [key],
  );
  return [choice, set];
}
