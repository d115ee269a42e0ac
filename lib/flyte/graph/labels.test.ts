import { describe, expect, it } from "vitest";
import { nodeSubtitle, textWidth } from "./labels";
import type { GraphNode } from "./types";

const node = (over: Partial<GraphNode>): GraphNode => ({
  id: "n0", specNodeId: "n0", name: "n0", kind: "task", depth: 0, childIds: [], expandable: false, expanded: false, visible: true, ...over,
});

describe("textWidth", () => {
  it("measures as Chromium draws the console's font on Linux (DejaVu Sans)", () => {
    // measureText("prepare_batches") at 12px: 100.6px.
    expect(textWidth("prepare_batches", 12)).toBe(101);
    expect(textWidth("", 12)).toBe(0);
    expect(textWidth("iiii", 12)).toBeLessThan(textWidth("MMMM", 12));
    expect(textWidth("step", 12, "bold")).toBeGreaterThan(textWidth("step", 12));
  });

  it("counts characters outside ASCII as wide ones, never as nothing", () => {
    expect(textWidth("日本", 12)).toBeGreaterThanOrEqual(2 * 12);
    expect(textWidth("😀", 12)).toBeGreaterThanOrEqual(12);
  });
});

describe("nodeSubtitle", () => {
  it("names the node's id when its name is another (nodes that all run `step` are told apart)", () => {
    expect(nodeSubtitle(node({ specNodeId: "l3-n5", name: "step", taskType: "python-task" }), false)).toBe("l3-n5 · python-task");
    expect(nodeSubtitle(node({ name: "n0", taskType: "python-task" }), false)).toBe("python-task");
    expect(nodeSubtitle(node({ kind: "subworkflow", specNodeId: "n1", name: "sub" }), false)).toBe("n1 · sub-workflow");
  });

  it("says what a gate waits for while it waits", () => {
    const gate = node({ kind: "gate", specNodeId: "n2", name: "approve", gate: { kind: "approve", signalId: "s" } });
    expect(nodeSubtitle(gate, false)).toBe("n2 · approval gate");
    expect(nodeSubtitle(gate, true)).toBe("n2 · waiting for approval");
  });

  it("gives start and end markers none", () => {
    expect(nodeSubtitle(node({ kind: "start", name: "start", specNodeId: "start-node" }), false)).toBeUndefined();
  });
});
