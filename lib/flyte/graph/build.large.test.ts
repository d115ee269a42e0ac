// A generated 5,000-node closure builds completely and correctly (its speed is measured by benchBuildGraph).
import { describe, expect, it } from "vitest";
import { benchBuildGraph } from "./bench";
import { buildWorkflowGraph, visibleGraph } from "./build";
import { layoutInput } from "./layout-input";
import { syntheticClosure } from "./synthetic";

const count = <T>(xs: T[], p: (x: T) => boolean) => xs.reduce((n, x) => n + (p(x) ? 1 : 0), 0);

describe("5,000-node closures", () => {
  it("a plain layered DAG: every node, every connection, start and end wired", () => {
    const g = buildWorkflowGraph(syntheticClosure(5000, { width: 50 }));
    expect(g.nodes).toHaveLength(5002);
    expect(count(g.nodes, (n) => n.kind === "task")).toBe(5000);
    // 50 from start, 99 layers × (49 nodes with two parents + 1 with one), 50 into end.
    expect(g.edges).toHaveLength(50 + 99 * 99 + 50);
    expect(count(g.edges, (e) => e.source === "start-node")).toBe(50);
    expect(count(g.edges, (e) => e.target === "end-node")).toBe(50);
    expect(g.byId.get("n4999")).toMatchObject({ kind: "task", taskType: "python-task", visible: true });
    expect(g.edges.filter((e) => e.target === "n2550").map((e) => e.source)).toEqual(["n2500", "n2501"]);
    expect(new Set(g.nodes.map((n) => n.id)).size).toBe(g.nodes.length);
  });

  it("with sub-workflows and branches: children present but hidden until opened", () => {
    const closure = syntheticClosure(5000, { subWorkflowEvery: 100, branchEvery: 250 });
    const g = buildWorkflowGraph(closure);
    // 50 sub-workflows × (start, end, 3 tasks) and 20 branches × (start, 2 cases, end).
    expect(g.nodes).toHaveLength(5002 + 50 * 5 + 20 * 4);
    expect(count(g.nodes, (n) => n.kind === "subworkflow")).toBe(50);
    expect(count(g.nodes, (n) => n.kind === "branch")).toBe(20);
    expect(g.edges).toHaveLength(9901 + 50 * 4 + 20 * 4);
    expect(g.byId.get("n99")?.childIds).toEqual(["n99-0-start-node", "n99-0-end-node", "n99-0-s0", "n99-0-s1", "n99-0-s2"]);
    expect(g.byId.get("n125")?.branch?.cases.map((c) => c.nodeId)).toEqual(["n125-0-n125-n0", "n125-0-n125-n1"]);
    const closed = visibleGraph(g);
    expect(closed.nodes).toHaveLength(5002);
    expect(closed.edges).toHaveLength(9901);
    const open = layoutInput(buildWorkflowGraph(closure, { expanded: "all" }));
    expect(open.nodes).toHaveLength(5332);
    expect(count(open.nodes, (n) => n.group)).toBe(70);
  });

  it("benchBuildGraph reports a time in ms", () => {
    const ms = benchBuildGraph(200);
    expect(Number.isFinite(ms) && ms > 0).toBe(true);
  });
});
