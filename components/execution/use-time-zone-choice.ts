"use client";

// Whether the timeline labels times in the viewer's zone or in UTC: a per-browser preference (someone who
// reads UTC reads it on every run), kept in localStorage. Before hydration it is "local", as on the server.
import { useCallback, useSyncExternalStore } from "react";
import type { TimeZoneChoice } from "@/lib/flyte/timeline-axis";

const KEY = "flyteconsole.timeline.timeZone";
const EVENT = "flyteconsole:timeline-time-zone";

/** The choice when storage is disabled: it lasts until the page is left. */
let unsaved: TimeZoneChoice = "local";

function read(): TimeZoneChoice {
  try {
    return window.localStorage.getItem(KEY) === "utc" ? "utc" : "local";
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

export function useTimeZoneChoice(): [TimeZoneChoice, (choice: TimeZoneChoice) => void] {
  const choice = useSyncExternalStore(subscribe, read, () => "local" as const);
  const set = useCallback((next: TimeZoneChoice) => {
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      unsaved = next;
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [choice, set];
}
