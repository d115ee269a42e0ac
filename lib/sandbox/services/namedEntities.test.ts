// ListNamedEntities' state filter as FlyteAdmin applies it: a name without metadata is active
// (COALESCE(state, 0)), and workflow lists never show system-generated names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NamedEntityState } from "@/lib/gen/flyteidl/admin/common_pb";
import { create } from "@bufbuild/protobuf";
import { IdentifierSchema, ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { insertEntity, putNamedEntityMetadata } from "../store/entities";
import { startTestSandbox, type TestSandbox } from "./testing/server";

let sb: TestSandbox;
const scope = { project: "flytesnacks", domain: "development" };

beforeAll(async () => {
  sb = await startTestSandbox();
  for (const [i, name] of ["wf.active", "wf.archived", "wf.generated", "wf.plain"].entries()) {
    insertEntity(sb.ctx.db, "workflows", create(IdentifierSchema, { ...scope, name, version: "v1", resourceType: ResourceType.WORKFLOW }), 1_000 + i, `d${i}`, new Uint8Array());
  }
  const meta = (name: string, state: NamedEntityState) => putNamedEntityMetadata(sb.ctx.db, ResourceType.WORKFLOW, { ...scope, name, state, description: "" });
  meta("wf.active", NamedEntityState.NAMED_ENTITY_ACTIVE);
  meta("wf.archived", NamedEntityState.NAMED_ENTITY_ARCHIVED);
  meta("wf.generated", NamedEntityState.SYSTEM_GENERATED);
});
afterAll(() => sb.close());

const names = async (filters: string) =>
  (await sb.admin.listNamedEntities({ ...scope, resourceType: ResourceType.WORKFLOW, limit: 10, filters, sortBy: { key: "name", direction: 1 } })).entities.map(
    (e) => e.id?.name,
  );

describe("ListNamedEntities by state", () => {
  it("eq(state,0) lists active names, including those that never had metadata", async () => {
    expect(await names("eq(state,0)")).toEqual(["wf.active", "wf.plain"]);
  });

  it("eq(state,1) lists archived names only", async () => {
    expect(await names("eq(state,1)")).toEqual(["wf.archived"]);
  });

  it("without a filter, every workflow but system-generated ones", async () => {
    expect(await names("")).toEqual(["wf.active", "wf.archived", "wf.plain"]);
  });
});
