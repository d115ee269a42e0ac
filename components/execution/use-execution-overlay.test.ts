// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { syntheticClosure } from "@/lib/flyte/graph/synthetic";
import { useExecutionOverlay, type OverlayInputs } from "./use-execution-overlay";

const EXEC = { project: "p", domain: "d", name: "e1" };
const ne = (nodeId: string, phase: Phase) =>
  create(NodeExecutionSchema, { id: { nodeId, executionId: EXEC }, metadata: { specNodeId: nodeId }, closure: { phase } });
const byId = (list: NodeExecution[]) => new Map(list.map((n) => [n.id!.nodeId, n]));

describe("useExecutionOverlay", () => {
  const graph = buildWorkflowGraph(syntheticClosure(3, { width: 1 }));
  const none = new Map();

  it("keeps the entries of nodes that did not change from one poll to the next, and only redraws on a change", () => {
    const n0 = ne("n0", Phase.SUCCEEDED);
    const first: OverlayInputs = { graph, nodes: byId([n0, ne("n1", Phase.RUNNING)]), parents: none, subTasks: none, attempts: none };
    let renders = 0;
    const { result, rerender } = renderHook((inputs: OverlayInputs) => {
      renders++;
      return useExecutionOverlay(inputs);
    }, { initialProps: first });
    const before = result.current;
    expect(before.get("n1")?.phase).toBe(Phase.RUNNING);

    rerender(first);
    expect(result.current).toBe(before);

    const rendersBefore = renders;
    rerender({ ...first, nodes: byId([n0, ne("n1", Phase.SUCCEEDED)]) });
    expect(result.current.get("n1")?.phase).toBe(Phase.SUCCEEDED);
    expect(result.current.get("n0")).toBe(before.get("n0"));
    expect(renders - rendersBefore).toBeLessThanOrEqual(2); // one pass, plus one for the kept stages
  });

  it("is empty until the graph is known", () => {
    const { result } = renderHook(() => useExecutionOverlay({ graph: undefined, nodes: byId([ne("n0", Phase.RUNNING)]), parents: none, subTasks: none, attempts: none }));
    expect(result.current.size).toBe(0);
  });
});
