// Registration as FlyteAdmin answers it: a version is immutable, so registering it again answers
// AlreadyExists when identical and InvalidArgument when changed; launch plan inputs must fit the workflow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clone, create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { LaunchPlanCreateRequestSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskCreateRequestSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { CreateWorkflowFailureReasonSchema, WorkflowCreateRequestSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { LiteralMapSchema, RetryStrategySchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { CatalogBuilder } from "../seed/catalog/builder";
import { L, T } from "../seed/catalog/literals";
import { out, taskNode, wfInput } from "../seed/catalog/nodes";
import { registerSteps } from "../seed";
import { putProject } from "../store/projects";
import { DOMAINS } from "./projects";
import { startTestSandbox, type TestSandbox } from "./testing/server";

const P = "flytesnacks";
const D = "development";
let sb: TestSandbox;

function catalog() {
  const c = new CatalogBuilder(P, D, "v1");
  const double = c.task({ name: "t.double", description: "", inputs: { n: T.int }, outputs: { o0: T.int } });
  const wf = c.workflow({
    name: "wf.double",
    description: "",
    inputs: { n: T.int, label: T.str },
    outputs: { o0: T.int },
    defaults: { n: L.int(3) },
    nodes: [taskNode("n0", double, { n: wfInput("n") })],
    returns: { o0: out("n0") },
  });
  const find = <K extends "task" | "workflow" | "launchPlan">(kind: K) => c.steps.find((s) => s.kind === kind)!;
  return { steps: c.steps, wf, find };
}

let cat: ReturnType<typeof catalog>;

beforeAll(async () => {
  sb = await startTestSandbox();
  putProject(sb.ctx.db, create(ProjectSchema, { id: P, name: P, domains: [...DOMAINS] }));
  cat = catalog();
  expect(registerSteps(sb.ctx, cat.steps)).toBe(0);
});
afterAll(() => sb.close());

async function errorOf(p: Promise<unknown>): Promise<ConnectError> {
  try {
    await p;
  } catch (err) {
    return ConnectError.from(err);
  }
  throw new Error("expected the call to fail");
}

describe("registering a version again", () => {
  it("answers AlreadyExists for an identical task, workflow and launch plan, as FlyteAdmin does", async () => {
    const task = await errorOf(sb.admin.createTask(cat.find("task").request as never));
    expect(task.code).toBe(Code.AlreadyExists);
    expect(task.rawMessage).toBe("task with identical structure already exists");
    const wf = await errorOf(sb.admin.createWorkflow(cat.find("workflow").request as never));
    expect(wf.code).toBe(Code.AlreadyExists);
    expect(wf.rawMessage).toBe("workflow with identical structure already exists");
    expect(wf.findDetails(CreateWorkflowFailureReasonSchema)[0]?.reason.case).toBe("existsIdenticalStructure");
    const lp = await errorOf(sb.admin.createLaunchPlan(cat.find("launchPlan").request as never));
    expect(lp.code).toBe(Code.AlreadyExists);
    expect(lp.rawMessage).toBe("launch plan with identical structure already exists");
  });

  it("answers InvalidArgument naming what changed for a changed task under the same id", async () => {
    const req = clone(TaskCreateRequestSchema, cat.find("task").request as never);
    req.spec!.template!.metadata!.retries = create(RetryStrategySchema, { retries: 4 });
    const err = await errorOf(sb.admin.createTask(req));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^t\.double task with different structure already exists\. \(Please register a new version of the task\):\n/);
    expect(err.rawMessage).toContain("retries");
  });

  it("answers InvalidArgument with the workflow failure reason for a changed workflow", async () => {
    const req = clone(WorkflowCreateRequestSchema, cat.find("workflow").request as never);
    req.spec!.template!.nodes[0].metadata!.name = "renamed";
    const err = await errorOf(sb.admin.createWorkflow(req));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^wf\.double workflow with different structure already exists/);
    expect(err.findDetails(CreateWorkflowFailureReasonSchema)[0]?.reason.case).toBe("existsDifferentStructure");
  });

  it("answers InvalidArgument for a changed launch plan", async () => {
    const req = clone(LaunchPlanCreateRequestSchema, cat.find("launchPlan").request as never);
    req.spec!.defaultInputs!.parameters.n.behavior = { case: "default", value: L.int(9) };
    const err = await errorOf(sb.admin.createLaunchPlan(req));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toMatch(/^wf\.double launch plan with different structure already exists/);
  });

  it("the seed's registration of the same steps twice counts no failure", () => {
    expect(registerSteps(sb.ctx, cat.steps)).toBe(0);
  });
});

describe("launch plan inputs against the workflow interface", () => {
  const lpRequest = (version: string) => {
    const req = clone(LaunchPlanCreateRequestSchema, cat.find("launchPlan").request as never);
    req.id!.version = version;
    req.id!.name = `lp.${version}`;
    return req;
  };

  it("refuses a default input of the wrong type with FlyteAdmin's literal-type message", async () => {
    const req = lpRequest("bad-default");
    req.spec!.defaultInputs!.parameters.n.behavior = { case: "default", value: L.str("three") };
    const err = await errorOf(sb.admin.createLaunchPlan(req));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toContain("Type mismatch for Parameter n in default_inputs has type simple:INTEGER, expected simple:STRING");
  });

  it("refuses a fixed input of the wrong type and one the workflow does not have", async () => {
    const req = lpRequest("bad-fixed");
    req.spec!.fixedInputs = create(LiteralMapSchema, { literals: { label: L.int(1) } });
    let err = await errorOf(sb.admin.createLaunchPlan(req));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toContain("invalid fixed_input wrong type label, expected simple:STRING, got simple:INTEGER instead");
    const extra = lpRequest("extra-fixed");
    extra.spec!.fixedInputs = create(LiteralMapSchema, { literals: { nope: L.str("x") } });
    err = await errorOf(sb.admin.createLaunchPlan(extra));
    expect(err.code).toBe(Code.InvalidArgument);
    expect(err.rawMessage).toContain("unexpected fixed_input nope");
  });

  it("accepts defaults and fixed inputs of the right types", async () => {
    const req = lpRequest("ok");
    req.spec!.fixedInputs = create(LiteralMapSchema, { literals: { label: L.str("x") } });
    await expect(sb.admin.createLaunchPlan(req)).resolves.toBeDefined();
  });
});

describe("description entity filters", () => {
  const list = (filters: string) =>
    sb.admin.listDescriptionEntities({ resourceType: 2, id: { project: P, domain: D, name: "wf.double" }, limit: 10, filters });

  it("accepts the workflow.* prefixed fields FlyteAdmin accepts for workflows", async () => {
    await expect(list("eq(workflow.name,wf.double)+eq(workflow.version,v1)")).resolves.toBeDefined();
  });

  it("refuses another entity's fields, as FlyteAdmin does", async () => {
    const err = await errorOf(list("eq(task.name,t.double)"));
    expect(err.code).toBe(Code.InvalidArgument);
  });
});
