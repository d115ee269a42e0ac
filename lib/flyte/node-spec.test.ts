import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { isTopLevelNodeExecution, nodeExecutionKind, nodeTaskId, topLevelSpecNode } from "./node-spec";

const taskRef = { resourceType: 1, project: "p", domain: "d", name: "t", version: "v1" };
const closure = create(CompiledWorkflowClosureSchema, {
  primary: {
    template: {
      nodes: [
        { id: "n0", target: { case: "taskNode", value: { reference: { case: "referenceId", value: taskRef } } } },
        { id: "n1", target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId: "ok" } } } } },
      ],
    },
  },
});
const ne = (nodeId: string, specNodeId = nodeId) => create(NodeExecutionSchema, { id: { nodeId }, metadata: { specNodeId } });

describe("what a node execution runs", () => {
  it("finds top-level nodes in the closure, never a nested one by its ambiguous spec id", () => {
    expect(isTopLevelNodeExecution(ne("n0"))).toBe(true);
    expect(isTopLevelNodeExecution(ne("n2-0-n0", "n0"))).toBe(false);
    expect(topLevelSpecNode(closure, ne("n0"))?.id).toBe("n0");
    expect(topLevelSpecNode(closure, ne("n2-0-n0", "n0"))).toBeUndefined();
    expect(nodeExecutionKind(ne("n1"), topLevelSpecNode(closure, ne("n1")))).toBe("gate");
  });

  it("tells a launch-plan node by the child execution it reports", () => {
    const lp = create(NodeExecutionSchema, { id: { nodeId: "x-0-n2" }, closure: { targetMetadata: { case: "workflowNodeMetadata", value: { executionId: { name: "child" } } } } });
    expect(nodeExecutionKind(lp, undefined)).toBe("launchplan");
    expect(nodeExecutionKind(ne("x-0-n3"), undefined)).toBeUndefined();
  });

  it("takes the task id the latest attempt reported, else the spec's", () => {
    const attempts = [0, 1].map((retryAttempt) => create(TaskExecutionSchema, { id: { retryAttempt, taskId: { ...taskRef, version: `v${retryAttempt + 5}` } } }));
    expect(nodeTaskId(attempts, undefined)?.version).toBe("v6");
    expect(nodeTaskId([], topLevelSpecNode(closure, ne("n0")))?.version).toBe("v1");
    expect(nodeTaskId([], topLevelSpecNode(closure, ne("n1")))).toBeUndefined();
  });
});
