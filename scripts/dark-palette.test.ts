import { describe, expect, it } from "vitest";
import { contrast, darkPaletteCss, darkPaletteStatus, darkTwin, DARK_SURFACE, parseColour } from "./dark-palette.mjs";

const WHITE = parseColour("#fff");

describe("the dark palette", () => {
  it("is up to date with Tailwind's palette and the phase tokens (node scripts/dark-palette.mjs)", () => {
    const { expected, current } = darkPaletteStatus();
    expect(current === expected, "app/dark-palette.css is out of date: run node scripts/dark-palette.mjs").toBe(true);
  });

  it("gives a colour on the dark surface the contrast it had on white, in its own hue", () => {
    for (const light of ["oklch(50.5% 0.213 27.518)", "oklch(55.4% 0.046 257.417)", "oklch(93.6% 0.032 17.717)", "#0072b2"]) {
      const colour = parseColour(light);
      const dark = darkTwin(colour);
      expect(contrast(dark, DARK_SURFACE)).toBeCloseTo(contrast(colour, WHITE), 1);
      expect(dark.l).toBeGreaterThan(DARK_SURFACE.l);
      expect(Math.abs(dark.h - colour.h)).toBeLessThan(1);
    }
  });

  it("reverses the greys: what was near white is near the surface, what was dark text is light text", () => {
    const css = darkPaletteCss(
      "--color-slate-50: oklch(98.4% 0.003 247.858);\n--color-slate-900: oklch(20.8% 0.042 265.755);\n--color-indigo-600: oklch(51.1% 0.262 276.966);",
      "--color-phase-waiting: #e69f00;",
    );
    const value = (name: string, block: "dark" | "light") => {
      const section = block === "dark" ? css.split(".text-white")[0] : css.split(".keep-light-palette")[1];
      return parseColour(new RegExp(`${name}: ([^;]+);`).exec(section)![1]);
    };
    const surface = value("--color-white", "dark");
    expect(value("--color-slate-50", "dark").l).toBeLessThan(surface.l); // the page behind the cards
    expect(contrast(value("--color-slate-900", "dark"), surface)).toBeGreaterThan(13);
    // A phase's colour reads as text on the dark surface even where, light, it was only a fill.
    expect(contrast(value("--color-phase-waiting", "dark"), surface)).toBeGreaterThanOrEqual(4.5);
    // White text on a coloured fill keeps the light theme's fill under it.
    expect(value("--color-indigo-600", "light").l).toBeCloseTo(0.511, 3);
    expect(value("--color-white", "light").l).toBeCloseTo(1, 3);
  });
});
