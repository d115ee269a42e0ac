// Choosing a theme the way a person's browser would: stored in localStorage before the page loads.
import type { Page } from "@playwright/test";

export const THEME_KEY = "flyteconsole.theme";

/** Every page of this context opens in `theme` (as if chosen in the header before). */
export async function chooseTheme(page: Page, theme: "light" | "dark" | "system") {
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key, value), [THEME_KEY, theme] as const);
}
