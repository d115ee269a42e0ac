// JSON bodies as FlyteAdmin's gateway writes them (flyteadmin/pkg/server/service.go): for application/json
// protojson with UseProtoNames, EmitUnpopulated and EmitDefaultValues; otherwise grpc-gateway v2's default
// (EmitUnpopulated, lowerCamelCase). EmitUnpopulated writes an unset message field as null, default scalars,
// [] and {}, and leaves unset oneof members out.
import { describe, expect, it } from "vitest";
import { create, type JsonObject } from "@bufbuild/protobuf";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ProjectsSchema, Project_ProjectState } from "@/lib/gen/flyteidl/admin/project_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { createMarshalers, registryFor } from "./codec";
import { makeExecution } from "../services/testing/builders";

const marshalers = createMarshalers(registryFor([AdminService]));
const encode = (accept: string | undefined, schema: typeof ExecutionSchema | typeof ProjectsSchema, message: never) =>
  JSON.parse(new TextDecoder().decode(marshalers({ accept }).outbound.encode(schema, message))) as JsonObject;

describe("REST JSON as FlyteAdmin's gateway marshals it", () => {
  it("writes ListProjects with every field: unset messages null, default scalars, enum names", () => {
    const projects = create(ProjectsSchema, {
      projects: [{ id: "flytesnacks", name: "flytesnacks", domains: [{ id: "development", name: "development" }], state: Project_ProjectState.ACTIVE }],
    });
    expect(encode("application/json", ProjectsSchema, projects as never)).toEqual({
      projects: [
        { id: "flytesnacks", name: "flytesnacks", domains: [{ id: "development", name: "development" }], description: "", labels: null, state: "ACTIVE", org: "" },
      ],
      token: "",
    });
  });

  it("writes GetExecution with null for unset messages at every depth, oneof members left out, durations and enums in proto3 JSON", () => {
    const body = encode("application/json", ExecutionSchema, makeExecution({ name: "r1" }) as never);
    const spec = body.spec as JsonObject;
    const closure = body.closure as JsonObject;
    expect(spec.auth_role).toBeNull();
    expect(spec.raw_output_data_config).toBeNull();
    expect((spec.metadata as JsonObject).parent_node_execution).toBeNull();
    expect((spec.metadata as JsonObject).nesting).toBe(0);
    expect(spec.annotations).toBeNull();
    expect(spec.labels).toEqual({ values: {} });
    expect(spec.tags).toEqual([]);
    expect(closure.state_change_details).toBeNull();
    expect(closure.phase).toBe("SUCCEEDED");
    expect(closure.duration).toBe("60s");
    for (const member of ["outputs", "error", "abort_cause", "abort_metadata", "output_data"]) expect(closure).not.toHaveProperty(member);
    expect(spec).not.toHaveProperty("notifications");
    expect(spec).not.toHaveProperty("disable_all");
  });

  it("writes nulls with lowerCamelCase names for other media types (grpc-gateway's default marshaler)", () => {
    const body = encode(undefined, ExecutionSchema, makeExecution({ name: "r1" }) as never);
    expect((body.spec as JsonObject).authRole).toBeNull();
    expect((body.closure as JsonObject).stateChangeDetails).toBeNull();
  });
});
