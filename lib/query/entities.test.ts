// What FlyteAdmin receives for an entity page's metadata and its runs.
import { toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NamedEntityGetRequestSchema, NamedEntityListRequestSchema, ResourceListRequestSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { LaunchPlanUpdateRequestSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { activeLaunchPlansRequest, entityExecutionsRequest, launchPlanStateRequest, namedEntityGetRequest, namedEntityListRequest } from "./entities";

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

  it("archived workflows: state 1, and every name in one page (FlyteAdmin pages names before filtering by state)", () => {
    expect(toJson(NamedEntityListRequestSchema, namedEntityListRequest("workflow", "p", "d", "", undefined, true))).toEqual({
      resourceType: "WORKFLOW",
      project: "p",
      domain: "d",
      limit: 2000,
      filters: "eq(state,1)",
      sortBy: { key: "name", direction: "ASCENDING" },
    });
    expect(namedEntityListRequest("task", "p", "d").limit).toBe(50);
  });

  it("the launch plans list asks for every active version at once, and the switch names one version", () => {
    expect(activeLaunchPlansRequest("p", "d")).toMatchObject({ project: "p", domain: "d", limit: 2000 });
    expect(toJson(LaunchPlanUpdateRequestSchema, launchPlanStateRequest({ project: "p", domain: "d", name: "lp", version: "v2" }, false))).toEqual({
      // INACTIVE is the enum's zero value, which JSON leaves out.
      id: { resourceType: "LAUNCH_PLAN", project: "p", domain: "d", name: "lp", version: "v2" },
    });
    expect(toJson(LaunchPlanUpdateRequestSchema, launchPlanStateRequest({ project: "p", domain: "d", name: "lp", version: "v2" }, true))).toMatchObject({ state: "ACTIVE" });
  });
});
