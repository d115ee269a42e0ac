import { describe, expect, it } from "vitest";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { WorkflowSpecSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { IdentifierSchema, ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { ParameterMapSchema, VariableMapSchema } from "@/lib/gen/flyteidl/core/interface_pb";
import { TaskTemplateSchema, type TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { LiteralTypeSchema, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { NodeSchema, WorkflowTemplateSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import { CompileError, compileWorkflow, taskResolverFrom, type CompileProblem } from "./index";

type NodeInit = MessageInitShape<typeof NodeSchema>;
const INT = create(LiteralTypeSchema, { type: { case: "simple", value: SimpleType.INTEGER } });
const STR = create(LiteralTypeSchema, { type: { case: "simple", value: SimpleType.STRING } });
const listOf = (t: LiteralType) => create(LiteralTypeSchema, { type: { case: "collectionType", value: t } });

const id = (name: string, resourceType = ResourceType.TASK): Identifier =>
  create(IdentifierSchema, { resourceType, project: "p", domain: "d", name, version: "v1" });
const vars = (v: Record<string, LiteralType>) =>
  create(VariableMapSchema, { variables: Object.fromEntries(Object.entries(v).map(([k, type]) => [k, { type }])) });

function task(name: string, inputs: Record<string, LiteralType>, outputs: Record<string, LiteralType>): TaskTemplate {
  return create(TaskTemplateSchema, { id: id(name), type: "python-task", interface: { inputs: vars(inputs), outputs: vars(outputs) } });
}
const tasks = [
  task("double", { n: INT }, { o0: INT }),
  task("greet", { name: STR }, { o0: STR }),
  task("sum", { xs: listOf(INT) }, { o0: INT }),
];
const resolveTask = taskResolverFrom(tasks);

const promise = (nodeId: string, v: string) => ({ binding: { value: { case: "promise" as const, value: { nodeId, var: v } } } });
const bind = (name: string, nodeId: string, v: string) => ({ var: name, ...promise(nodeId, v) });
const taskNode = (nodeId: string, taskName: string, inputs: NodeInit["inputs"], extra: { upstreamNodeIds?: string[] } = {}): NodeInit => ({
  id: nodeId,
  metadata: { name: taskName },
  inputs,
  target: { case: "taskNode", value: { reference: { case: "referenceId", value: id(taskName) } } },
  ...extra,
});

function spec(nodes: NodeInit[], opts: { inputs?: Record<string, LiteralType>; outputs?: Record<string, LiteralType>; outputBindings?: NodeInit["inputs"] } = {}) {
  return create(WorkflowSpecSchema, {
    template: create(WorkflowTemplateSchema, {
      id: id("wf", ResourceType.WORKFLOW),
      interface: { inputs: vars(opts.inputs ?? { x: INT }), outputs: vars(opts.outputs ?? {}) },
      nodes: nodes.map((n) => create(NodeSchema, n)),
      outputs: opts.outputBindings ?? [],
    }),
  });
}

function problemsOf(run: () => unknown): CompileProblem[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CompileError);
    return (e as CompileError).problems;
  }
  throw new Error("expected a CompileError");
}

describe("compileWorkflow rejects bad specs with the node at fault", () => {
  it("an unknown task", () => {
    const problems = problemsOf(() => compileWorkflow(spec([taskNode("n0", "missing", [bind("n", "", "x")])]), resolveTask));
    expect(problems).toEqual([expect.objectContaining({ code: "TaskReferenceNotFound", nodeId: "n0" })]);
    expect(problems[0].message).toContain("p/d/missing@v1");
  });

  it("a binding to an output the upstream node does not have", () => {
    const problems = problemsOf(() =>
      compileWorkflow(spec([taskNode("n0", "double", [bind("n", "", "x")]), taskNode("n1", "double", [bind("n", "n0", "nope")])]), resolveTask),
    );
    expect(problems).toEqual([expect.objectContaining({ code: "OutputNotFound", nodeId: "n1" })]);
    expect(problems[0].message).toMatch(/'nope'.*node 'n0'.*has: o0/);
  });

  it("a binding to a node that does not exist, and a missing explicit upstream node", () => {
    const problems = problemsOf(() =>
      compileWorkflow(spec([taskNode("n0", "double", [bind("n", "ghost", "o0")], { upstreamNodeIds: ["phantom"] })]), resolveTask),
    );
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["NodeReferenceNotFound", "n0"],
      ["NodeReferenceNotFound", "n0"],
    ]);
    expect(problems.map((p) => p.message).join(" ")).toMatch(/ghost.*phantom|phantom.*ghost/);
  });

  it("a cycle, naming the nodes on it", () => {
    const problems = problemsOf(() =>
      compileWorkflow(
        spec([
          taskNode("a", "double", [bind("n", "c", "o0")]),
          taskNode("b", "double", [bind("n", "a", "o0")]),
          taskNode("c", "double", [bind("n", "b", "o0")]),
        ]),
        resolveTask,
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe("CycleDetected");
    expect(problems[0].message).toMatch(/a > b > c > a|b > c > a > b|c > a > b > c/);
  });

  it("mismatching types and unbound inputs, all reported at once", () => {
    const err = (() => {
      try {
        compileWorkflow(spec([taskNode("n0", "greet", [bind("name", "", "x")]), taskNode("n1", "double", [])]), resolveTask);
      } catch (e) {
        return e as CompileError;
      }
    })();
    expect(err?.problems.map((p) => [p.code, p.nodeId])).toEqual([
      ["MismatchingTypes", "n0"],
      ["ParameterNotBound", "n1"],
    ]);
    expect(err?.message).toContain("input 'name' expects string but start-node.x is integer");
  });

  it("duplicate and reserved node ids", () => {
    const problems = problemsOf(() =>
      compileWorkflow(spec([taskNode("n0", "double", [bind("n", "", "x")]), taskNode("n0", "double", [bind("n", "", "x")]), taskNode("end-node", "double", [])]), resolveTask),
    );
    expect(problems.map((p) => p.code)).toEqual(["DuplicateNodeId", "ReservedNodeId"]);
  });

  it("an unregistered launch plan", () => {
    const lpNode: NodeInit = { id: "n0", target: { case: "workflowNode", value: { reference: { case: "launchplanRef", value: id("child", ResourceType.LAUNCH_PLAN) } } } };
    const problems = problemsOf(() => compileWorkflow(spec([lpNode]), resolveTask, () => undefined));
    expect(problems).toEqual([expect.objectContaining({ code: "WorkflowReferenceNotFound", nodeId: "n0" })]);
  });
});

describe("compileWorkflow builds connections for every node kind", () => {
  it("launch-plan nodes may leave inputs with defaults unbound, not required ones", () => {
    const lp = {
      expectedInputs: create(ParameterMapSchema, {
        parameters: {
          a: { var: { type: INT }, behavior: { case: "required", value: true } },
          b: { var: { type: STR }, behavior: { case: "default", value: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "hi" } } } } } } } },
        },
      }),
      expectedOutputs: vars({ o0: STR }),
    };
    const lpNode = (inputs: NodeInit["inputs"]): NodeInit => ({
      id: "n0",
      inputs,
      target: { case: "workflowNode", value: { reference: { case: "launchplanRef", value: id("child", ResourceType.LAUNCH_PLAN) } } },
    });
    const ok = compileWorkflow(spec([lpNode([bind("a", "", "x")])]), resolveTask, () => lp);
    expect(ok.primary?.connections?.upstream["n0"]?.ids).toEqual(["start-node"]);
    const problems = problemsOf(() => compileWorkflow(spec([lpNode([])]), resolveTask, () => lp));
    expect(problems).toEqual([expect.objectContaining({ code: "ParameterNotBound", nodeId: "n0" })]);
  });

  it("gates: approve passes its input through, a signal's value feeds the next node, sleep only orders", () => {
    const closure = compileWorkflow(
      spec(
        [
          taskNode("n0", "double", [bind("n", "", "x")]),
          { id: "approve", inputs: [bind("v", "n0", "o0")], target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId: "ok" } } } } },
          taskNode("n1", "double", [bind("n", "approve", "v")]),
          { id: "signal", target: { case: "gateNode", value: { condition: { case: "signal", value: { signalId: "name", type: STR, outputVariableName: "o0" } } } } },
          taskNode("n2", "greet", [bind("name", "signal", "o0")]),
          { id: "sleep", upstreamNodeIds: ["n2"], target: { case: "gateNode", value: { condition: { case: "sleep", value: { duration: { seconds: 5n } } } } } },
        ],
        { outputs: { o0: INT }, outputBindings: [bind("o0", "n1", "o0")] },
      ),
      resolveTask,
    );
    const up = closure.primary?.connections?.upstream ?? {};
    expect(up["approve"]?.ids).toEqual(["n0"]);
    expect(up["n1"]?.ids).toEqual(["approve"]);
    expect(up["signal"]?.ids).toEqual(["start-node"]);
    expect(up["n2"]?.ids).toEqual(["signal"]);
    expect(up["sleep"]?.ids).toEqual(["n2"]);
    expect(up["end-node"]?.ids).toEqual(["n1", "sleep"]);
    // The approve gate outputs an integer, so a string input cannot read it.
    const problems = problemsOf(() =>
      compileWorkflow(
        spec([
          { id: "approve", inputs: [bind("v", "", "x")], target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId: "ok" } } } } },
          taskNode("n1", "greet", [bind("name", "approve", "v")]),
        ]),
        resolveTask,
      ),
    );
    expect(problems).toEqual([expect.objectContaining({ code: "MismatchingTypes", nodeId: "n1" })]);
  });

  it("array nodes over a per-item sub-node take and give lists", () => {
    const arrayNode = (input: string): NodeInit => ({
      id: "map",
      inputs: [bind("n", "", input)],
      target: {
        case: "arrayNode",
        value: { node: taskNode("map-sub", "double", []), isOriginalSubNodeInterface: true, parallelismOption: { case: "parallelism", value: 4 } },
      },
    });
    const closure = compileWorkflow(
      spec([arrayNode("xs"), taskNode("total", "sum", [bind("xs", "map", "o0")])], { inputs: { xs: listOf(INT) } }),
      resolveTask,
    );
    expect(closure.primary?.connections?.upstream["total"]?.ids).toEqual(["map"]);
    expect(closure.tasks.map((t) => t.template?.id?.name)).toEqual(["double", "sum"]);
    const problems = problemsOf(() => compileWorkflow(spec([arrayNode("x")]), resolveTask));
    expect(problems).toEqual([expect.objectContaining({ code: "MismatchingTypes", nodeId: "map" })]);
  });

  it("compiles a 5,000-node layered workflow quickly", () => {
    const nodes: NodeInit[] = [];
    const width = 50;
    for (let layer = 0; layer < 100; layer++) {
      for (let i = 0; i < width; i++) {
        const from = layer === 0 ? "" : `n${layer - 1}-${(i * 7) % width}`;
        nodes.push(taskNode(`n${layer}-${i}`, "double", [bind("n", from, layer === 0 ? "x" : "o0")]));
      }
    }
    const started = performance.now();
    const closure = compileWorkflow(spec(nodes), resolveTask);
    const elapsed = performance.now() - started;
    expect(closure.primary?.template?.nodes).toHaveLength(5002);
    expect(closure.primary?.connections?.downstream["start-node"]?.ids).toHaveLength(width);
    expect(closure.primary?.connections?.upstream["end-node"]?.ids).toHaveLength(width);
    // About 0.3 s alone; the bound is loose because test machines are shared (a quadratic pass over
    // 5,000 nodes and their bindings would still blow well past it).
    expect(elapsed).toBeLessThan(5000);
  });
});
