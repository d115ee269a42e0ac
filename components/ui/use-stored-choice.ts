"use client";

// Per-browser preferences kept in localStorage and shared by every tab: a few fixed values (the timeline's
// time zone, whether the dashboard shows its counts and chart) or a line of text (the name "me" stands for).
// Before hydration each is its fallback, as on the server; with storage disabled a choice lasts until the
// page is left.
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

/** The text stored under `key` ("" when none), and a setter every tab hears ("" removes the key). */
export function useStoredText(key: string): [string, (next: string) => void] {
  const read = () => {
    try {
      return window.localStorage.getItem(key) ?? "";
    } catch {
      return unsaved.get(key) ?? "";
    }
  };
  const text = useSyncExternalStore(subscribe, read, () => "");
  const set = useCallback(
    (next: string) => {
      try {
        if (next) window.localStorage.setItem(key, next);
        else window.localStorage.removeItem(key);
      } catch {
        unsaved.set(key, next);
      }
      window.dispatchEvent(new Event(EVENT));
    },
    [key],
  );
  return [text, set];
}

/** One of `choices` stored under `key`; `fallback` when none (or another value) is stored. */
export function useStoredChoice<T extends string>(key: string, choices: readonly T[], fallback: T): [T, (next: T) => void] {
  const [text, set] = useStoredText(key);
  return [choices.find((c) => c === text) ?? fallback, set];
}
