import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  ExecutionCreateRequestSchema,
  ExecutionCreateResponseSchema,
  ExecutionSchema,
  type ExecutionTerminateRequest,
  type ExecutionRecoverRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecutionListRequest } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { Sort_Direction, type NamedEntityListRequest, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { FaultState } from "../faults";
import { createSandboxHttpServer, type SandboxHttpServer } from "./server";
import { parseGrpcTimeout } from "./gateway";
import { createFakeAdmin, intLiteralMap, type FakeAdmin } from "./testing/fake-admin";

let admin: FakeAdmin;
let sandbox: SandboxHttpServer;
let base: string;

beforeAll(async () => {
  admin = createFakeAdmin();
  sandbox = createSandboxHttpServer({ routes: admin.routes, faults: new FaultState(), port: 0 });
  base = (await sandbox.listen()).url;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  admin.executions.clear();
  admin.lastRequest.clear();
});

const json = { "Content-Type": "application/json" };

async function createExecution(name: string) {
  const res = await fetch(`${base}/api/v1/executions`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      project: "flytesnacks",
      domain: "development",
      name,
      spec: {
        launch_plan: { resource_type: "LAUNCH_PLAN", project: "flytesnacks", domain: "development", name: "core.basic.hello_world.my_wf", version: "v1" },
        metadata: { mode: "MANUAL", principal: "curl" },
      },
      inputs: { literals: { x: { scalar: { primitive: { integer: "3" } } } } },
    }),
  });
  return res;
}

describe("the docs' REST examples", () => {
  it("creates an execution (POST /api/v1/executions) and answers in snake_case JSON", async () => {
    const res = await createExecution("f1a2b3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ id: { project: "flytesnacks", domain: "development", name: "f1a2b3", org: "" } });
    const seen = admin.lastRequest.get("createExecution");
    expect(seen).toMatchObject({ name: "f1a2b3", spec: { launchPlan: { resourceType: ResourceType.LAUNCH_PLAN, version: "v1" } } });
  });

  it("gets an execution (GET /api/v1/executions/{project}/{domain}/{name})", async () => {
    await createExecution("f1a2b3");
    const res = await fetch(`${base}/api/v1/executions/flytesnacks/development/f1a2b3`, { headers: json });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.id).toEqual({ project: "flytesnacks", domain: "development", name: "f1a2b3", org: "" });
    expect(body.closure.phase).toBe("RUNNING");
    expect(body.closure.computed_inputs.literals.x.scalar.primitive.integer).toBe("3");
  });

  it("writes unset message fields as null, as FlyteAdmin's gateway (EmitUnpopulated) does", async () => {
    await createExecution("f1a2b3");
    const body = await (await fetch(`${base}/api/v1/executions/flytesnacks/development/f1a2b3`, { headers: json })).json();
    expect(body.spec.auth_role).toBeNull();
    expect(body.spec).toHaveProperty("raw_output_data_config", null);
    expect(body.spec.inputs).toBeNull();
  });

  it("lists node executions with limit, filters and sort_by.key as query parameters", async () => {
    await createExecution("f1a2b3");
    const filters = "eq(phase,SUCCEEDED)+value_in(node_id,n0;n1)";
    const url =
      `${base}/api/v1/node_executions/flytesnacks/development/f1a2b3` +
      `?limit=2&filters=${encodeURIComponent(filters)}&sort_by.key=created_at&sort_by.direction=ASCENDING&unique_parent_id=n5`;
    const res = await fetch(url, { headers: json });
    expect(res.status).toBe(200);
    expect((await res.json()).node_executions.map((n: { id: { node_id: string } }) => n.id.node_id)).toEqual(["start-node", "n0"]);
    const req = admin.lastRequest.get("listNodeExecutions") as NodeExecutionListRequest;
    expect(req.workflowExecutionId).toMatchObject({ project: "flytesnacks", domain: "development", name: "f1a2b3" });
    expect(req.limit).toBe(2);
    expect(req.filters).toBe(filters);
    expect(req.sortBy).toMatchObject({ key: "created_at", direction: Sort_Direction.ASCENDING });
    expect(req.uniqueParentId).toBe("n5");
  });

  it("gets node execution data (GET /api/v1/data/node_executions/...)", async () => {
    await createExecution("f1a2b3");
    const res = await fetch(`${base}/api/v1/data/node_executions/flytesnacks/development/f1a2b3/n0`, { headers: json });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.full_outputs.literals.o0.scalar.primitive.integer).toBe("42");
    expect(admin.lastRequest.get("getNodeExecutionData")).toMatchObject({ id: { nodeId: "n0", executionId: { name: "f1a2b3" } } });
  });

  it("terminates an execution (DELETE with a JSON body) and the cause arrives", async () => {
    await createExecution("f1a2b3");
    const res = await fetch(`${base}/api/v1/executions/flytesnacks/development/f1a2b3`, {
      method: "DELETE",
      headers: json,
      body: JSON.stringify({ cause: "no longer needed" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const req = admin.lastRequest.get("terminateExecution") as ExecutionTerminateRequest;
    expect(req.cause).toBe("no longer needed");
    expect(req.id).toMatchObject({ name: "f1a2b3" });
    expect(admin.executions.get("flytesnacks/development/f1a2b3")?.closure?.phase).toBe(WorkflowExecution_Phase.ABORTED);
  });

  it("recovers an execution (POST /api/v1/executions/recover)", async () => {
    await createExecution("f1a2b3");
    const res = await fetch(`${base}/api/v1/executions/recover`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ id: { project: "flytesnacks", domain: "development", name: "f1a2b3" }, name: "f1a2b3-r1" }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).id.name).toBe("f1a2b3-r1");
    expect((admin.lastRequest.get("recoverExecution") as ExecutionRecoverRequest).id?.name).toBe("f1a2b3");
  });

  it("works with curl itself, as the docs run it (no Content-Type: curl -d sends form-urlencoded)", async (ctx) => {
    try {
      await promisify(execFile)("curl", ["--version"]);
    } catch {
      console.log("skipping: curl is not installed");
      return ctx.skip();
    }
    const run = async (...args: string[]) => (await promisify(execFile)("curl", ["-sS", ...args])).stdout;
    const created = JSON.parse(await run("-X", "POST", `${base}/api/v1/executions`, "-d", '{"project":"flytesnacks","domain":"development","name":"viacurl","inputs":{}}'));
    expect(created.id.name).toBe("viacurl");
    const got = JSON.parse(await run(`${base}/api/v1/executions/flytesnacks/development/viacurl`));
    expect(got.closure.phase).toBe("RUNNING");
    await run("-X", "DELETE", `${base}/api/v1/executions/flytesnacks/development/viacurl`, "-H", "Content-Type: application/json", "-d", '{"cause":"test"}');
    expect(admin.executions.get("flytesnacks/development/viacurl")?.closure?.phase).toBe(WorkflowExecution_Phase.ABORTED);
  });
});

describe("encodings", () => {
  it("round-trips binary protobuf as the old console does (octet-stream in, Accept octet-stream out)", async () => {
    const request = create(ExecutionCreateRequestSchema, { project: "flytesnacks", domain: "development", name: "bin1", inputs: intLiteralMap({ n: 7 }) });
    const res = await fetch(`${base}/api/v1/executions`, {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream", Accept: "application/octet-stream" },
      body: toBinary(ExecutionCreateRequestSchema, request),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    const created = fromBinary(ExecutionCreateResponseSchema, new Uint8Array(await res.arrayBuffer()));
    expect(created.id?.name).toBe("bin1");

    const got = await fetch(`${base}/api/v1/executions/flytesnacks/development/bin1`, { headers: { Accept: "application/octet-stream" } });
    const execution = fromBinary(ExecutionSchema, new Uint8Array(await got.arrayBuffer()));
    expect(execution.closure?.computedInputs?.literals.n.value).toMatchObject({ case: "scalar" });
    expect(execution.closure?.phase).toBe(WorkflowExecution_Phase.RUNNING);
  });

  it("accepts camelCase and snake_case JSON names, and answers camelCase without a JSON content type", async () => {
    const res = await fetch(`${base}/api/v1/executions`, {
      method: "POST",
      body: JSON.stringify({ project: "p", domain: "d", name: "camel", spec: { launchPlan: { resourceType: 3, name: "lp" } } }),
    });
    expect(res.status).toBe(200);
    expect(admin.lastRequest.get("createExecution")).toMatchObject({ spec: { launchPlan: { resourceType: ResourceType.LAUNCH_PLAN, name: "lp" } } });
    const got = await (await fetch(`${base}/api/v1/executions/p/d/camel`)).json();
    expect(got.closure.computedInputs).toEqual({ literals: {} });
  });

  it("refuses unknown JSON fields with application/json, as FlyteAdmin's marshaler does", async () => {
    const res = await fetch(`${base}/api/v1/executions`, { method: "POST", headers: json, body: '{"project":"p","domain":"d","bogus":1}' });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe(3);
  });
});

describe("query parameters", () => {
  it("maps nested fields, enums by name or number, and ignores unknown keys", async () => {
    await fetch(`${base}/api/v1/executions/flytesnacks/development?limit=20&token=abc&sort_by.key=created_at&sortBy.direction=1&filters=eq(phase,FAILED)&utm=x`);
    const req = admin.lastRequest.get("listExecutions") as ResourceListRequest;
    expect(req).toMatchObject({ limit: 20, token: "abc", filters: "eq(phase,FAILED)", sortBy: { key: "created_at", direction: Sort_Direction.ASCENDING } });
    expect(req.id).toMatchObject({ project: "flytesnacks", domain: "development" });
  });

  it("reads an enum path variable by name or by number", async () => {
    for (const t of ["WORKFLOW", "2"]) {
      const res = await fetch(`${base}/api/v1/named_entities/${t}/flytesnacks/development?limit=5`);
      expect(res.status).toBe(200);
      expect((admin.lastRequest.get("listNamedEntities") as NamedEntityListRequest).resourceType).toBe(ResourceType.WORKFLOW);
    }
  });

  it("answers 400 for a value that does not parse, naming the field", async () => {
    const res = await fetch(`${base}/api/v1/executions/flytesnacks/development?limit=ten`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: 3 });
    expect(body.message).toContain("limit");
    expect(body.error).toBe(body.message);
  });

  it("takes a form POST in place of a GET, its body holding the query (grpc-gateway's fallback)", async () => {
    const res = await fetch(`${base}/api/v1/executions/flytesnacks/development`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ filters: "eq(phase,RUNNING)", limit: "4" }),
    });
    expect(res.status).toBe(200);
    expect(admin.lastRequest.get("listExecutions")).toMatchObject({ filters: "eq(phase,RUNNING)", limit: 4 });
  });

  it("serves SignalService's annotated path too", async () => {
    const res = await fetch(`${base}/api/v1/signals/flytesnacks/development/f1?limit=3`);
    expect(res.status).toBe(200);
    expect(admin.lastRequest.get("listSignals")).toMatchObject({ workflowExecutionId: { name: "f1" }, limit: 3 });
  });
});

describe("errors, as grpc-gateway maps them", () => {
  const cases: [string, string, RequestInit | undefined, number, number][] = [
    ["NotFound", "/api/v1/executions/flytesnacks/development/nope", undefined, 404, 5],
    ["PermissionDenied", "/api/v1/projects/secret", undefined, 403, 7],
    ["Unavailable", "/api/v1/version", undefined, 503, 14],
    ["Unimplemented (method without an implementation)", "/api/v1/tasks/p/d/n/v", undefined, 501, 12],
    ["no such path", "/api/v1/nothing/here", undefined, 404, 5],
    ["wrong HTTP method (grpc-gateway answers 501 Method Not Allowed)", "/api/v1/executions/recover", { method: "GET" }, 501, 12],
  ];
  for (const [name, path, init, status, code] of cases) {
    it(`${name} → ${status}`, async () => {
      const res = await fetch(`${base}${path}`, init);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/json");
      const body = await res.json();
      expect(body.code).toBe(code);
      expect(typeof body.message).toBe("string");
      expect(body.error).toBe(body.message);
    });
  }

  it("AlreadyExists → 409", async () => {
    await createExecution("dup");
    const res = await createExecution("dup");
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 6, message: "execution dup already exists" });
  });

  it("InvalidArgument from the service → 400", async () => {
    const res = await fetch(`${base}/api/v1/executions`, { method: "POST", headers: json, body: "{}" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 3, message: "missing project or domain" });
  });

  it("refuses a cross-site form POST (a web page aiming at the loopback port), allows same-origin", async () => {
    const body = '{"project":"p","domain":"d","name":"csrf"}';
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const cross = await fetch(`${base}/api/v1/executions`, { method: "POST", headers: { ...form, Origin: "https://evil.example" }, body });
    expect(cross.status).toBe(403);
    expect(admin.executions.has("p/d/csrf")).toBe(false);
    const same = await fetch(`${base}/api/v1/executions`, { method: "POST", headers: { ...form, Origin: base }, body });
    expect(same.status).toBe(200);
  });

  it("a body that is not JSON → 400", async () => {
    const res = await fetch(`${base}/api/v1/executions`, { method: "POST", headers: json, body: "{nope" });
    expect(res.status).toBe(400);
  });
});

describe("grpc-timeout", () => {
  it("reads each unit, and a deadline longer than a timer can hold as none (was: fired after 1 ms)", () => {
    expect(parseGrpcTimeout("5S")).toBe(5000);
    expect(parseGrpcTimeout("300m")).toBe(300);
    expect(parseGrpcTimeout("2M")).toBe(120_000);
    expect(parseGrpcTimeout("1n")).toBe(1);
    expect(parseGrpcTimeout("99999999H")).toBeUndefined();
    expect(parseGrpcTimeout("5 S")).toBeUndefined();
  });
});
