// Which theme a page shows: the person's choice in the header (kept in this browser), or the system's.
// Pure, so the head script (applied before the first paint) and the switch agree on it.

export const THEME_STORAGE_KEY = "flyteconsole.theme";
export const THEME_CHOICES = ["light", "dark", "system"] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = "light" | "dark";
export const DARK_QUERY = "(prefers-color-scheme: dark)";

/** A stored choice; "system" for none or anything else. */
export function themeChoice(stored: string | null | undefined): ThemeChoice {
  return THEME_CHOICES.find((c) => c === stored) ?? "system";
}

/** The theme to show for a choice while the system prefers dark (`systemDark`) or not. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === "system" ? (systemDark ? "dark" : "light") : choice;
}

/**
 * Runs in <head> before the body is parsed (app/layout.tsx), so the first paint already has the right
 * theme: no flash of light before a dark page, and the server's HTML need not know the theme. It repeats
 * themeChoice and resolveTheme in plain ES5 (nothing is loaded yet); theme.test.ts runs it against them.
 */
export const THEME_HEAD_SCRIPT = `(function(){var c;try{c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}
var d=c==="dark"||(c!=="light"&&window.matchMedia(${JSON.stringify(DARK_QUERY)}).matches);
document.documentElement.setAttribute("data-theme",d?"dark":"light")})()`;
