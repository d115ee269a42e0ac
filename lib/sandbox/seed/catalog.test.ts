import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { LiteralTypeSchema, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { Node, WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import { compileWorkflow, identifierKey, type LaunchPlanInterface } from "@/lib/sandbox/compiler";
import { areTypesCastable, literalTypeOfScalar } from "@/lib/sandbox/compiler/typing";
import { nodeUniqueId } from "@/lib/sandbox/executor/ids";
import { drive, InMemoryExecution, nodeEvents } from "@/lib/sandbox/executor/testing";
import { seedCatalog, type SeedCatalog } from "./catalog";

const catalog = seedCatalog("flytesnacks", "development");

/** Registers the catalog the way FlyteAdmin would, in `steps` order, compiling every workflow. */
function register(c: SeedCatalog) {
  const tasks = new Map<string, TaskTemplate>();
  const workflows = new Map<string, { template: WorkflowTemplate; closure: CompiledWorkflowClosure }>();
  const launchPlans = new Map<string, LaunchPlanInterface>();
  for (const step of c.steps) {
    if (step.kind === "task") {
      tasks.set(identifierKey(step.request.id), step.request.spec!.template!);
    } else if (step.kind === "workflow") {
      const closure = compileWorkflow(step.request.spec!, (id) => tasks.get(identifierKey(id)), (id) => launchPlans.get(identifierKey(id)));
      workflows.set(identifierKey(step.request.id), { template: step.request.spec!.template!, closure });
    } else {
      const wf = workflows.get(identifierKey(step.request.spec?.workflowId));
      if (!wf) throw new Error(`launch plan ${step.request.id?.name} is registered before its workflow`);
      launchPlans.set(identifierKey(step.request.id), {
        expectedInputs: step.request.spec?.defaultInputs,
        expectedOutputs: wf.template.interface?.outputs,
      });
    }
  }
  return { tasks, workflows, launchPlans };
}
const registered = register(catalog);

const NONE = create(LiteralTypeSchema, { type: { case: "simple", value: SimpleType.NONE } });

/** The type of a literal value (a container's type from its first element; empty ones hold None). */
function literalType(lit: Literal): LiteralType | undefined {
  const v = lit.value;
  if (v.case === "scalar") return literalTypeOfScalar(v.value);
  if (v.case === "collection") {
    const first = v.value.literals[0];
    const element = first ? literalType(first) : NONE;
    return element && create(LiteralTypeSchema, { type: { case: "collectionType", value: element } });
  }
  if (v.case === "map") {
    const first = Object.values(v.value.literals)[0];
    const value = first ? literalType(first) : NONE;
    return value && create(LiteralTypeSchema, { type: { case: "mapValueType", value } });
  }
  return undefined;
}

/** e.g. "integer", "blob", "union", "collection". */
function literalKind(lit: Literal): string {
  if (lit.value.case !== "scalar") return lit.value.case ?? "empty";
  const scalar = lit.value.value.value;
  if (scalar.case === "primitive") return scalar.value.value.case ?? "empty";
  return scalar.case ?? "empty";
}

function* walkNodes(nodes: Node[]): Generator<Node> {
  for (const node of nodes) {
    yield node;
    const t = node.target;
    if (t.case === "branchNode") {
      const ifElse = t.value.ifElse;
      const cases = [ifElse?.case?.thenNode, ...(ifElse?.other ?? []).map((o) => o.thenNode)];
      if (ifElse?.default.case === "elseNode") cases.push(ifElse.default.value);
      yield* walkNodes(cases.filter((n): n is Node => n !== undefined));
    } else if (t.case === "arrayNode" && t.value.node) {
      yield* walkNodes([t.value.node]);
    }
  }
}

function taskOf(node: Node): TaskTemplate | undefined {
  return node.target.case === "taskNode" ? registered.tasks.get(identifierKey(node.target.value.reference.value)) : undefined;
}

const sandboxOf = (task: TaskTemplate | undefined) => (task?.custom?.sandbox ?? {}) as Record<string, unknown>;

/** What a workflow (with its sub-workflows) exercises, in the executor's terms. */
function features(template: WorkflowTemplate, subWorkflows: WorkflowTemplate[] = []): Set<string> {
  const found = new Set<string>();
  for (const wf of [template, ...subWorkflows]) {
    if (wf.failureNode) found.add("failure-node");
    if (wf.nodes.length >= 1000) found.add("1000-nodes");
    if (wf.nodes.length >= 5000) found.add("5000-nodes");
    for (const node of walkNodes(wf.nodes)) {
      const t = node.target;
      if (t.case === "taskNode") found.add("task");
      if (t.case === "branchNode") found.add("branch");
      if (t.case === "arrayNode") found.add("array");
      if (t.case === "gateNode") found.add(`gate:${t.value.condition.case}`);
      if (t.case === "workflowNode") found.add(t.value.reference.case === "launchplanRef" ? "launch-plan" : "sub-workflow");
      const task = taskOf(node);
      const s = sandboxOf(task);
      const retries = task?.metadata?.retries?.retries ?? 0;
      const failAttempts = typeof s.failAttempts === "number" ? s.failAttempts : 0;
      if (s.dynamic) found.add("dynamic");
      if (Array.isArray(s.failIndices) && s.failIndices.length > 0) found.add("array-item-failure");
      if (task?.metadata?.discoverable) found.add("cached");
      if (s.timeout) found.add("timeout");
      if (s.errorKind === "SYSTEM") found.add("system-error");
      if (failAttempts > retries && retries > 0) found.add("retries-exhausted");
      if (failAttempts > 0 && failAttempts <= retries) found.add("retries-then-success");
      if (failAttempts > 0 && retries === 0) found.add("recoverable-failure");
      if (typeof s.durationMs === "number" && s.durationMs >= 10 * 60_000) found.add("long-running");
    }
  }
  return found;
}

describe("seedCatalog", () => {
  it("registers every workflow through the compiler, in steps order", () => {
    expect(registered.workflows.size).toBe(catalog.workflows.length);
    expect(catalog.steps).toHaveLength(catalog.tasks.length + catalog.workflows.length + catalog.launchPlans.length);
    for (const { closure } of registered.workflows.values()) {
      expect(closure.primary?.template?.nodes[0]?.id).toBe("start-node");
    }
  });

  it("has a workflow of at least 1,000 nodes and one of 5,000 that compiles fast", () => {
    const sizes = [...registered.workflows.values()].map((w) => w.template.nodes.length).sort((a, b) => b - a);
    expect(sizes[0]).toBeGreaterThanOrEqual(5000);
    expect(sizes[1]).toBeGreaterThanOrEqual(1000);
    const big = catalog.workflows.find((w) => w.spec!.template!.nodes.length >= 5000)!;
    const started = performance.now();
    compileWorkflow(big.spec!, (id) => registered.tasks.get(identifierKey(id)));
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("covers every node kind, including dynamic tasks", () => {
    const all = new Set<string>();
    for (const w of catalog.workflows) for (const f of features(w.spec!.template!)) all.add(f);
    for (const kind of ["task", "sub-workflow", "launch-plan", "branch", "gate:approve", "gate:signal", "gate:sleep", "array", "dynamic"]) {
      expect(all, kind).toContain(kind);
    }
  });

  it("uses every literal type as a task input and as a task output", () => {
    const kinds = (t: LiteralType | undefined, into: Set<string>): void => {
      const v = t?.type;
      if (!v?.case) return;
      if (v.case === "simple") into.add(SimpleType[v.value]);
      else into.add(v.case);
      if (v.case === "collectionType" || v.case === "mapValueType") kinds(v.value, into);
      if (v.case === "unionType") v.value.variants.forEach((x) => kinds(x, into));
      if (v.case === "simple" && v.value === SimpleType.STRUCT && t?.metadata?.$schema) into.add("STRUCT+jsonschema");
    };
    const inputs = new Set<string>();
    const outputs = new Set<string>();
    for (const task of registered.tasks.values()) {
      Object.values(task.interface?.inputs?.variables ?? {}).forEach((v) => kinds(v.type, inputs));
      Object.values(task.interface?.outputs?.variables ?? {}).forEach((v) => kinds(v.type, outputs));
    }
    const every = ["INTEGER", "FLOAT", "STRING", "BOOLEAN", "DATETIME", "DURATION", "NONE", "STRUCT", "STRUCT+jsonschema",
      "enumType", "blob", "structuredDatasetType", "collectionType", "mapValueType", "unionType"];
    expect([...inputs].sort()).toEqual(expect.arrayContaining(every));
    expect([...outputs].sort()).toEqual(expect.arrayContaining(every));
  });

  it("gives launch plans defaults of every literal kind, each of its input's type", () => {
    const valueKinds = new Set<string>();
    for (const lp of catalog.launchPlans) {
      const wf = registered.workflows.get(identifierKey(lp.spec?.workflowId))!;
      for (const [name, p] of Object.entries(lp.spec?.defaultInputs?.parameters ?? {})) {
        expect(wf.template.interface?.inputs?.variables[name], `${lp.id?.name}.${name}`).toBeDefined();
        if (p.behavior.case !== "default") continue;
        const lit = p.behavior.value;
        valueKinds.add(literalKind(lit));
        const t = literalType(lit);
        expect(t && areTypesCastable(t, p.var!.type!), `default of ${lp.id?.name}.${name}`).toBe(true);
      }
    }
    for (const kind of ["integer", "floatValue", "stringValue", "boolean", "datetime", "duration", "generic", "blob", "structuredDataset", "union", "collection", "map"]) {
      expect(valueKinds, kind).toContain(kind);
    }
    const scheduled = catalog.launchPlans.filter((lp) => lp.spec?.entityMetadata?.schedule?.ScheduleExpression.case === "cronSchedule");
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].spec?.entityMetadata?.schedule?.kickoffTimeInputArg).toBe("kickoff_time");
  });

  it("launches one run of each interesting workflow, with inputs the launch plan accepts", () => {
    const launched = new Set<string>();
    for (const launch of catalog.launches) {
      expect(launch.name).toMatch(/^[a-z][a-z0-9-]{0,19}$/);
      const lp = registered.launchPlans.get(identifierKey(launch.spec?.launchPlan));
      expect(lp, launch.name).toBeDefined();
      const params = lp!.expectedInputs?.parameters ?? {};
      for (const [name, lit] of Object.entries(launch.inputs?.literals ?? {})) {
        const t = literalType(lit);
        expect(t && areTypesCastable(t, params[name]!.var!.type!), `${launch.name}.${name}`).toBe(true);
      }
      for (const [name, p] of Object.entries(params)) {
        if (p.behavior.case === "required") expect(launch.inputs?.literals[name], `${launch.name} needs ${name}`).toBeDefined();
      }
      const lpRequest = catalog.launchPlans.find((l) => identifierKey(l.id) === identifierKey(launch.spec?.launchPlan))!;
      const wf = catalog.workflows.find((w) => identifierKey(w.id) === identifierKey(lpRequest.spec?.workflowId))!;
      for (const f of features(wf.spec!.template!, wf.spec!.subWorkflows)) launched.add(f);
    }
    expect(new Set(catalog.launches.map((l) => l.name)).size).toBe(catalog.launches.length);
    for (const f of ["gate:approve", "gate:signal", "gate:sleep", "branch", "array", "array-item-failure", "dynamic", "sub-workflow", "launch-plan",
      "cached", "timeout", "system-error", "retries-exhausted", "retries-then-success", "recoverable-failure", "failure-node",
      "long-running", "1000-nodes"]) {
      expect(launched, f).toContain(f);
    }
    // The 5,000-node workflow is for benchmarks, not for every first boot.
    expect([...launched]).not.toContain("5000-nodes");
  });

  it("scopes every id to the project and domain asked for", () => {
    const other = seedCatalog("ml-platform", "staging");
    const ids = [...other.tasks, ...other.workflows, ...other.launchPlans].map((r) => r.id!);
    expect(new Set(ids.map((id) => `${id.project}/${id.domain}/${id.version}`))).toEqual(new Set(["ml-platform/staging/v1"]));
    expect(other.launches.every((l) => l.project === "ml-platform" && l.domain === "staging")).toBe(true);
    const names = catalog.workflows.map((w) => w.id!.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("core.flyte_basics.hello_world.my_wf");
  });
});

describe("seed-hashed-ids", () => {
  it("runs children whose node ids FlytePropeller shortens to hashes, each reporting its real parent", () => {
    const wf = [...registered.workflows.values()].find((w) => w.template.id?.name === "core.control_flow.subworkflows.deeply_nested_wf");
    expect(wf, "the seed registers deeply_nested_wf").toBeDefined();
    const ex = new InMemoryExecution({ closure: wf!.closure });
    drive(ex, { until: (e) => e.snapshot.nodeExecutions.length >= 4 });
    const parents = new Map<string, string>();
    for (const ne of ex.snapshot.nodeExecutions) {
      const parent = nodeEvents(ex, ne.id!.nodeId)[0]?.parentNodeMetadata?.nodeId;
      if (parent) parents.set(ne.id!.nodeId, parent);
    }
    const hashed = [...parents.keys()].filter((id) => /^f[a-z1-6]{7}$/.test(id));
    expect(hashed.length).toBeGreaterThanOrEqual(2);
    for (const id of hashed) {
      expect(parents.get(id)).toBe("node-deeply-nested");
      expect(id).toBe(nodeUniqueId({ uniqueId: "node-deeply-nested", attempt: 0, inDynamicChain: false }, ex.node(id)!.metadata!.specNodeId));
    }
  });
});
