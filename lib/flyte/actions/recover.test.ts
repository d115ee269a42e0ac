import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { recoverPreview } from "./recover";

const taskNode = (id: string, name: string) => ({
  id,
  metadata: { name },
  target: { case: "taskNode" as const, value: { reference: { case: "referenceId" as const, value: { name } } } },
});
const subNode = (id: string) => ({
  id,
  target: { case: "workflowNode" as const, value: { reference: { case: "subWorkflowRef" as const, value: { name: "sub" } } } },
});

const closure = create(CompiledWorkflowClosureSchema, {
  primary: {
    template: {
      nodes: [{ id: "start-node" }, taskNode("n0", "extract"), taskNode("n1", "transform"), taskNode("n2", "load"), subNode("n3"), { id: "end-node" }],
    },
  },
});

const ne = (nodeId: string, phase: NP, parent = false) =>
  create(NodeExecutionSchema, { id: { nodeId }, metadata: { specNodeId: nodeId, isParentNode: parent }, closure: { phase } });

describe("recoverPreview", () => {
  it("reuses what succeeded and re-runs the failed node and what never ran", () => {
    const p = recoverPreview(closure, [ne("start-node", NP.SUCCEEDED), ne("n0", NP.SUCCEEDED), ne("n1", NP.FAILED), ne("n3", NP.FAILED, true)]);
    expect(p.rows.map((r) => [r.nodeId, r.name, r.outcome])).toEqual([
      ["n0", "extract", "reused"],
      ["n1", "transform", "rerun"],
      ["n2", "load", "rerun"],
      // A parent runs again but recovers its successful children.
      ["n3", "n3", "partial"],
    ]);
    expect(p.rows.find((r) => r.nodeId === "n2")?.phase).toBeUndefined();
    expect([p.reused, p.rerun]).toEqual([1, 3]);
  });

  it("reuses nodes that were themselves recovered, and lists nodes the closure does not name", () => {
    const p = recoverPreview(closure, [ne("n0", NP.RECOVERED), ne("n1", NP.ABORTED), ne("fn0", NP.SUCCEEDED)]);
    expect(p.rows.find((r) => r.nodeId === "n0")?.outcome).toBe("reused");
    expect(p.rows.find((r) => r.nodeId === "n1")?.outcome).toBe("rerun");
    expect(p.rows.at(-1)).toMatchObject({ nodeId: "fn0", outcome: "reused" });
  });

  it("works from node executions alone while the closure loads", () => {
    const p = recoverPreview(undefined, [ne("n0", NP.SUCCEEDED), ne("n1", NP.TIMED_OUT)]);
    expect(p.rows.map((r) => r.outcome)).toEqual(["reused", "rerun"]);
  });
});
