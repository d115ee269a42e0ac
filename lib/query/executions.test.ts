import { toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkflowExecutionGetDataRequestSchema, WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionDataRequest, executionGetRequest } from "./executions";

describe("single-execution requests", () => {
  it("GetExecution and GetExecutionData name the execution by project, domain and name", () => {
    const id = { project: "flytesnacks", domain: "development", name: "abc123" };
    expect(toJson(WorkflowExecutionGetRequestSchema, executionGetRequest("flytesnacks", "development", "abc123"))).toEqual({ id });
    expect(toJson(WorkflowExecutionGetDataRequestSchema, executionDataRequest("flytesnacks", "development", "abc123"))).toEqual({ id });
  });
});
