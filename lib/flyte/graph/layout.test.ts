import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "./build";
import { layoutInput } from "./layout-input";
import { syntheticClosure } from "./synthetic";
import { computeLayout, defaultExpanded, initialLayout, type NodeBox } from "./layout";

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
  it("lays a 10,000-node workflow out with no two nodes overlapping anywhere", () => {
    const input = layoutInput(buildWorkflowGraph(syntheticClosure(10_000, { subWorkflowEvery: 100, branchEvery: 250 })));
    const layout = computeLayout(input);
    const top = input.nodes.filter((n) => !n.parentId).map((n) => layout.boxes[n.id]);
    expect(top).toHaveLength(10_000 + 2);
    // Sweep left to right: each box is checked against the boxes still open at its left edge.
    const sorted = [...top].sort((a, b) => a.x - b.x);
    let open: NodeBox[] = [];
    let collisions = 0;
    for (const box of sorted) {
      open = open.filter((o) => o.x + o.width > box.x);
      collisions += open.filter((o) => overlaps(o, box)).length;
      open.push(box);
    }
    expect(collisions).toBe(0);
    for (const e of input.edges.filter((e) => !e.parentId)) expect(layout.boxes[e.source].x).toBeLessThan(layout.boxes[e.target].x);
  });
});

describe("initialLayout", () => {
  it("is the layout of the graph a viewer first sees, under that graph's key", () => {
    const closure = syntheticClosure(300, { subWorkflowEvery: 50 });
    const graph = buildWorkflowGraph(closure, { expanded: defaultExpanded(closure) });
    const layout = initialLayout(closure);
    expect(layout.key).toBe(graph.layoutKey);
    expect(layout).toEqual(computeLayout(layoutInput(graph)));
  });

  it("opens every group of a small workflow and none of a large one", () => {
    expect(defaultExpanded(syntheticClosure(10))).toBe("all");
    expect(defaultExpanded(syntheticClosure(100))).toEqual(new Set());
  });
});
