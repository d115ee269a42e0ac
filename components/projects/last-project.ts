"use client";

// The project/domain a person last worked in, remembered on this browser: `/console` opens it.
import { useEffect, useSyncExternalStore } from "react";

const KEY = "flyteconsole.lastProjectDomain";
const EVENT = "flyteconsole:last-project";

export interface ProjectDomain {
  project: string;
  domain: string;
}

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: nothing is remembered
  }
}

function parse(raw: string | null): ProjectDomain | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<ProjectDomain>;
    return typeof v.project === "string" && typeof v.domain === "string" && v.project && v.domain
      ? { project: v.project, domain: v.domain }
      : undefined;
  } catch {
    return undefined;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

/** The remembered choice; undefined on the server and until the browser has answered. */
export function useLastProjectDomain(): { value: ProjectDomain | undefined; ready: boolean } {
  const raw = useSyncExternalStore(subscribe, read, () => undefined);
  return { value: raw === undefined ? undefined : parse(raw), ready: raw !== undefined };
}

/** Remembers the project/domain of the page being shown. */
export function useRememberProjectDomain(project: string, domain: string): void {
  useEffect(() => {
    const next = JSON.stringify({ project, domain });
    if (read() === next) return;
    try {
      window.localStorage.setItem(KEY, next);
      window.dispatchEvent(new Event(EVENT));
    } catch {
      // storage disabled: nothing to remember
    }
  }, [project, domain]);
}
