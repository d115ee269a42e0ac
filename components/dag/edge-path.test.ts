import { describe, expect, it } from "vitest";
import { absoluteBoxes, edgePathTiles, edgesPath } from "./edge-path";

describe("edgesPath", () => {
  const boxes = {
    group: { x: 100, y: 50, width: 300, height: 200 },
    a: { x: 10, y: 40, width: 80, height: 40 },
    b: { x: 0, y: 0, width: 60, height: 20 },
  };
  const parents: Record<string, string> = { a: "group" };
  const abs = absoluteBoxes(boxes, (id) => parents[id]);

  it("places a group's children in graph coordinates", () => {
    expect(abs.get("a")).toEqual({ x: 110, y: 90, width: 80, height: 40 });
    expect(abs.get("b")).toEqual(boxes.b);
  });

  it("runs each edge from the source's right middle to the target's left middle", () => {
    const d = edgesPath([{ source: "b", target: "a" }], abs);
    expect(d.startsWith("M60,10C")).toBe(true);
    expect(d.endsWith(" 110,110")).toBe(true);
  });

  it("draws one subpath per edge whose ends are laid out, and skips the others", () => {
    const d = edgesPath(
      [
        { source: "b", target: "a" },
        { source: "a", target: "missing" },
        { source: "b", target: "group" },
      ],
      abs,
    );
    expect(d.match(/M/g)).toHaveLength(2);
  });

  it("splits the curves into one path per tile of their sources, every curve in exactly one", () => {
    const grid = new Map(Array.from({ length: 40 }, (_, i) => [`n${i}`, { x: (i % 10) * 300, y: Math.floor(i / 10) * 300, width: 100, height: 40 }]));
    const edges = Array.from({ length: 39 }, (_, i) => ({ source: `n${i}`, target: `n${i + 1}` }));
    const tiles = edgePathTiles(edges, grid, 1000);
    expect(tiles.length).toBeGreaterThan(1);
    expect(tiles.join("").match(/M/g)).toHaveLength(39);
    const curves = (d: string) => d.split("M").filter(Boolean).sort();
    expect(curves(tiles.join(""))).toEqual(curves(edgesPath(edges, grid)));
    // A tile's curves start inside it.
    for (const d of tiles) {
      const starts = [...d.matchAll(/M(\d+)/g)].map((m) => Math.floor(Number(m[1]) / 1000));
      expect(new Set(starts).size).toBe(1);
    }
  });
});
