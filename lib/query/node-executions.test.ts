// What FlyteAdmin receives for a node's attempts and data, and for a child execution.
import { create, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionGetDataRequestSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionListRequestSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { NodeExecutionIdentifierSchema, WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { nodeExecutionDataRequest, taskExecutionListRequest } from "./node-executions";
import { executionByIdRequest } from "./use-execution";

const executionId = { project: "flytesnacks", domain: "development", name: "abc123", org: "acme" };
const nodeId = create(NodeExecutionIdentifierSchema, { nodeId: "n1", executionId });

describe("node execution requests", () => {
  it("ListTaskExecutions asks for up to 100 attempts of the node", () => {
    expect(toJson(TaskExecutionListRequestSchema, taskExecutionListRequest(nodeId))).toEqual({
      nodeExecutionId: { nodeId: "n1", executionId },
      limit: 100,
    });
  });

  it("GetNodeExecutionData addresses the node execution", () => {
    expect(toJson(NodeExecutionGetDataRequestSchema, nodeExecutionDataRequest(nodeId))).toEqual({ id: { nodeId: "n1", executionId } });
  });

  it("a child execution is asked for by the id FlyteAdmin reported, org included", () => {
    const id = create(WorkflowExecutionIdentifierSchema, executionId);
    expect(toJson(WorkflowExecutionGetRequestSchema, executionByIdRequest(id))).toEqual({ id: executionId });
  });
});
