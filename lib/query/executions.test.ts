import { toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ResourceListRequestSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecutionGetDataRequestSchema, WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { executionDataRequest, executionGetRequest, executionSearchRequest } from "./executions";

describe("single-execution requests", () => {
  it("GetExecution and GetExecutionData name the execution by project, domain and name", () => {
    const id = { project: "flytesnacks", domain: "development", name: "abc123" };
    expect(toJson(WorkflowExecutionGetRequestSchema, executionGetRequest("flytesnacks", "development", "abc123"))).toEqual({ id });
    expect(toJson(WorkflowExecutionGetDataRequestSchema, executionDataRequest("flytesnacks", "development", "abc123"))).toEqual({ id });
  });
});

describe("executionSearchRequest", () => {
  it("asks for the newest executions whose name contains the term, trimmed", () => {
    expect(toJson(ResourceListRequestSchema, executionSearchRequest("flytesnacks", "development", "  abc ", 8))).toEqual({
      id: { project: "flytesnacks", domain: "development" },
      limit: 8,
      filters: "contains(name,abc)",
      // DESCENDING is the enum's zero value, which JSON leaves out.
      sortBy: { key: "created_at" },
    });
  });
});
