import { create, fromBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkflowSpecSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import {
  BooleanExpressionSchema,
  ComparisonExpression_Operator as Op,
  ConjunctionExpression_LogicalOperator as Logic,
} from "@/lib/gen/flyteidl/core/condition_pb";
import { IdentifierSchema, ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { NodeSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import {
  branchCases,
  conditionText,
  findLaunchPlan,
  findSubWorkflow,
  findTaskTemplate,
  nodeDisplayName,
  nodeSubWorkflow,
  nodeTaskTemplate,
  staticNodeKind,
  workflowDownstream,
} from "./closure";
import { loadAdminWorkflowClosure, loadClosure, readFixtureBytes } from "./graph/fixtures.testutil";

const asObject = (m: Map<string, string[]>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort()]).sort());

describe("reading real closures", () => {
  it("finds each node's task template, whatever resourceType the reference carries", () => {
    const c = loadClosure("flyte-compiler-snacks-core/compiled/010_core.containerization.raw_container.wf_2_wf.json");
    const nodes = c.primary!.template!.nodes;
    expect(nodes.map((n) => nodeTaskTemplate(c, n)?.type ?? null)).toEqual([
      null, null, "raw-container", "raw-container", "raw-container", "raw-container", "raw-container", "python-task",
    ]);
    const unspecified = create(IdentifierSchema, { resourceType: ResourceType.UNSPECIFIED, name: "ellipse-area-metadata-r" });
    expect(findTaskTemplate(c, unspecified)).toBe(nodeTaskTemplate(c, nodes[4]));
    expect(findTaskTemplate(c, unspecified)?.id?.name).toBe("ellipse-area-metadata-r");
    expect(findTaskTemplate(c, create(IdentifierSchema, { name: "ellipse-area-metadata-r", version: "v2" }))).toBeUndefined();
    expect(findTaskTemplate(c, undefined)).toBeUndefined();
  });

  it("finds the sub-workflow a workflow node runs, and tells launch-plan nodes apart", () => {
    const c = loadAdminWorkflowClosure(
      "flytekit-remote-responses/admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb",
    );
    const [, , leafNode, parentNode] = c.primary!.template!.nodes;
    expect(nodeSubWorkflow(c, leafNode)?.template?.nodes.map((n) => n.id)).toEqual(["start-node", "end-node", "leafwf-n0", "leafwf-n1"]);
    const parentWf = nodeSubWorkflow(c, parentNode)!;
    const lpNode = parentWf.template!.nodes[3];
    expect(staticNodeKind(lpNode)).toBe("launchplan");
    expect(nodeSubWorkflow(c, lpNode)).toBeUndefined();
    expect(findSubWorkflow(c, parentWf.template!.id)).toBe(parentWf);
  });

  it("lists branch cases in evaluation order with readable conditions and the no-match error", () => {
    const c = loadClosure("flyte-compiler-snacks-core/compiled/039_core.control_flow.conditions.nested_conditions_2_wf.json");
    const outer = branchCases(c.primary!.template!.nodes[2]);
    expect(outer.cases.map((x) => [x.label, x.node.id, x.condition])).toEqual([
      ["if", "n0-n0", "my_input > 0.1 and my_input < 1"],
      ["elif", "n0-n1", "my_input > 1 and my_input < 10"],
      ["else", "n0-n2", undefined],
    ]);
    const inner = branchCases(outer.cases[0].node);
    expect(inner.cases.map((x) => x.condition)).toEqual(["my_input < 0.5", "my_input > 0.5 and my_input < 0.7"]);
    expect(inner.elseError).toBe("Only <0.7 allowed");
  });

  it("keeps connections to the workflow's own nodes (not branch cases, not the empty id)", () => {
    const nested = loadClosure("flyte-compiler-snacks-core/compiled/039_core.control_flow.conditions.nested_conditions_2_wf.json");
    expect(asObject(workflowDownstream(nested.primary!))).toEqual({ n0: ["end-node"], "start-node": ["n0"] });
    const admin = loadClosure("flyteadmin/workflow.json");
    expect(asObject(workflowDownstream(admin.primary!))).toEqual({
      "print-sum": ["print-always"],
      print1a: ["print2"],
      print1b: ["print2"],
      print2: ["print-sum", "print3"],
      print3: ["print-sum", "print4"],
      print4: ["print-sum"],
      "start-node": ["print-always", "print1a", "print1b"],
    });
  });

  it("derives, for a template never compiled, the connections the compiler wrote for it (062)", () => {
    const compiled = loadClosure("flyte-compiler-snacks-core/compiled/062_core.control_flow.subworkflows.my_subwf_2_wf.json");
    const registered = fromBinary(
      WorkflowSpecSchema,
      readFixtureBytes("flyte-compiler-snacks-core/serialized/062_core.control_flow.subworkflows.my_subwf_2.pb"),
    );
    expect(asObject(workflowDownstream(registered.template!))).toEqual(asObject(workflowDownstream(compiled.primary!)));
    expect(asObject(workflowDownstream(compiled.primary!))).toEqual({ n0: ["end-node", "n1"], n1: ["end-node"], "start-node": ["n0"] });
  });
});

describe("closure helpers", () => {
  it("shows the last segment of a fully qualified node name, and start/end as such", () => {
    const named = (id: string, name?: string) => create(NodeSchema, { id, metadata: name === undefined ? undefined : { name } });
    expect(nodeDisplayName(named("n0", "flytekit.core.python_function_task.core.control_flow.run_conditions.coin_toss"))).toBe("coin_toss");
    expect(nodeDisplayName(named("n1", "t1"))).toBe("t1");
    expect(nodeDisplayName(named("n2"))).toBe("n2");
    expect(nodeDisplayName(named("start-node"))).toBe("start");
    expect(nodeDisplayName(named("end-node"))).toBe("end");
  });

  it("writes conditions with or, nesting, strings and None", () => {
    const cmp = (v: string, op: Op, right: object) => ({
      expr: { case: "comparison" as const, value: { operator: op, leftValue: { val: { case: "var" as const, value: v } }, rightValue: right } },
    });
    const expr = create(BooleanExpressionSchema, {
      expr: {
        case: "conjunction",
        value: {
          operator: Logic.OR,
          leftExpression: cmp("n0.o0", Op.NEQ, { val: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "stringValue", value: "a<b" } } } } } }),
          rightExpression: {
            expr: {
              case: "conjunction",
              value: {
                operator: Logic.AND,
                leftExpression: cmp(".x", Op.GTE, { val: { case: "primitive", value: { value: { case: "integer", value: 3n } } } }),
                rightExpression: cmp(".y", Op.EQ, { val: { case: "scalar", value: { value: { case: "noneType", value: {} } } } }),
              },
            },
          },
        },
      },
    });
    expect(conditionText(expr)).toBe('n0.o0 != "a<b" or (x >= 3 and y == None)');
    expect(conditionText(undefined)).toBeUndefined();
  });

  it("finds launch plans by reference and classifies every node target", () => {
    const lpId = { resourceType: ResourceType.LAUNCH_PLAN, project: "p", domain: "d", name: "lp", version: "v" };
    const c = create(CompiledWorkflowClosureSchema, { launchPlans: [{ template: { id: lpId } }] });
    expect(findLaunchPlan(c, create(IdentifierSchema, lpId))?.id?.name).toBe("lp");
    expect(findLaunchPlan(c, create(IdentifierSchema, { ...lpId, version: "other" }))).toBeUndefined();
    const kinds = [
      { id: "start-node" },
      { id: "x" },
      { id: "g", target: { case: "gateNode" as const, value: {} } },
      { id: "a", target: { case: "arrayNode" as const, value: {} } },
      { id: "b", target: { case: "branchNode" as const, value: {} } },
    ].map((n) => staticNodeKind(create(NodeSchema, n)));
    expect(kinds).toEqual(["start", "unknown", "gate", "array", "branch"]);
  });
});
