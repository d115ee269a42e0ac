"use client";

// "Launched by me" needs the user's Flyte principal. FlyteAdmin's identity call is not one the
// console forwards, so the name is a per-browser setting the person enters once.
import { useCallback, useSyncExternalStore } from "react";

const KEY = "flyteconsole.me";
const EVENT = "flyteconsole:me";

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? "";
  } catch {
    return "";
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

export function useMe(): [string, (name: string) => void] {
  const me = useSyncExternalStore(subscribe, read, () => "");
  const setMe = useCallback((name: string) => {
    try {
      window.localStorage.setItem(KEY, name.trim());
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [me, setMe];
}
