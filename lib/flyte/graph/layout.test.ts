import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "./build";
import { layoutInput, type LayoutInput } from "./layout-input";
import { syntheticClosure } from "./synthetic";
import { defaultExpanded } from "./default-expanded";
import { computeLayout, initialLayout, type Layout, type NodeBox } from "./layout";

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

describe("edge routes", () => {
  /** Every node box an edge's line crosses, other than its own ends. */
  function crossed(layout: Layout, input: LayoutInput, edge: { id: string; source: string; target: string }): string[] {
    const route = layout.routes?.[edge.id];
    expect(route, edge.id).toBeDefined();
    const hits = new Set<string>();
    for (let i = 1; i < route!.length; i++) {
      const a = route![i - 1];
      const b = route![i];
      for (const n of input.nodes) {
        if (n.id === edge.source || n.id === edge.target || n.parentId) continue;
        const box = layout.boxes[n.id];
        const overlapsX = Math.min(a.x, b.x) < box.x + box.width && Math.max(a.x, b.x) > box.x;
        // Level: a line at one height. Otherwise a bend, anywhere between the two heights.
        const overlapsY = a.y === b.y ? a.y > box.y && a.y < box.y + box.height : Math.min(a.y, b.y) < box.y + box.height && Math.max(a.y, b.y) > box.y;
        if (overlapsX && overlapsY) hits.add(n.id);
      }
    }
    return [...hits];
  }

  it("routes an edge that skips columns around the nodes in them, not under them", () => {
    const node = (id: string, width = 120) => ({ id, kind: "task" as const, group: false, width, height: 44 });
    const input: LayoutInput = {
      key: "skip",
      nodes: [node("a"), node("b", 240), node("c"), node("d")],
      edges: [
        { id: "a->b", source: "a", target: "b" },
        { id: "b->c", source: "b", target: "c" },
        { id: "c->d", source: "c", target: "d" },
        { id: "a->d", source: "a", target: "d" },
      ],
    };
    const layout = computeLayout(input);
    for (const e of input.edges) expect(crossed(layout, input, e), e.id).toEqual([]);
    const skip = layout.routes!["a->d"];
    expect(skip[0]).toEqual({ x: layout.boxes.a.x + 120, y: layout.boxes.a.y + 22 });
    expect(skip.at(-1)).toEqual({ x: layout.boxes.d.x, y: layout.boxes.d.y + 22 });
  });

  it("keeps every edge of a 60-node workflow off the nodes between its ends", () => {
    const input = layoutInput(buildWorkflowGraph(syntheticClosure(60)));
    const layout = computeLayout(input);
    for (const e of input.edges.filter((e) => !e.parentId)) expect(crossed(layout, input, e), e.id).toEqual([]);
  });

  it("moves a group's inner routes with its children", () => {
    const input: LayoutInput = {
      key: "group",
      nodes: [
        { id: "g", kind: "subworkflow", group: true, width: 100, height: 40, padding: { top: 40, right: 16, bottom: 16, left: 16 } },
        { id: "x", parentId: "g", kind: "task", group: false, width: 100, height: 44 },
        { id: "y", parentId: "g", kind: "task", group: false, width: 100, height: 44 },
      ],
      edges: [{ id: "x->y", source: "x", target: "y", parentId: "g" }],
    };
    const layout = computeLayout(input);
    expect(layout.routes!["x->y"][0]).toEqual({ x: layout.boxes.x.x + 100, y: layout.boxes.x.y + 22 });
  });
});
