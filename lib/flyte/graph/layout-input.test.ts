import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "./build";
import { loadClosure } from "./fixtures.testutil";
import { NODE_SIZES, layoutInput, nodeSize } from "./layout-input";
import type { GraphNode } from "./types";

const nested = () => loadClosure("flyte-compiler-snacks-core/compiled/039_core.control_flow.conditions.nested_conditions_2_wf.json");

describe("layoutInput", () => {
  it("gives only visible nodes and edges, each node a size, keyed by the graph's layoutKey", () => {
    const g = buildWorkflowGraph(nested());
    const input = layoutInput(g);
    expect(input.key).toBe(g.layoutKey);
    expect(input.nodes).toEqual([
      { id: "start-node", kind: "start", group: false, width: 64, height: 28 },
      { id: "end-node", kind: "end", group: false, width: 64, height: 28 },
      { id: "n0", kind: "branch", group: false, width: 96, height: 56 },
    ]);
    expect(input.edges).toEqual([
      { id: "n0->end-node", source: "n0", target: "end-node" },
      { id: "start-node->n0", source: "start-node", target: "n0" },
    ]);
  });

  it("an open group is sized by the layout around its children; a closed one inside it is a plain node", () => {
    const input = layoutInput(buildWorkflowGraph(nested(), { expanded: new Set(["n0"]) }));
    expect(input.nodes.find((n) => n.id === "n0")).toMatchObject({ group: true, padding: NODE_SIZES.groupPadding });
    expect(input.nodes.find((n) => n.id === "n0-0-n0-n0")).toMatchObject({ parentId: "n0", group: false });
    expect(input.nodes.find((n) => n.id === "n0-0-n0-n1")).toEqual({
      id: "n0-0-n0-n1", parentId: "n0", kind: "task", group: false, width: 102, height: 56,
    });
    expect(input.nodes.some((n) => n.id.startsWith("n0-0-n0-n0-0-"))).toBe(false);
    expect(input.edges.filter((e) => e.parentId === "n0")).toHaveLength(6);
  });
});

describe("nodeSize", () => {
  const node = (over: Partial<GraphNode>): GraphNode => ({
    id: "x", specNodeId: "x", name: "x", kind: "task", depth: 0, childIds: [], expandable: false, expanded: false, visible: true, ...over,
  });
  it("grows with the longer of name and subtitle, within bounds", () => {
    expect(nodeSize(node({ name: "t" }))).toEqual({ width: NODE_SIZES.minWidth, height: NODE_SIZES.height });
    expect(nodeSize(node({ name: "a".repeat(20), taskType: "python-task" }))).toEqual({ width: 32 + 20 * 7, height: 56 });
    expect(nodeSize(node({ name: "a".repeat(200) })).width).toBe(NODE_SIZES.maxWidth);
    expect(nodeSize(node({ name: "a", taskType: "sidecar-pod-with-a-long-type" })).width).toBe(32 + 24 * 7);
  });
});
