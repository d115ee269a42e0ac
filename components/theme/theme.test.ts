import { describe, expect, it } from "vitest";
import { resolveTheme, THEME_CHOICES, THEME_HEAD_SCRIPT, THEME_STORAGE_KEY, themeChoice } from "./theme";

/** Runs the head script against a stored value and a system preference; returns the theme it set. */
function runHeadScript(stored: string | null | Error, systemDark: boolean): string | undefined {
  const attributes = new Map<string, string>();
  const localStorage = {
    getItem(key: string) {
      if (stored instanceof Error) throw stored;
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  const window = { matchMedia: (q: string) => ({ matches: q === "(prefers-color-scheme: dark)" && systemDark }) };
  const document = { documentElement: { setAttribute: (n: string, v: string) => attributes.set(n, v) } };
  new Function("localStorage", "window", "document", THEME_HEAD_SCRIPT)(localStorage, window, document);
  return attributes.get("data-theme");
}

describe("the theme", () => {
  it("follows the system unless Light or Dark was chosen", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
    expect(resolveTheme("light", true)).toBe("light");
  });

  it("reads a stored choice, and takes anything else for System", () => {
    expect(themeChoice("dark")).toBe("dark");
    expect(themeChoice("light")).toBe("light");
    expect(themeChoice(null)).toBe("system");
    expect(themeChoice("Dark")).toBe("system");
  });

  it("is set before the first paint by the head script exactly as the switch resolves it", () => {
    for (const stored of [...THEME_CHOICES, null, "purple"]) {
      for (const systemDark of [true, false]) {
        expect(runHeadScript(stored, systemDark), `${stored} / system dark ${systemDark}`).toBe(resolveTheme(themeChoice(stored), systemDark));
      }
    }
  });

  it("follows the system when storage is disabled", () => {
    expect(runHeadScript(new Error("SecurityError"), true)).toBe("dark");
    expect(runHeadScript(new Error("SecurityError"), false)).toBe("light");
  });
});
