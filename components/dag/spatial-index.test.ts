import { describe, expect, it } from "vitest";
import type { NodeBox } from "@/lib/flyte/graph/layout";
import { SpatialIndex, viewRect, type Rect } from "./spatial-index";

// A deterministic scatter of boxes of mixed sizes, some spanning many cells (open groups).
function boxes(n: number): NodeBox[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({ x: rand() * 20_000 - 1000, y: rand() * 5000 - 500, width: i % 50 === 0 ? 1500 : 60 + rand() * 200, height: i % 50 === 0 ? 900 : 44 }));
}

const intersects = (b: NodeBox, r: Rect) => b.x < r.x1 && r.x0 < b.x + b.width && b.y < r.y1 && r.y0 < b.y + b.height;

describe("SpatialIndex", () => {
  const all = boxes(10_000);
  const index = new SpatialIndex(all);

  it("finds exactly the boxes a rectangle intersects, each once, in their order", () => {
    for (const r of [
      { x0: 0, y0: 0, x1: 1600, y1: 1000 },
      { x0: -5000, y0: -5000, x1: 0, y1: 0 },
      { x0: 10_123, y0: 2_222, x1: 10_900, y1: 2_700 },
      { x0: -2000, y0: -1000, x1: 30_000, y1: 9_000 },
    ]) {
      const expected = all.flatMap((b, i) => (intersects(b, r) ? [i] : []));
      expect(index.intersecting(r)).toEqual(expected);
    }
  });

  it("returns, for a cell range, every box in those cells and none twice", () => {
    const range = index.rangeOf({ x0: 0, y0: 0, x1: 1600, y1: 1000 });
    const got = index.inRange(range);
    expect(new Set(got).size).toBe(got.length);
    for (const i of index.intersecting({ x0: 0, y0: 0, x1: 1600, y1: 1000 })) expect(got).toContain(i);
  });

  it("turns React Flow's transform into the rectangle of the graph in view", () => {
    expect(viewRect([-200, 100, 0.5], 800, 600)).toEqual({ x0: 400, y0: -200, x1: 2000, y1: 1000 });
  });
});
