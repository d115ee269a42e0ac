import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "./build";
import { loadClosure } from "./fixtures.testutil";
import { NODE_SIZES, layoutInput, nameLines, nodeSize } from "./layout-input";
import { nodeSubtitle, textWidth } from "./labels";
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
      { id: "n0", kind: "branch", group: false, ...nodeSize(g.byId.get("n0")!) },
    ]);
    expect(input.edges).toEqual([
      { id: "n0->end-node", source: "n0", target: "end-node" },
      { id: "start-node->n0", source: "start-node", target: "n0" },
    ]);
  });

  it("an open group is sized by the layout around its children, at least as wide as its title; a closed one inside it is a plain node", () => {
    const g = buildWorkflowGraph(nested(), { expanded: new Set(["n0"]) });
    const input = layoutInput(g);
    const group = input.nodes.find((n) => n.id === "n0")!;
    expect(group).toMatchObject({ group: true, padding: NODE_SIZES.groupPadding });
    expect(group.width).toBeGreaterThan(NODE_SIZES.groupTitleInset + textWidth(g.byId.get("n0")!.name, 12, "bold"));
    expect(input.nodes.find((n) => n.id === "n0-0-n0-n0")).toMatchObject({ parentId: "n0", group: false });
    expect(input.nodes.find((n) => n.id === "n0-0-n0-n1")).toEqual({
      id: "n0-0-n0-n1", parentId: "n0", kind: "task", group: false, ...nodeSize(g.byId.get("n0-0-n0-n1")!),
    });
    expect(input.nodes.some((n) => n.id.startsWith("n0-0-n0-n0-0-"))).toBe(false);
    expect(input.edges.filter((e) => e.parentId === "n0")).toHaveLength(6);
  });
});

describe("nodeSize", () => {
  const node = (over: Partial<GraphNode>): GraphNode => ({
    id: "x", specNodeId: "x", name: "x", kind: "task", depth: 0, childIds: [], expandable: false, expanded: false, visible: true, ...over,
  });
  const room = (n: GraphNode) => nodeSize(n).width - NODE_SIZES.nameInset;

  it("fits the name as the browser draws it: the name the old sizing cut to 'prepare_ba…'", () => {
    const n = node({ id: "n1", specNodeId: "n1", name: "prepare_batches", taskType: "python-task" });
    // 7px a character gave 32 + 15 × 7 = 137px, 4px short of what DejaVu Sans draws.
    expect(room(n)).toBeGreaterThanOrEqual(textWidth("prepare_batches", 12));
    expect(nodeSize(n).height).toBe(NODE_SIZES.heightWithSubtitle);
    for (const name of ["MMMMMMMMMMMM", "WWW_WWW_WWW", "ÄÖÜ_données_日本語", "t"]) expect(room(node({ name }))).toBeGreaterThanOrEqual(textWidth(name, 12));
  });

  it("is never narrower than the minimum, and a short plain task has one line", () => {
    expect(nodeSize(node({ name: "x" }))).toEqual({ width: NODE_SIZES.minWidth, height: NODE_SIZES.height });
  });

  it("wraps a name wider than the widest node onto as many lines as it needs, taller by a line each", () => {
    const name = "a_really_long_task_name_that_someone_wrote_in_a_hurry_and_kept";
    const size = nodeSize(node({ name, id: name, specNodeId: name }));
    expect(size.width).toBe(NODE_SIZES.maxWidth);
    const lines = nameLines(name, size.width);
    expect(lines).toBeGreaterThan(1);
    expect((size.width - NODE_SIZES.nameInset) * lines).toBeGreaterThanOrEqual(textWidth(name, 12));
    expect(size.height).toBe(NODE_SIZES.height + (lines - 1) * NODE_SIZES.lineHeight);
  });

  it("is wide enough for the subtitle too: a gate for the longer of its idle and waiting text", () => {
    const gate = node({ kind: "gate", name: "g", gate: { kind: "signal", signalId: "a_signal_with_a_long_name", outputVariable: "o0" } });
    const waiting = nodeSubtitle(gate, true)!;
    expect(waiting).toContain("waiting for signal a_signal_with_a_long_name");
    expect(nodeSize(gate).width - NODE_SIZES.subtitleInset).toBeGreaterThanOrEqual(textWidth(waiting, 10));
  });
});
