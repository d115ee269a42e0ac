// What FlyteAdmin receives for each action a person takes on an execution.
import { create, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import {
  ExecutionRecoverRequestSchema,
  ExecutionTerminateRequestSchema,
  ExecutionUpdateRequestSchema,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionListRequestSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { archiveRequest, recoverPreviewNodesRequest, recoverRequest, terminateRequest } from "./actions";

// An id as the page holds it: with an org FlyteAdmin filled in, which the action calls do not send.
const id = { project: "flytesnacks", domain: "development", name: "abc123", org: "acme" };

describe("execution action requests", () => {
  it("TerminateExecution carries the bare id and the cause", () => {
    expect(toJson(ExecutionTerminateRequestSchema, terminateRequest(id, "stuck on a node"))).toEqual({
      id: { project: "flytesnacks", domain: "development", name: "abc123" },
      cause: "stuck on a node",
    });
  });

  it("RecoverExecution names the new execution up front", () => {
    expect(toJson(ExecutionRecoverRequestSchema, recoverRequest(id, "f1b2c3"))).toEqual({
      id: { project: "flytesnacks", domain: "development", name: "abc123" },
      name: "f1b2c3",
    });
  });

  it("archive and unarchive set the execution's state", () => {
    expect(toJson(ExecutionUpdateRequestSchema, archiveRequest(id, true))).toEqual({
      id: { project: "flytesnacks", domain: "development", name: "abc123" },
      state: "EXECUTION_ARCHIVED",
    });
    // EXECUTION_ACTIVE is the zero value: the wire form has no state, which FlyteAdmin reads as active.
    const unarchive = archiveRequest(id, false);
    expect(unarchive.state).toBe(0);
    expect(toJson(ExecutionUpdateRequestSchema, unarchive)).toEqual({ id: { project: "flytesnacks", domain: "development", name: "abc123" } });
  });

  it("the recover preview lists the execution's nodes in one page of up to 2000", () => {
    const execution = create(WorkflowExecutionIdentifierSchema, id);
    expect(toJson(NodeExecutionListRequestSchema, recoverPreviewNodesRequest(execution))).toEqual({
      workflowExecutionId: { project: "flytesnacks", domain: "development", name: "abc123", org: "acme" },
      limit: 2000,
    });
  });
});
