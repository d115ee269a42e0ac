// GetProjectDomainAttributes as FlyteAdmin answers it: the most specific setting, NotFound when none applies.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatchableResource } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { seedAttributes } from "../seed/attributes";
import { putProject } from "../store/projects";
import { DOMAINS } from "./projects";
import { startTestSandbox, type TestSandbox } from "./testing/server";

let sb: TestSandbox;

beforeAll(async () => {
  sb = await startTestSandbox();
  putProject(sb.ctx.db, create(ProjectSchema, { id: "flytesnacks", name: "flytesnacks", domains: [...DOMAINS] }));
  seedAttributes(sb.ctx.db);
});
afterAll(() => sb.close());

const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e) => ConnectError.from(e).code);
const get = (domain: string, resourceType: MatchableResource, project = "flytesnacks") => sb.admin.getProjectDomainAttributes({ project, domain, resourceType });

describe("GetProjectDomainAttributes", () => {
  it("answers the domain's own setting", async () => {
    const res = await get("development", MatchableResource.TASK_RESOURCE);
    expect(res.attributes).toMatchObject({ project: "flytesnacks", domain: "development" });
    const target = res.attributes?.matchingAttributes?.target;
    expect(target?.case).toBe("taskResourceAttributes");
    expect(target?.case === "taskResourceAttributes" && target.value.limits?.memory).toBe("4Gi");
  });

  it("falls back to the project-wide setting, which says it has no domain", async () => {
    const res = await get("staging", MatchableResource.CLUSTER_RESOURCE);
    expect(res.attributes).toMatchObject({ project: "flytesnacks", domain: "" });
  });

  it("is NotFound when nothing is set, InvalidArgument for an unknown project or domain", async () => {
    expect(await codeOf(get("staging", MatchableResource.EXECUTION_QUEUE))).toBe(Code.NotFound);
    expect(await codeOf(get("development", MatchableResource.PLUGIN_OVERRIDE))).toBe(Code.NotFound);
    expect(await codeOf(get("development", MatchableResource.TASK_RESOURCE, "nope"))).toBe(Code.InvalidArgument);
    expect(await codeOf(get("qa", MatchableResource.TASK_RESOURCE))).toBe(Code.InvalidArgument);
  });

  it("UpdateProjectDomainAttributes (flytectl's) sets what Get then answers", async () => {
    await sb.admin.updateProjectDomainAttributes({
      attributes: { project: "flytesnacks", domain: "staging", matchingAttributes: { target: { case: "executionQueueAttributes", value: { tags: ["cpu"] } } } },
    });
    const target = (await get("staging", MatchableResource.EXECUTION_QUEUE)).attributes?.matchingAttributes?.target;
    expect(target?.case === "executionQueueAttributes" && target.value.tags).toEqual(["cpu"]);
  });
});
