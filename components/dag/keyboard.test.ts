import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { loadClosure } from "@/lib/flyte/graph/fixtures.testutil";
import { computeLayout } from "@/lib/flyte/graph/layout";
import { layoutInput } from "@/lib/flyte/graph/layout-input";
import { nextNodeInDirection } from "./keyboard";

const COMPILED = "flyte-compiler-snacks-core/compiled/";

function setup(file: string) {
  const graph = buildWorkflowGraph(loadClosure(`${COMPILED}${file}`), { expanded: "all" });
  const layout = computeLayout(layoutInput(graph));
  return { graph, move: (from: string | undefined, key: string) => nextNodeInDirection(graph, layout, from, key) };
}

describe("arrow keys on the graph", () => {
  // Five tasks in parallel (n0…n4) from start, all into n5, then end.
  const flat = setup("010_core.containerization.raw_container.wf_2_wf.json");
  const markers = new Set(["start-node", "end-node"]);

  it("never stop on the start or end marker", () => {
    for (const n of flat.graph.nodes) {
      for (const key of ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"]) {
        const next = flat.move(n.id, key);
        if (next !== undefined) expect(markers.has(next), `${n.id} ${key} → ${next}`).toBe(false);
      }
    }
  });

  it("stay on the last node going right and on a first node going left (nothing real lies beyond)", () => {
    expect(flat.move("n5", "ArrowRight")).toBeUndefined();
    expect(flat.move("n0", "ArrowLeft")).toBeUndefined();
    expect(flat.move("n0", "ArrowRight")).toBe("n5");
    expect(["n0", "n1", "n2", "n3", "n4"]).toContain(flat.move("n5", "ArrowLeft"));
  });

  it("start on a real node when nothing is selected", () => {
    expect(markers.has(flat.move(undefined, "ArrowRight")!)).toBe(false);
  });

  it("pass through a branch's own start and end markers", () => {
    const nested = setup("039_core.control_flow.conditions.nested_conditions_2_wf.json");
    const inner = nested.graph.nodes.filter((n) => n.parentId !== undefined && (n.kind === "start" || n.kind === "end")).map((n) => n.id);
    expect(inner.length).toBeGreaterThan(0);
    for (const n of nested.graph.nodes) {
      for (const key of ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"]) {
        const next = nested.move(n.id, key);
        if (next !== undefined) expect(nested.graph.byId.get(next)!.kind, `${n.id} ${key} → ${next}`).not.toMatch(/^(start|end)$/);
      }
    }
  });
});
