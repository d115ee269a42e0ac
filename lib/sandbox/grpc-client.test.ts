// Conformance with a gRPC client that is not ours: @grpc/grpc-js with the flyteidl .proto files loaded by
// @grpc/proto-loader (no generated code of this project), talking to the sandbox started in-process. It
// registers flytekit's serialized tasks, workflows and launch plan (what `pyflyte package` produced, from
// fixtures/flyte), launches, waits for SUCCEEDED, walks node and task executions with parent
// filters, reads the outputs; and checks the closure the sandbox stored against the real compiler's.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { fromBinary, fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { CompiledWorkflowClosureSchema, CompiledWorkflowSchema, type CompiledWorkflow } from "@/lib/gen/flyteidl/core/compiler_pb";
import { sandboxConfig } from "./config";
import { startSandbox, type RunningSandbox } from "./server";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = FLYTE_FIXTURES_DIR;
const SNACKS = path.join(FIXTURES, "flyte-compiler-snacks-core");

const PROJECT = "flytesnacks";
const DOMAIN = "development";
const VERSION = "grpc-v1";

type Obj = Record<string, unknown>;
type Callback = (err: grpc.ServiceError | null, res: Obj) => void;
type UnaryMethod = (req: Obj, cb: Callback) => void;

const packageDefinition = protoLoader.loadSync(["flyteidl/service/admin.proto", "flyteidl/service/signal.proto"], {
  includeDirs: [path.join(repoRoot, "node_modules/@flyteorg/flyteidl/protos"), path.join(repoRoot, "proto/vendor")],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: false,
  oneofs: true,
});
const adminDefinition = packageDefinition["flyteidl.service.AdminService"] as protoLoader.ServiceDefinition;

function serviceClient(qualifiedName: string, address: string): grpc.Client {
  let node: unknown = grpc.loadPackageDefinition(packageDefinition);
  for (const part of qualifiedName.split(".")) node = (node as grpc.GrpcObject)[part];
  const Client = node as grpc.ServiceClientConstructor;
  return new Client(address, grpc.credentials.createInsecure());
}

function unary(client: grpc.Client, method: string, req: Obj): Promise<Obj> {
  const fn = (client as unknown as Record<string, UnaryMethod>)[method];
  return new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res))));
}

/** A message whose field 2 holds these bytes (TaskCreateRequest.spec, WorkflowCreateRequest.spec). */
function asField2(bytes: Buffer): Buffer {
  const len: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    len.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from([0x12, ...len]), bytes]);
}

const serializedFile = (prefix: string) => {
  const file = readdirSync(path.join(SNACKS, "serialized")).find((f) => f.startsWith(prefix) && f.endsWith(".pb"));
  if (!file) throw new Error(`no serialized fixture ${prefix}`);
  return readFileSync(path.join(SNACKS, "serialized", file));
};
const id = (resource_type: string, name: string) => ({ resource_type, project: PROJECT, domain: DOMAIN, name, version: VERSION });
const integer = (n: number) => ({ scalar: { primitive: { integer: String(n) } } });

let sandbox: RunningSandbox;
let admin: grpc.Client;
let dataDir: string;

describe("a grpc-js client with the flyteidl protos", () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "sbx-grpc-"));
    const base = sandboxConfig({});
    sandbox = await startSandbox({
      ...base,
      grpcPort: 0,
      httpPort: 0,
      dataDir,
      tickMs: 20,
      seed: false,
      executor: { ...base.executor, taskDurationMs: 30, queueDelayMs: 10, failureRate: 0 },
    });
    admin = serviceClient("flyteidl.service.AdminService", `127.0.0.1:${sandbox.grpcPort}`);
  });
  afterAll(async () => {
    admin?.close();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function register(kind: "Task" | "Workflow", prefix: string): Promise<string> {
    const request = adminDefinition[`Create${kind}`].requestDeserialize(asField2(serializedFile(prefix))) as Obj;
    const template = (request.spec as { template: { id: { name: string } } }).template;
    request.id = id(kind.toUpperCase(), template.id.name);
    await unary(admin, `Create${kind}`, request);
    return template.id.name;
  }

  async function waitForPhase(execId: Obj, phase: string, timeoutMs = 20_000): Promise<Obj> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = await unary(admin, "GetExecution", { id: execId });
      const current = (e.closure as Obj | undefined)?.phase;
      if (current === phase) return e;
      if (["SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"].includes(String(current))) {
        throw new Error(`execution ${String(execId.name)} ended ${String(current)}: ${JSON.stringify((e.closure as Obj).error ?? "")}`);
      }
      if (Date.now() > deadline) throw new Error(`execution ${String(execId.name)} is ${String(current)}, not ${phase}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const listNodes = async (execId: Obj, more: Obj = {}) =>
    ((await unary(admin, "ListNodeExecutions", { workflow_execution_id: execId, limit: 100, ...more })).node_executions as Obj[]) ?? [];
  const nodeIds = (nodes: Obj[]) => nodes.map((n) => (n.id as { node_id: string }).node_id).sort();

  it("registers flytekit's serialized parent_wf (064, a sub-workflow inside), runs it to SUCCEEDED and reads it back", async () => {
    await register("Task", "061_"); // core.control_flow.subworkflows.t1
    await register("Workflow", "062_"); // my_subwf, also registered on its own as pyflyte does
    const wfName = await register("Workflow", "064_");
    expect(wfName).toBe("core.control_flow.subworkflows.parent_wf");
    // Registering the same spec again answers AlreadyExists, as FlyteAdmin does (flytekit counts it as done).
    await expect(register("Workflow", "064_")).rejects.toMatchObject({
      code: grpc.status.ALREADY_EXISTS,
      details: "workflow with identical structure already exists",
    });

    // parent_wf has no serialized launch plan among the fixtures: the default one flytekit would make.
    await unary(admin, "CreateLaunchPlan", {
      id: id("LAUNCH_PLAN", wfName),
      spec: {
        workflow_id: id("WORKFLOW", wfName),
        default_inputs: { parameters: { a: { var: { type: { simple: "INTEGER" }, description: "a" }, required: true } } },
      },
    });
    const bad = unary(admin, "CreateExecution", { project: PROJECT, domain: DOMAIN, spec: { launch_plan: id("LAUNCH_PLAN", wfName) } });
    await expect(bad).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining("missing required input 'a'") });

    const created = await unary(admin, "CreateExecution", {
      project: PROJECT,
      domain: DOMAIN,
      name: "grpc-parent-wf",
      spec: { launch_plan: id("LAUNCH_PLAN", wfName), metadata: { mode: "MANUAL", principal: "grpc-js" } },
      inputs: { literals: { a: integer(3) } },
    });
    const execId = created.id as Obj;
    expect(execId).toMatchObject({ project: PROJECT, domain: DOMAIN, name: "grpc-parent-wf" });
    const done = await waitForPhase(execId, "SUCCEEDED");
    expect((done.spec as Obj).metadata).toMatchObject({ principal: "grpc-js" });

    const top = await listNodes(execId);
    expect(nodeIds(top)).toEqual(["end-node", "n1", "node-t1-parent", "start-node"]);
    const sub = top.find((n) => (n.id as Obj).node_id === "n1")!;
    expect(sub.metadata).toMatchObject({ is_parent_node: true });
    expect(sub.closure).toMatchObject({ phase: "SUCCEEDED" });

    // The sub-workflow's nodes: children of n1, by the request's unique_parent_id and by a parent_id filter.
    const children = await listNodes(execId, { unique_parent_id: "n1" });
    expect(nodeIds(children)).toEqual(["n1-0-end-node", "n1-0-n0", "n1-0-n1", "n1-0-start-node"]);
    expect(children.every((n) => (n.metadata as Obj).retry_group === "0")).toBe(true);
    expect(nodeIds(await listNodes(execId, { filters: "eq(parent_id,n1)" }))).toEqual(nodeIds(children));
    expect(nodeIds(await listNodes(execId, { filters: "eq(parent_id,n1)+eq(node_id,n1-0-n1)" }))).toEqual(["n1-0-n1"]);

    for (const nodeId of ["node-t1-parent", "n1-0-n0", "n1-0-n1"]) {
      const attempts = (await unary(admin, "ListTaskExecutions", {
        node_execution_id: { execution_id: execId, node_id: nodeId },
        limit: 10,
        filters: "eq(phase,SUCCEEDED)",
      })).task_executions as Obj[];
      expect(attempts).toHaveLength(1);
      expect(attempts[0].id).toMatchObject({ task_id: { name: "core.control_flow.subworkflows.t1", version: VERSION } });
      expect((attempts[0].id as Obj).retry_attempt ?? 0).toBe(0); // proto3 leaves the zero value out
      expect((attempts[0].closure as { logs: Obj[] }).logs[0].uri).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${sandbox.httpPort}/logs/`));
    }

    // Outputs: o0 is t1's integer output, o1/o2 the sub-workflow's strings.
    const data = await unary(admin, "GetExecutionData", { id: execId });
    const outputs = (data.full_outputs as { literals: Record<string, Obj> }).literals;
    expect(Object.keys(outputs).sort()).toEqual(["o0", "o1", "o2"]);
    const t1 = await unary(admin, "GetNodeExecutionData", { id: { execution_id: execId, node_id: "node-t1-parent" } });
    expect(outputs.o0).toEqual((t1.full_outputs as { literals: Record<string, Obj> }).literals.t1_int_output);
    expect(outputs.o1).toMatchObject({ scalar: { primitive: { string_value: expect.any(String) } } });
    expect((t1.full_inputs as { literals: Record<string, Obj> }).literals.a).toMatchObject(integer(3));
  });

  it("registers the serialized map-task workflow (053) with its real launch plan (054) and runs it", async () => {
    for (const prefix of ["050_", "051_", "052_"]) await register("Task", prefix);
    await register("Workflow", "053_");
    const lp = adminDefinition.CreateLaunchPlan.requestDeserialize(serializedFile("054_")) as Obj; // admin.LaunchPlan: id=1, spec=2
    const name = (lp.id as { name: string }).name;
    lp.id = id("LAUNCH_PLAN", name);
    await unary(admin, "CreateLaunchPlan", lp);
    const created = await unary(admin, "CreateExecution", {
      project: PROJECT,
      domain: DOMAIN,
      spec: { launch_plan: id("LAUNCH_PLAN", name) },
      inputs: { literals: { a: { collection: { literals: [integer(1), integer(2), integer(3)] } } } },
    });
    await waitForPhase(created.id as Obj, "SUCCEEDED");
    const data = await unary(admin, "GetExecutionData", { id: created.id });
    expect((data.full_outputs as { literals: Record<string, Obj> }).literals.o0).toMatchObject({ scalar: { primitive: { string_value: expect.any(String) } } });
  });

  it("stores closures whose nodes and connections match FlytePropeller's compiler output (compiled/062)", async () => {
    const raw = (method: string, req: Obj) =>
      new Promise<Uint8Array>((resolve, reject) =>
        admin.makeUnaryRequest(
          `/flyteidl.service.AdminService/${method}`,
          adminDefinition[method].requestSerialize,
          (b: Buffer) => b,
          req,
          (err, res) => (err ? reject(err) : resolve(res!)),
        ),
      );
    const expected = fromJson(
      CompiledWorkflowClosureSchema,
      JSON.parse(readFileSync(path.join(SNACKS, "compiled/062_core.control_flow.subworkflows.my_subwf_2_wf.json"), "utf8")) as JsonValue,
    ).primary;
    const stored = (name: string) =>
      raw("GetWorkflow", { id: id("WORKFLOW", name) }).then((b) => fromBinary(WorkflowSchema, b).closure!.compiledWorkflow!);

    const subwf = await stored("core.control_flow.subworkflows.my_subwf");
    expectSameGraph(subwf.primary, expected);
    const parent = await stored("core.control_flow.subworkflows.parent_wf");
    expect(parent.subWorkflows).toHaveLength(1);
    expectSameGraph(parent.subWorkflows[0], expected);
  });
});

/** Nodes (by id) and connections as proto3 JSON, with the ids' project/domain/version the registration filled in left out. */
function graphOf(wf: CompiledWorkflow | undefined) {
  const json = toJson(CompiledWorkflowSchema, wf!) as { template: { nodes: { id: string }[] }; connections: JsonValue };
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const isIdentifier = "resourceType" in o && "name" in o;
      return Object.fromEntries(
        Object.entries(o)
          .filter(([k]) => !(isIdentifier && ["project", "domain", "version", "org"].includes(k)))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return { nodes: strip([...json.template.nodes].sort((a, b) => a.id.localeCompare(b.id))), connections: json.connections };
}

function expectSameGraph(actual: CompiledWorkflow | undefined, expected: CompiledWorkflow | undefined) {
  const a = graphOf(actual);
  const e = graphOf(expected);
  expect(a.connections).toEqual(e.connections);
  expect(a.nodes).toEqual(e.nodes);
}
