import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { layoutInput } from "@/lib/flyte/graph/layout-input";
import { syntheticClosure } from "@/lib/flyte/graph/synthetic";
import { computeLayout, type NodeBox } from "./layout";

function overlaps(a: NodeBox, b: NodeBox) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function check(nodes: number) {
  const input = layoutInput(buildWorkflowGraph(syntheticClosure(nodes)));
  const layout = computeLayout(input);
  const top = input.nodes.filter((n) => !n.parentId);
  expect(Object.keys(layout.boxes)).toHaveLength(input.nodes.length);
  // Every edge points right: upstream nodes are drawn before what depends on them.
  for (const e of input.edges.filter((e) => !e.parentId)) {
    expect(layout.boxes[e.source].x, `${e.source} → ${e.target}`).toBeLessThan(layout.boxes[e.target].x);
  }
  // No two nodes of the same column overlap.
  const byColumn = new Map<number, NodeBox[]>();
  for (const n of top) (byColumn.get(layout.boxes[n.id].x) ?? byColumn.set(layout.boxes[n.id].x, []).get(layout.boxes[n.id].x)!).push(layout.boxes[n.id]);
  for (const column of byColumn.values()) {
    const sorted = [...column].sort((a, b) => a.y - b.y);
    for (let i = 1; i < sorted.length; i++) expect(overlaps(sorted[i - 1], sorted[i])).toBe(false);
  }
  return layout;
}

describe("computeLayout", () => {
  it("lays a 500-node workflow out left to right without overlaps (dagre, fast settings)", () => {
    check(500);
  });
  it("lays a small workflow out left to right without overlaps (dagre)", () => {
    check(60);
  });
  it("lays a 5,000-node workflow out left to right without overlaps (layered placement)", () => {
    const layout = check(5000);
    expect(layout.width).toBeGreaterThan(layout.height);
  });
});
