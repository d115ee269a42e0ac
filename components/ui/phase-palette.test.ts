import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodePhase, nodePhases, taskPhases, tonesInOrder, workflowPhases, type PhaseTone } from "@/lib/flyte/phases";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { PHASE_PALETTE } from "./phase-palette";

const css = readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");
const token = (tone: PhaseTone) => tone.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** The colour app/globals.css gives a tone. */
const colour = (tone: PhaseTone) => css.match(new RegExp(`--color-phase-${token(tone)}:\\s*(#[0-9a-f]{6})`, "i"))?.[1]?.toLowerCase();

describe("the phase palette", () => {
  it("colours every phase of every enum from one token per tone, in badges, fills and drawings alike", () => {
    for (const p of [...workflowPhases, ...nodePhases, ...taskPhases]) expect(tonesInOrder).toContain(p.tone);
    for (const tone of tonesInOrder) {
      expect(colour(tone), tone).toBeDefined();
      expect(PHASE_PALETTE[tone].fill).toBe(`bg-phase-${token(tone)}`);
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
});
