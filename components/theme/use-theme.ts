"use client";

import { useEffect } from "react";
import { useStoredChoice } from "@/components/ui/use-stored-choice";
import { DARK_QUERY, resolveTheme, THEME_CHOICES, THEME_STORAGE_KEY, themeChoice, type ThemeChoice } from "./theme";

/** The theme chosen in this browser (every tab hears a change); "system" until hydrated, as on the server. */
export function useThemeChoice(): [ThemeChoice, (next: ThemeChoice) => void] {
  return useStoredChoice(THEME_STORAGE_KEY, THEME_CHOICES, "system");
}

/**
 * Keeps <html data-theme> on the chosen theme after the head script set it first: when the choice changes
 * (here or in another tab) and, on System, when the system's setting does.
 */
export function useAppliedTheme() {
  const [hookChoice] = useThemeChoice();
  useEffect(() => {
    // Read from storage, not the hook: while hydrating the hook still says "system" (the server's answer),
    // and applying that would flash the system's theme over a stored one.
    let choice = hookChoice;
    try {
      choice = themeChoice(window.localStorage.getItem(THEME_STORAGE_KEY));
    } catch {
      // storage disabled: the choice lives in the hook for this page only
    }
    const media = window.matchMedia(DARK_QUERY);
    const apply = () => document.documentElement.setAttribute("data-theme", resolveTheme(choice, media.matches));
    apply();
    if (choice !== "system") return;
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [hookChoice]);
}
