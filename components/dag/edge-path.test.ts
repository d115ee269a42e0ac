import { describe, expect, it } from "vitest";
import { absoluteBoxes, absoluteRoute, edgePathTiles, edgesPath, routePath } from "./edge-path";

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

describe("routePath", () => {
  it("runs straight where the route is level and bends only between points at different heights", () => {
    const d = routePath([{ x: 0, y: 10 }, { x: 20, y: 10 }, { x: 60, y: 50 }, { x: 100, y: 50 }]);
    expect(d).toBe("M0,10L20,10C40,10 40,50 60,50L100,50");
  });

  it("is what a large graph draws for an edge the layout routed; unrouted edges keep their curve", () => {
    const boxes = new Map([
      ["a", { x: 0, y: 0, width: 10, height: 10 }],
      ["b", { x: 100, y: 0, width: 10, height: 10 }],
    ]);
    const route = [{ x: 10, y: 5 }, { x: 30, y: 40 }, { x: 80, y: 40 }, { x: 100, y: 5 }];
    expect(edgesPath([{ id: "a->b", source: "a", target: "b" }], boxes, new Map([["a->b", route]]))).toBe(routePath(route));
    expect(edgesPath([{ id: "a->b", source: "a", target: "b" }], boxes)).toMatch(/^M10,5C/);
  });

  it("places a group's route in graph coordinates", () => {
    expect(absoluteRoute([{ x: 1, y: 2 }], { x: 100, y: 50, width: 10, height: 10 })).toEqual([{ x: 101, y: 52 }]);
  });
});
