// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { drawOverview } from "./overview-layer";
import { overlayEntry as entry, overviewNode as node } from "./overview.testutil";

describe("drawOverview", () => {
  const nodes = Array.from({ length: 1000 }, (_, i) => node(i));

  it("draws every node as a rectangle with its phase and the automation hooks", () => {
    const overlay = new Map([["n1", entry("n1", NP.SUCCEEDED)]]);
    const { root } = drawOverview(document, nodes, overlay, new Map());
    const rects = root.querySelectorAll('rect[data-testid="dag-node"]');
    expect(rects).toHaveLength(1000);
    expect(rects[1].getAttribute("data-phase")).toBe("SUCCEEDED");
    expect(rects[1].getAttribute("aria-label")).toBe("task_1 (n1): Succeeded");
    expect(rects[2].getAttribute("data-phase")).toBe("UNDEFINED");
    expect(rects[2].getAttribute("data-kind")).toBe("task");
    // Not by colour alone: a started node's fill is its phase's pattern.
    expect(rects[1].getAttribute("fill")).toBe("url(#dag-phase-pattern-succeeded)");
    expect(rects[2].getAttribute("fill")).toBe("currentColor");
  });

  it("repaints only the nodes whose overlay entry changed", () => {
    const first = new Map(nodes.map((n) => [n.id, entry(n.id, NP.RUNNING)]));
    const drawing = drawOverview(document, nodes, first, new Map());
    const rect = (id: string) => drawing.root.querySelector(`[data-graph-id="${id}"]`)!;
    // Marks on two rects: a repaint of n5 would put its phase back.
    rect("n5").setAttribute("data-phase", "untouched");
    rect("n7").setAttribute("data-phase", "untouched");
    const next = new Map(first);
    next.set("n7", entry("n7", NP.FAILED));
    next.delete("n9");
    drawing.update(first, next);
    expect(rect("n5").getAttribute("data-phase")).toBe("untouched");
    expect(rect("n7").getAttribute("data-phase")).toBe("FAILED");
    expect(rect("n9").getAttribute("data-phase")).toBe("UNDEFINED");
  });

  it("outlines the selected node and only it", () => {
    const drawing = drawOverview(document, nodes, new Map(), new Map([["n3", true as const]]));
    const stroke = (id: string) => drawing.root.querySelector<SVGRectElement>(`[data-graph-id="${id}"]`)!.style.stroke;
    expect(stroke("n3")).toBe("var(--color-indigo-600)");
    drawing.select(new Map([["n3", true as const]]), new Map([["n4", true as const]]));
    expect(stroke("n3")).toBe("none");
    expect(stroke("n4")).toBe("var(--color-indigo-600)");
  });
});
