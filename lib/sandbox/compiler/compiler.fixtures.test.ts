// The sandbox compiler against FlytePropeller's own output: specs serialised by flytekit (or taken
// back out of a compiled closure) must compile to the same nodes and connections.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clone, create, fromBinary, fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import { WorkflowSpecSchema, type WorkflowSpec } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { TaskSpecSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import {
  CompiledTaskSchema,
  CompiledWorkflowClosureSchema,
  CompiledWorkflowSchema,
  type CompiledWorkflow,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { WorkflowClosureSchema } from "@/lib/gen/flyteidl/core/workflow_closure_pb";
import { WorkflowTemplateSchema, type Node, type WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { compileWorkflow, identifierKey, taskResolverFrom, type LaunchPlanInterface } from "./index";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

const fixturesDir = FLYTE_FIXTURES_DIR;

const snacks = (...p: string[]) => path.join(fixturesDir, "flyte-compiler-snacks-core", ...p);
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as JsonValue;

function compiledFixture(prefix: string): CompiledWorkflowClosure {
  const file = readdirSync(snacks("compiled")).find((f) => f.startsWith(prefix) && f.endsWith("_wf.json"));
  if (!file) throw new Error(`no compiled fixture ${prefix}`);
  return fromJson(CompiledWorkflowClosureSchema, readJson(snacks("compiled", file)));
}

function serialized<T>(prefix: string, decode: (bytes: Uint8Array) => T): T {
  const file = readdirSync(snacks("serialized")).find((f) => f.startsWith(prefix) && f.endsWith(".pb"));
  if (!file) throw new Error(`no serialized fixture ${prefix}`);
  return decode(readFileSync(snacks("serialized", file)));
}

/** Every task the fixtures know: serialized TaskSpecs and the tasks of every compiled closure. */
function allFixtureTasks(): TaskTemplate[] {
  const tasks: TaskTemplate[] = [];
  for (const f of readdirSync(snacks("serialized")).filter((f) => f.endsWith("_1.pb"))) {
    const spec = fromBinary(TaskSpecSchema, readFileSync(snacks("serialized", f)));
    if (spec.template) tasks.push(spec.template);
  }
  for (const f of readdirSync(snacks("compiled"))) {
    const json = readJson(snacks("compiled", f));
    if (f.endsWith("_task.json")) tasks.push(fromJson(CompiledTaskSchema, json).template as TaskTemplate);
    else tasks.push(...fromJson(CompiledWorkflowClosureSchema, json).tasks.map((t) => t.template as TaskTemplate));
  }
  return tasks;
}

/** Undoes what the compiler adds, giving back the template flytekit would have registered. */
function uncompiledTemplate(compiled: WorkflowTemplate): WorkflowTemplate {
  const template = clone(WorkflowTemplateSchema, compiled);
  template.nodes = template.nodes.filter((n) => n.id !== "start-node" && n.id !== "end-node");
  const unprefixCases = (node: Node) => {
    if (node.target.case !== "branchNode") return;
    const ifElse = node.target.value.ifElse;
    const cases = [ifElse?.case?.thenNode, ...(ifElse?.other ?? []).map((o) => o.thenNode)];
    if (ifElse?.default.case === "elseNode") cases.push(ifElse.default.value);
    for (const c of cases) {
      if (!c) continue;
      unprefixCases(c);
      c.id = c.id.slice(node.id.length + 1);
    }
  };
  template.nodes.forEach(unprefixCases);
  return template;
}

/** Comparable form: proto3 JSON with nodes ordered by id. */
function normalised(wf: CompiledWorkflow | undefined): JsonValue {
  const json = toJson(CompiledWorkflowSchema, wf ?? create(CompiledWorkflowSchema)) as {
    template?: { nodes?: { id: string }[] };
  };
  json.template?.nodes?.sort((a, b) => a.id.localeCompare(b.id));
  return json as JsonValue;
}

function expectSameWorkflow(actual: CompiledWorkflow | undefined, expected: CompiledWorkflow | undefined) {
  expect(actual?.connections, "connections").toEqual(expected?.connections);
  expect(normalised(actual)).toEqual(normalised(expected));
}

describe("compileWorkflow matches FlytePropeller's compiler", () => {
  const resolveTask = taskResolverFrom(allFixtureTasks());

  it("compiles flytekit's serialized my_subwf (062) exactly as the real compiler did", () => {
    const spec = serialized("062_", (b) => fromBinary(WorkflowSpecSchema, b));
    const expected = compiledFixture("062_");
    const closure = compileWorkflow(spec, resolveTask);
    expectSameWorkflow(closure.primary, expected.primary);
    expect(closure.tasks.map((t) => identifierKey(t.template?.id))).toEqual(
      expected.tasks.map((t) => identifierKey(t.template?.id)),
    );
  });

  it("compiles parent_wf (064): its sub-workflow as the real my_subwf, its own graph through the sub-workflow node", () => {
    const spec = serialized("064_", (b) => fromBinary(WorkflowSpecSchema, b));
    const closure = compileWorkflow(spec, resolveTask);
    expect(closure.subWorkflows).toHaveLength(1);
    expectSameWorkflow(closure.subWorkflows[0], compiledFixture("062_").primary);
    const ids = (m: Record<string, { ids: string[] }> | undefined) =>
      Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v.ids]));
    expect(ids(closure.primary?.connections?.upstream)).toEqual({
      "node-t1-parent": ["start-node"],
      n1: ["node-t1-parent"],
      "end-node": ["n1", "node-t1-parent"],
    });
    expect(ids(closure.primary?.connections?.downstream)).toEqual({
      "start-node": ["node-t1-parent"],
      "node-t1-parent": ["end-node", "n1"],
      n1: ["end-node"],
    });
    expect(closure.tasks.map((t) => t.template?.id?.name)).toEqual(["core.control_flow.subworkflows.t1"]);
  });

  it("compiles the serialized map-task workflow (053) with the map task and its consumer", () => {
    const spec = serialized("053_", (b) => fromBinary(WorkflowSpecSchema, b));
    const closure = compileWorkflow(spec, resolveTask);
    expect(closure.primary?.connections?.upstream["n1"]?.ids).toEqual(["n0"]);
    expect(closure.primary?.connections?.downstream["start-node"]?.ids).toEqual(["n0"]);
    expect(closure.tasks.map((t) => t.template?.type).sort()).toEqual(["container_array", "python-task"]);
  });

  for (const prefix of ["010_", "039_", "042_", "059_", "062_", "147_", "162_"]) {
    it(`recompiles the template of compiled/${prefix}* to the same nodes and connections`, () => {
      const expected = compiledFixture(prefix);
      const spec = create(WorkflowSpecSchema, { template: uncompiledTemplate(expected.primary!.template!) });
      const closure = compileWorkflow(spec, resolveTask);
      expectSameWorkflow(closure.primary, expected.primary);
      expect(closure.tasks.length).toBe(expected.tasks.length);
    });
  }

  it("compiles the branch fixture (success_10_simple) as the real compiler did", () => {
    const dir = path.join(fixturesDir, "flyte-compiler-branch");
    const input = fromJson(WorkflowClosureSchema, readJson(path.join(dir, "success_10_simple.input.json")));
    const expected = fromJson(CompiledWorkflowClosureSchema, readJson(path.join(dir, "success_10_simple.compiled.json")));
    const spec = create(WorkflowSpecSchema, { template: input.workflow });
    const closure = compileWorkflow(spec, taskResolverFrom(input.tasks));
    expectSameWorkflow(closure.primary, expected.primary);
  });

  it("compiles flytesnacks' root_level_wf: nested sub-workflows and a launch-plan node, as FlyteAdmin stored it", () => {
    const dir = path.join(fixturesDir, "flytekit-remote-responses");
    const wf = fromBinary(WorkflowSchema, readFileSync(path.join(dir, "admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb")));
    const lp = fromBinary(LaunchPlanSchema, readFileSync(path.join(dir, "admin.launch_plan_pb2.LaunchPlan_core.control_flow.subworkflows.leaf_subwf.pb")));
    const expected = wf.closure!.compiledWorkflow!;
    const spec: WorkflowSpec = create(WorkflowSpecSchema, {
      template: uncompiledTemplate(expected.primary!.template!),
      subWorkflows: expected.subWorkflows.map((s) => uncompiledTemplate(s.template!)),
    });
    const launchPlans = new Map<string, LaunchPlanInterface>([[identifierKey(lp.id), lp.closure!]]);
    const closure = compileWorkflow(
      spec,
      taskResolverFrom(expected.tasks.map((t) => t.template!)),
      (id) => launchPlans.get(identifierKey(id)),
    );
    expectSameWorkflow(closure.primary, expected.primary);
    expect(closure.subWorkflows.map((s) => s.template?.id?.name)).toEqual(expected.subWorkflows.map((s) => s.template?.id?.name));
    closure.subWorkflows.forEach((sub, i) => expectSameWorkflow(sub, expected.subWorkflows[i]));
  });
});
