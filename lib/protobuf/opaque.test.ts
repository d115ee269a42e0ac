import { create, equals, toBinary, toJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { fromBinary } from "@bufbuild/protobuf";
import { answersInBinary, opaqueMessage } from "./opaque";

const workflow = create(WorkflowSchema, {
  id: { resourceType: ResourceType.WORKFLOW, project: "p", domain: "d", name: "wf", version: "v1" },
  closure: { compiledWorkflow: { primary: { template: { nodes: [{ id: "n0" }, { id: "n1", upstreamNodeIds: ["n0"] }] } } } },
  shortDescription: "two nodes",
});

describe("opaqueMessage", () => {
  it("writes back exactly the bytes it was given, and the receiver reads the same workflow", () => {
    const bytes = toBinary(WorkflowSchema, workflow);
    const opaque = opaqueMessage(WorkflowSchema, bytes);
    const again = toBinary(WorkflowSchema, opaque);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(equals(WorkflowSchema, fromBinary(WorkflowSchema, again), workflow)).toBe(true);
  });

  it("leaves its fields unparsed, which is why it is for binary replies only", () => {
    const opaque = opaqueMessage(WorkflowSchema, toBinary(WorkflowSchema, workflow));
    expect(opaque.id).toBeUndefined();
    expect(toJson(WorkflowSchema, opaque)).toEqual({});
  });
});

describe("answersInBinary", () => {
  const h = (type: string) => new Headers({ "content-type": type });
  it("is true for the protobuf forms of Connect, gRPC and gRPC-web", () => {
    for (const t of ["application/proto", "application/connect+proto", "application/grpc", "application/grpc+proto", "application/grpc-web+proto", "application/grpc; charset=utf-8"]) {
      expect(answersInBinary(h(t)), t).toBe(true);
    }
  });
  it("is false for JSON and for a missing type", () => {
    for (const t of ["application/json", "application/connect+json", "application/grpc+json", "application/grpc-web+json"]) expect(answersInBinary(h(t)), t).toBe(false);
    expect(answersInBinary(new Headers())).toBe(false);
  });
});
