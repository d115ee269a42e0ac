import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodePhase, nodePhases, taskPhases, tonesInOrder, workflowPhases, type PhaseTone } from "@/lib/flyte/phases";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { contrast, parseColour } from "@/scripts/dark-palette.mjs";
import { PHASE_PALETTE, PHASE_PATTERN } from "./phase-palette";

const css = readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");
const tailwind = readFileSync(path.join(process.cwd(), "node_modules/tailwindcss/theme.css"), "utf8");
const dark = readFileSync(path.join(process.cwd(), "app/dark-palette.css"), "utf8").split(".text-white")[0];
const token = (tone: PhaseTone) => tone.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The colour app/globals.css gives a tone. */
const colour = (tone: PhaseTone) => css.match(new RegExp(`--color-phase-${token(tone)}:\\s*(#[0-9a-f]{6})`, "i"))?.[1]?.toLowerCase();

describe("the phase palette", () => {
  it("colours every phase of every enum from one token per tone, in badges, fills and drawings alike", () => {
    for (const p of [...workflowPhases, ...nodePhases, ...taskPhases]) expect(tonesInOrder).toContain(p.tone);
    for (const tone of tonesInOrder) {
      expect(colour(tone), tone).toBeDefined();
      expect(PHASE_PALETTE[tone].fill).toBe(`bg-phase-${token(tone)} ${PHASE_PALETTE[tone].pattern}`);
      expect(PHASE_PALETTE[tone].text).toBe(`text-phase-${token(tone)}`);
    }
  });

  it("gives each tone a colour of its own: aborted, timed out and failed are told apart", () => {
    const colours = tonesInOrder.map(colour);
    expect(new Set(colours).size).toBe(colours.length);
    const [failed, timedOut, aborted] = [NodeExecution_Phase.FAILED, NodeExecution_Phase.TIMED_OUT, NodeExecution_Phase.ABORTED].map((p) => colour(nodePhase(p).tone));
    expect(new Set([failed, timedOut, aborted]).size).toBe(3);
  });

  it("draws a waiting gate amber, like the gate's banner, and nothing else amber", () => {
    expect(PHASE_PALETTE.waiting.badge).toMatch(/amber/);
    for (const tone of tonesInOrder) if (tone !== "waiting") expect(PHASE_PALETTE[tone].badge, tone).not.toMatch(/amber|yellow/);
  });

  it("never tells a phase by colour alone: each tone's fill has a pattern of its own", () => {
    const patterns = tonesInOrder.map((tone) => PHASE_PATTERN[tone]);
    expect(new Set(patterns).size).toBe(tonesInOrder.length);
    for (const tone of tonesInOrder) {
      expect(PHASE_PALETTE[tone].pattern).toBe(`phase-pattern-${PHASE_PATTERN[tone]}`);
      if (PHASE_PATTERN[tone] !== "solid") expect(css, tone).toContain(`.phase-pattern-${PHASE_PATTERN[tone]} {`);
    }
  });

  it("keeps every badge's text readable on its background (4.5:1) in both themes", () => {
    /** A class's colour in a theme: `text-phase-failed`, `bg-red-50`. */
    const value = (klass: string, theme: "light" | "dark") => {
      const name = `--color-${klass.replace(/^(bg|text)-/, "")}`;
      const source = theme === "dark" ? dark : name.startsWith("--color-phase-") ? css : tailwind;
      const found = new RegExp(`${name}:\\s*([^;]+);`).exec(source)?.[1];
      expect(found, `${name} (${theme})`).toBeDefined();
      return parseColour(found!);
    };
    for (const tone of tonesInOrder) {
      const classes = PHASE_PALETTE[tone].badge.split(" ");
      const bg = classes.find((c) => c.startsWith("bg-"))!;
      const text = classes.find((c) => c.startsWith("text-"))!;
      for (const theme of ["light", "dark"] as const) {
        expect(contrast(value(text, theme), value(bg, theme)), `${tone} badge, ${theme}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
