import { getViewportForBounds } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { fitPadding, MINIMAP, minimapFits } from "./fit";

const pane = { width: 1390, height: 540 };
const MARGIN = 15;

/** Where the fitted graph lands in the pane, in pane pixels. */
function fitted(graph: { width: number; height: number }, minimap: boolean) {
  const v = getViewportForBounds({ x: 0, y: 0, ...graph }, pane.width, pane.height, 0.02, 1.2, fitPadding(graph, pane, minimap));
  return { left: v.x, top: v.y, right: v.x + graph.width * v.zoom, bottom: v.y + graph.height * v.zoom, zoom: v.zoom };
}

const minimapBox = { left: pane.width - MARGIN - MINIMAP.width, top: pane.height - MARGIN - MINIMAP.height, right: pane.width - MARGIN, bottom: pane.height - MARGIN };
const overlaps = (a: typeof minimapBox, b: typeof minimapBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("fitting a graph clear of the minimap", () => {
  it("keeps a wide, low graph above the minimap, and a tall one beside it", () => {
    for (const graph of [{ width: 3000, height: 400 }, { width: 500, height: 2400 }, { width: 1200, height: 500 }]) {
      const box = fitted(graph, true);
      expect(overlaps(box, minimapBox), JSON.stringify(graph)).toBe(false);
      // And clear of the zoom buttons at the bottom left.
      expect(box.left).toBeGreaterThanOrEqual(50);
    }
    expect(fitted({ width: 3000, height: 400 }, true).bottom).toBeLessThanOrEqual(minimapBox.top);
    expect(fitted({ width: 500, height: 2400 }, true).right).toBeLessThanOrEqual(minimapBox.left);
  });

  it("takes the room from the side the graph can spare, and none when the minimap is hidden", () => {
    // Wide and low: the room below is spare, so the graph is as large as without a minimap.
    expect(fitted({ width: 3000, height: 400 }, true).zoom).toBe(fitted({ width: 3000, height: 400 }, false).zoom);
    // Shaped like the pane: something is given up, less than reserving the strip below would cost.
    const graph = { width: 1200, height: 500 };
    expect(fitted(graph, false).zoom).toBeGreaterThan(fitted(graph, true).zoom);
    expect(fitted(graph, true).zoom).toBeGreaterThan((pane.height - 24 - MINIMAP.height - 31) / graph.height);
  });

  it("offers no minimap in a pane too small to spare a corner for it", () => {
    expect(minimapFits(pane)).toBe(true);
    expect(minimapFits({ width: 1240, height: 200 })).toBe(false);
    expect(minimapFits({ width: 500, height: 700 })).toBe(false);
  });
});
