import { describe, expect, it } from "vitest";
import { FAILURE_EDGE_STYLE, toFlowEdge } from "./flow-edge";

describe("toFlowEdge", () => {
  it("draws the edge to a failure node dashed and labelled 'on failure'", () => {
    const e = toFlowEdge({ id: "end-node->fn0", source: "end-node", target: "fn0", kind: "failure", label: "on failure" });
    expect(e).toMatchObject({ source: "end-node", target: "fn0", label: "on failure", className: "failure-edge", style: FAILURE_EDGE_STYLE });
  });

  it("leaves ordinary edges plain", () => {
    const e = toFlowEdge({ id: "n0->n1", source: "n0", target: "n1" });
    expect(e.label).toBeUndefined();
    expect(e.style).toBeUndefined();
  });

  it("draws an edge the layout routed along its route", () => {
    const e = toFlowEdge({ id: "n0->n3", source: "n0", target: "n3" }, [{ x: 0, y: 0 }, { x: 10, y: 20 }, { x: 50, y: 20 }]);
    expect(e).toMatchObject({ type: "routed", data: { path: "M0,0C5,0 5,20 10,20L50,20" } });
    expect(toFlowEdge({ id: "n0->n1", source: "n0", target: "n1" }).type).toBeUndefined();
  });
});
