// Writes app/dark-palette.css: the dark theme as new values for the colour variables that Tailwind's
// utilities read (--color-slate-50 …, --color-white, the --color-phase-* tokens), so components keep their
// palette classes and every one of them turns dark at once.
//
// Each colour keeps, against the dark surface (what bg-white becomes), the contrast it had against white, in
// its own hue: text that was readable on white is as readable on the dark surface, a pale tint becomes a dark
// tint, a border stays as visible. The neutral 50s (the page behind the cards) go below the surface instead.
//
//   node scripts/dark-palette.mjs          writes the file
//   node scripts/dark-palette.mjs --check  exits 1 when the file is not what this script would write
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUTPUT = path.join(root, "app/dark-palette.css");

/** What bg-white becomes: the cards' surface. */
export const DARK_SURFACE = { l: 0.215, c: 0.02, h: 262 };
const NEUTRALS = new Set(["slate", "gray", "zinc", "neutral", "stone"]);

// --- colour maths: OKLCH ⇄ linear sRGB, WCAG luminance and contrast -------------------------------------

function oklchToLinear({ l, c, h }) {
  const a = c * Math.cos((h * Math.PI) / 180);
  const b = c * Math.sin((h * Math.PI) / 180);
  const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
  return [
    4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
    -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
    -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
  ];
}

function linearToOklch([r, g, b]) {
  const l_ = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m_ = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s_ = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const l = 0.2104542553 * l_ + 0.793617785 * m_ - 0.0040720468 * s_;
  const a = 1.9779984951 * l_ - 2.428592205 * m_ + 0.4505937099 * s_;
  const bb = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.808675766 * s_;
  return { l, c: Math.hypot(a, bb), h: ((Math.atan2(bb, a) * 180) / Math.PI + 360) % 360 };
}

const toLinear = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const fromLinear = (v) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
const inGamut = (rgb) => rgb.every((v) => v >= -1e-4 && v <= 1 + 1e-4);

/** Parses `#rrggbb`, `#rgb` or `oklch(L% C H)` into OKLCH. */
export function parseColour(text) {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join("") : hex[1];
    return linearToOklch([0, 2, 4].map((i) => toLinear(parseInt(h.slice(i, i + 2), 16) / 255)));
  }
  const ok = /^oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+|none)\s*\)$/i.exec(text.trim());
  if (ok) return { l: Number(ok[1]) / (ok[2] ? 100 : 1), c: Number(ok[3]), h: ok[4] === "none" ? 0 : Number(ok[4]) };
  throw new Error(`unsupported colour: ${text}`);
}

/** The colour as `#rrggbb` (clipped into sRGB). */
export function toHex(colour) {
  return `#${oklchToLinear(colour)
    .map((v) => Math.round(Math.min(1, Math.max(0, fromLinear(Math.min(1, Math.max(0, v))))) * 255).toString(16).padStart(2, "0"))
    .join("")}`;
}

/** WCAG relative luminance. */
export function luminance(colour) {
  const [r, g, b] = oklchToLinear(colour).map((v) => Math.min(1, Math.max(0, v)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colour at lightness `l` in the hue and (as far as sRGB allows) the chroma of `colour`. */
function atLightness(colour, l) {
  let lo = 0;
  let hi = colour.c;
  if (inGamut(oklchToLinear({ l, c: hi, h: colour.h }))) return { l, c: hi, h: colour.h };
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (inGamut(oklchToLinear({ l, c: mid, h: colour.h }))) lo = mid;
    else hi = mid;
  }
  return { l, c: lo, h: colour.h };
}

const WHITE = parseColour("#ffffff");

/** The lightest a dark-theme colour gets: text off-white rather than glaring. */
const MAX_LIGHTNESS = 0.97;

/**
 * The dark theme's twin of a light-theme colour: its contrast with white (at least `minContrast`), now with
 * the dark surface, found above the surface's lightness (or below it, `below`).
 */
export function darkTwin(colour, { surface = DARK_SURFACE, below = false, minContrast = 1 } = {}) {
  const target = Math.max(contrast(colour, WHITE), minContrast);
  let lo = below ? 0 : surface.l;
  let hi = below ? surface.l : MAX_LIGHTNESS;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    const reached = contrast(atLightness(colour, mid), surface) >= target;
    // Moving away from the surface raises the contrast.
    if (reached === !below) hi = mid;
    else lo = mid;
  }
  return atLightness(colour, below ? lo : hi);
}

// --- the stylesheet -------------------------------------------------------------------------------------

/** `--color-*` declarations of a stylesheet, in order: [name, value]. */
export function colourVariables(css, prefix = "--color-") {
  const out = [];
  for (const m of css.matchAll(/(--color-[a-z0-9-]+):\s*([^;]+);/g)) if (m[1].startsWith(prefix)) out.push([m[1], m[2].trim()]);
  return out;
}

/** The generated stylesheet, from Tailwind's theme (its palette) and app/globals.css (the phase tokens). */
export function darkPaletteCss(tailwindTheme, globals) {
  const palette = colourVariables(tailwindTheme).filter(([name]) => /^--color-[a-z]+-\d+$/.test(name));
  const phases = colourVariables(globals, "--color-phase-");
  const line = (name, colour) => `  ${name}: ${toHex(colour)};`;
  const dark = [
    line("--color-white", DARK_SURFACE),
    ...palette.map(([name, value]) => {
      const [, scale, shade] = /^--color-([a-z]+)-(\d+)$/.exec(name);
      const colour = parseColour(value);
      if (!NEUTRALS.has(scale)) return line(name, darkTwin(colour));
      // Greys keep less of their tint: light, slate's blue turns to a glare.
      return line(name, darkTwin({ ...colour, c: colour.c * 0.6 }, { below: shade === "50" }));
    }),
    // A phase's colour is text too (badges, the graph's labels): readable on the dark surface, however pale it was as a fill.
    ...phases.map(([name, value]) => line(name, darkTwin(parseColour(value), { minContrast: 4.5 }))),
  ];
  const light = [["--color-white", "#fff"], ...palette, ...phases].map(([name, value]) => `  ${name}: ${value};`);
  return `/* Generated by scripts/dark-palette.mjs from Tailwind's palette and app/globals.css: do not edit. */

:root[data-theme="dark"] {
  color-scheme: dark;
${dark.join("\n")}
}

/*
 * Inside these the light theme's colours stay: white text on a coloured fill (a primary button, a dark
 * tooltip) and the log pane, which is dark in both themes (its ANSI palette is made for a dark background).
 */
:root[data-theme="dark"] .text-white,
:root[data-theme="dark"] .keep-light-palette {
  color-scheme: light;
${light.join("\n")}
}
`;
}

function generate() {
  const theme = readFileSync(path.join(root, "node_modules/tailwindcss/theme.css"), "utf8");
  const globals = readFileSync(path.join(root, "app/globals.css"), "utf8");
  return darkPaletteCss(theme, globals);
}

/** The file as this script would write it, and as it is. */
export function darkPaletteStatus() {
  let current = "";
  try {
    current = readFileSync(OUTPUT, "utf8");
  } catch {
    // not written yet
  }
  return { expected: generate(), current };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { expected, current } = darkPaletteStatus();
  if (process.argv.includes("--check")) {
    if (expected !== current) {
      console.error("app/dark-palette.css is out of date: run node scripts/dark-palette.mjs");
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT, expected);
    console.log(`wrote ${path.relative(root, OUTPUT)}`);
  }
}
