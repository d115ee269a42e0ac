// The text a graph node shows besides its name, and how wide text is drawn: node sizes (layout-input.ts) come
// from the same words the node draws (components/dag/dag-node.tsx), so no name is cut short.
import type { GraphGate, GraphNode } from "./types";

export const KIND_LABEL: Readonly<Record<string, string>> = {
  subworkflow: "sub-workflow",
  launchplan: "launch plan",
  branch: "branch",
  gate: "gate",
  array: "map",
  dynamic: "dynamic",
};

export function gateText(gate: GraphGate, waiting: boolean): string {
  if (gate.kind === "sleep") {
    const secs = gate.durationMs !== undefined ? ` ${Math.round(gate.durationMs / 1000)}s` : "";
    return waiting ? `sleeping${secs}` : `sleep${secs}`;
  }
  if (gate.kind === "approve") return waiting ? "waiting for approval" : "approval gate";
  return waiting ? `waiting for signal ${gate.signalId}` : `signal gate · ${gate.signalId}`;
}

/**
 * The line under a node's name: its id in the workflow when the name is not it (a thousand nodes that all run
 * `step` are told apart by it), then what the node is (task type, gate, kind).
 */
export function nodeSubtitle(node: GraphNode, waiting: boolean): string | undefined {
  if (node.kind === "start" || node.kind === "end") return undefined;
  const what = node.kind === "gate" && node.gate ? gateText(node.gate, waiting) : (node.taskType ?? KIND_LABEL[node.kind]);
  const id = node.specNodeId !== node.name ? node.specNodeId : undefined;
  return [id, what].filter(Boolean).join(" · ") || undefined;
}

/*
 * Advance widths in hundredths of an em of printable ASCII (space to "~"), as Chromium draws the console's font
 * stack on Linux: DejaVu Sans, wider than what macOS and Windows pick for it (San Francisco, Segoe UI), so a
 * box sized by it fits the name in any of them. Measured with canvas measureText at 100px.
 */
const REGULAR =
  "32,40,46,84,64,95,78,27,39,39,50,84,32,36,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,53,100,68,69,70,77,63,58,77,75,29,29,66,56,86,75,79,60,79,69,63,61,73,68,99,69,61,69,39,34,39,84,50,50,61,63,55,63,62,35,63,63,28,28,58,28,97,63,61,63,63,41,52,39,63,59,82,59,59,52,64,34,64,84";
const BOLD =
  "35,46,52,84,70,100,87,31,46,46,52,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,40,84,84,84,58,100,77,76,73,83,68,68,82,84,37,37,77,64,100,84,85,73,85,77,72,68,81,77,110,77,72,73,46,37,46,84,50,50,67,72,59,72,68,44,72,71,34,34,67,34,104,71,69,72,72,49,60,48,71,65,92,65,65,58,71,37,71,84";
const WIDTHS = { regular: REGULAR.split(",").map(Number), bold: BOLD.split(",").map(Number) };
/** Characters outside ASCII (accents, CJK, emoji) count as the widest Latin letter. */
const OTHER = 110;

/** How wide `text` is drawn at `px` pixels, in pixels, rounded up; "bold" for semibold and bold text. */
export function textWidth(text: string, px: number, weight: "regular" | "bold" = "regular"): number {
  const table = WIDTHS[weight];
  let hundredths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hundredths += code >= 32 && code < 127 ? table[code - 32] : OTHER;
  }
  return Math.ceil((hundredths * px) / 100);
}
