// What FlyteAdmin receives for an entity page's metadata and its runs.
import { toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NamedEntityGetRequestSchema, ResourceListRequestSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { entityExecutionsRequest, namedEntityGetRequest } from "./entities";

describe("entity requests", () => {
  it("GetNamedEntity addresses the entity by resource type and name", () => {
    expect(toJson(NamedEntityGetRequestSchema, namedEntityGetRequest("launch_plan", "flytesnacks", "development", "daily"))).toEqual({
      resourceType: "LAUNCH_PLAN",
      id: { project: "flytesnacks", domain: "development", name: "daily" },
    });
  });

  it("an entity's runs: its active executions of that version, newest first, one page", () => {
    expect(toJson(ResourceListRequestSchema, entityExecutionsRequest("workflow", "flytesnacks", "development", "wf.hello", "v1", 25))).toEqual({
      id: { project: "flytesnacks", domain: "development" },
      limit: 25,
      filters: "eq(workflow.name,wf.hello)+eq(workflow.version,v1)+eq(state,0)",
      // DESCENDING is the enum's zero value, which JSON leaves out.
      sortBy: { key: "created_at" },
    });
  });

  it("without a version, runs of every version of a task", () => {
    expect(entityExecutionsRequest("task", "p", "d", "t.train", undefined, 10).filters).toBe("eq(task.name,t.train)+eq(state,0)");
  });
});
