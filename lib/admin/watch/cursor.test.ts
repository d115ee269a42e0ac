import { describe, expect, it } from "vitest";
import { ChangeLog, formatCursor, newGeneration, parseCursor } from "./cursor";

describe("cursor", () => {
  it("reads back what it wrote, and nothing else", () => {
    const g = newGeneration();
    expect(g).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(newGeneration()).not.toBe(g);
    expect(parseCursor(formatCursor(g, 42))).toEqual({ generation: g, sequence: 42 });
    for (const bad of ["", "x", "x.", ".1", "a.b", "a.1.2", "a b.1", "a.-1", `a.${"9".repeat(16)}`, `${"a".repeat(65)}.1`]) {
      expect(parseCursor(bad), bad).toBeUndefined();
    }
  });
});

describe("ChangeLog", () => {
  it("says which nodes, and whether the execution, changed after a sequence, each node at its last change", () => {
    const log = new ChangeLog();
    log.record(1, ["a", "b", "c"], true);
    log.record(2, ["b"], false);
    log.record(3, ["c", "d"], true);
    log.record(4, ["b"], false);
    expect(log.since(0)).toEqual({ nodeIds: ["a", "b", "c", "d"], execution: true });
    expect(log.since(1)).toEqual({ nodeIds: ["b", "c", "d"], execution: true });
    expect(log.since(3)).toEqual({ nodeIds: ["b"], execution: false });
    expect(log.since(4)).toEqual({ nodeIds: [], execution: false });
  });
});
