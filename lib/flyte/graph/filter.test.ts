import { describe, expect, it } from "vitest";
import { buildWorkflowGraph } from "./build";
import { create } from "@bufbuild/protobuf";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { filterGraph, nodesMatching } from "./filter";
import { buildExecutionOverlay } from "./overlay";
import { layoutInput } from "./layout-input";
import { syntheticClosure } from "./synthetic";

describe("filterGraph: the filtered view of a huge graph", () => {
  const g = buildWorkflowGraph(syntheticClosure(5000, { subWorkflowEvery: 100 }));

  it("keeps the asked nodes, opens the groups around them and keeps only edges between kept nodes", () => {
    const small = filterGraph(g, ["n2500", "n2550", "n99-0-s1", "no-such-node"]);
    expect(small.nodes.map((n) => n.id).sort()).toEqual(["n2500", "n2550", "n99", "n99-0-s1"]);
    expect(small.byId.get("n99")).toMatchObject({ expanded: true, childIds: ["n99-0-s1"], visible: true });
    expect(small.byId.get("n99-0-s1")?.visible).toBe(true);
    expect(small.edges.map((e) => e.id)).toEqual(["n2500->n2550"]);
    expect(layoutInput(small).nodes).toHaveLength(4);
    // The full graph is untouched, and the two views lay out apart.
    expect(g.byId.get("n99")).toMatchObject({ expanded: false, childIds: ["n99-0-start-node", "n99-0-end-node", "n99-0-s0", "n99-0-s1", "n99-0-s2"] });
    expect(small.layoutKey).not.toBe(g.layoutKey);
    expect(filterGraph(g, ["n2500"]).layoutKey).not.toBe(small.layoutKey);
  });

  it("nothing kept is an empty graph", () => {
    expect(filterGraph(g, []).nodes).toEqual([]);
  });
});

describe("nodesMatching", () => {
  const g = buildWorkflowGraph(syntheticClosure(300, { subWorkflowEvery: 100 }));
  const ne = (nodeId: string, phase: Phase, specNodeId = nodeId) =>
    create(NodeExecutionSchema, { id: { nodeId, executionId: { name: "x" } }, metadata: { specNodeId }, closure: { phase } });
  const overlay = buildExecutionOverlay(g, [
    ne("n0", Phase.SUCCEEDED),
    ne("n1", Phase.FAILED),
    ne("n2", Phase.RUNNING),
    ne("n3", Phase.QUEUED),
    ne("n4", Phase.SKIPPED),
    ne("n99", Phase.RUNNING),
    ne("n99-0-s1", Phase.TIMED_OUT, "s1"),
  ]);

  it("failed or running: failures, and nodes started but not done; a running group only through its children", () => {
    expect(nodesMatching(g, overlay, { failedOrRunning: true, search: "" }).sort()).toEqual(["n1", "n2", "n3", "n99-0-s1"]);
  });

  it("by name or id, alone or with the phase filter", () => {
    // n299 is a sub-workflow node, named after its workflow.
    expect(nodesMatching(g, overlay, { failedOrRunning: false, search: "TASK_N29" }).sort()).toEqual(["n29", "n290", "n291", "n292", "n293", "n294", "n295", "n296", "n297", "n298"]);
    expect(nodesMatching(g, overlay, { failedOrRunning: true, search: "n2" })).toEqual(["n2"]);
  });
});
