// ANSI-coloured log lines → styled text spans. Text only: a span is never HTML, the viewer renders
// `text` as a React text node. Lines are parsed one at a time (lazily, when they scroll into view), so a
// colour that a line does not reset ends with that line — as most CI log viewers do.
import Anser from "anser";

export interface LogSpan {
  text: string;
  /** CSS colour, e.g. "#cd3131" or "rgb(10, 20, 30)". */
  fg?: string;
  bg?: string;
  /** The colour's ANSI name ("red", "bright-green", "palette-208", "rgb"), for tests and themes. */
  fgName?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
}

// A dark-background palette (VS Code's terminal): anser's own assumes pure black and is too dark for
// blue and too bright for white on the viewer's slate background.
const BASIC: Record<string, string> = {
  black: "#3f3f46",
  red: "#f14c4c",
  green: "#23d18b",
  yellow: "#e5e510",
  blue: "#3b8eea",
  magenta: "#d670d6",
  cyan: "#29b8db",
  white: "#e5e5e5",
  "bright-black": "#8b8b8b",
  "bright-red": "#ff6b6b",
  "bright-green": "#5af78e",
  "bright-yellow": "#f5f543",
  "bright-blue": "#6cb6ff",
  "bright-magenta": "#ff92df",
  "bright-cyan": "#6ae4ff",
  "bright-white": "#ffffff",
};

/** xterm's 256-colour palette above the 16 basic ones: a 6×6×6 cube, then 24 greys. */
function paletteColor(index: number): string {
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return `rgb(${v}, ${v}, ${v})`;
  }
  const i = index - 16;
  const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
  return `rgb(${level(Math.floor(i / 36))}, ${level(Math.floor(i / 6) % 6)}, ${level(i % 6)})`;
}

function resolveColor(klass: string | null, truecolor: string | null): { css: string; name: string } | undefined {
  if (!klass) return undefined;
  const name = klass.replace(/^ansi-/, "");
  if (name === "truecolor") return truecolor ? { css: `rgb(${truecolor})`, name: "rgb" } : undefined;
  const palette = /^palette-(\d+)$/.exec(name);
  if (palette) return { css: paletteColor(Number(palette[1])), name };
  const css = BASIC[name];
  return css ? { css, name } : undefined;
}

// Everything a terminal would interpret but a log viewer cannot show: OSC strings (titles, hyperlinks),
// CSI sequences other than SGR colour codes (cursor moves, erase line), other ESC sequences, and C0
// control characters except tab. What remains is text plus `ESC[…m` colour codes.
const ESCAPE = /\x1b(?:\][^\x07\x1b]*(?:\x07|\x1b\\)?|\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|[\x20-\x2f]*[\x30-\x7e]?)/g;
const IS_SGR = /^\x1b\[[\d;]*m$/;
const SGR = /\x1b\[[\d;]*m/g;
// C0 controls except tab, removed after ESCAPE (BEL ends OSC strings); ESCAPE consumes every ESC.
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;
const HAS_CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/;

function withoutControls(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, "") : text;
}

/** Keeps text and SGR colour codes, drops every other escape sequence and control character. */
function sanitize(line: string): string {
  return withoutControls(line.replace(ESCAPE, (m) => (IS_SGR.test(m) ? m : "")));
}

/** The line as a person reads it: no escape sequences, no control characters. Search runs on this. */
export function plainLogText(line: string): string {
  if (!line.includes("\x1b")) return withoutControls(line);
  return sanitize(line).replace(SGR, "");
}

/** Splits a line into styled spans; their texts joined equal `plainLogText(line)`. */
export function parseAnsiLine(line: string): LogSpan[] {
  if (!line.includes("\x1b")) {
    const text = plainLogText(line);
    return text ? [{ text }] : [];
  }
  const entries = Anser.ansiToJson(sanitize(line), { use_classes: true, remove_empty: true });
  const spans: LogSpan[] = [];
  for (const entry of entries) {
    if (!entry.content) continue;
    const span: LogSpan = { text: entry.content };
    const fg = resolveColor(entry.fg, entry.fg_truecolor);
    if (fg) {
      span.fg = fg.css;
      span.fgName = fg.name;
    }
    const bg = resolveColor(entry.bg, entry.bg_truecolor);
    if (bg) span.bg = bg.css;
    for (const decoration of entry.decorations ?? []) {
      if (decoration === "bold" || decoration === "dim" || decoration === "italic") span[decoration] = true;
      else if (decoration === "underline" || decoration === "strikethrough") span[decoration] = true;
    }
    spans.push(span);
  }
  return spans;
}
