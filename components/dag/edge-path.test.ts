import { describe, expect, it } from "vitest";
import { absoluteBoxes, edgesPath } from "./edge-path";

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
});
