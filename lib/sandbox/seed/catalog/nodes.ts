// Node and binding shorthands for catalog workflows. Nodes are plain init objects (MessageInitShape),
// turned into messages when the workflow is built.
import type { MessageInitShape } from "@bufbuild/protobuf";
import { create } from "@bufbuild/protobuf";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { BindingData, Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { BindingDataSchema, BindingSchema, type Binding } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { NodeSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import {
  BooleanExpressionSchema,
  ComparisonExpression_Operator,
  ConjunctionExpression_LogicalOperator,
  type BooleanExpression,
} from "@/lib/gen/flyteidl/core/condition_pb";

export type NodeInit = MessageInitShape<typeof NodeSchema>;

/** Something that can be called from a node: a task, a workflow or a launch plan. */
export interface Callable {
  id: Identifier;
  /** The short name flytekit puts in node metadata (the Python function's name). */
  shortName: string;
}

/** A reference to another node's output; nodeId "" is a workflow input, as flytekit writes it. */
export interface Ref {
  ref: { nodeId: string; var: string };
}
export type BindingSpec = Ref | Literal | BindingSpec[];

export const wfInput = (name: string): Ref => ({ ref: { nodeId: "", var: name } });
export const out = (nodeId: string, name = "o0"): Ref => ({ ref: { nodeId, var: name } });

function isRef(spec: BindingSpec): spec is Ref {
  return !Array.isArray(spec) && "ref" in spec;
}

export function bindingData(spec: BindingSpec): BindingData {
  if (Array.isArray(spec)) {
    return create(BindingDataSchema, { value: { case: "collection", value: { bindings: spec.map(bindingData) } } });
  }
  if (isRef(spec)) return create(BindingDataSchema, { value: { case: "promise", value: spec.ref } });
  const v = spec.value;
  switch (v.case) {
    case "scalar":
      return create(BindingDataSchema, { value: { case: "scalar", value: v.value } });
    case "collection":
      return bindingData(v.value.literals);
    case "map": {
      const bindings: Record<string, BindingData> = {};
      for (const [k, lit] of Object.entries(v.value.literals)) bindings[k] = bindingData(lit);
      return create(BindingDataSchema, { value: { case: "map", value: { bindings } } });
    }
    default:
      throw new Error("cannot bind an empty literal");
  }
}

export function bindings(specs: Record<string, BindingSpec>): Binding[] {
  return Object.entries(specs).map(([name, spec]) => create(BindingSchema, { var: name, binding: bindingData(spec) }));
}

export interface NodeOptions {
  /** Explicit upstream node ids (flytekit's `>>`), on top of the ones bindings imply. */
  after?: string[];
  retries?: number;
  timeoutSeconds?: number;
  interruptible?: boolean;
  /** Node name shown in the console; defaults to the callee's short name. */
  name?: string;
}

function metadata(name: string, opts: NodeOptions): NodeInit["metadata"] {
  return {
    name: opts.name ?? name,
    retries: { retries: opts.retries ?? 0 },
    timeout: opts.timeoutSeconds ? { seconds: BigInt(opts.timeoutSeconds) } : undefined,
    interruptibleValue: opts.interruptible === undefined ? undefined : { case: "interruptible", value: opts.interruptible },
  };
}

function base(id: string, name: string, inputs: Record<string, BindingSpec>, opts: NodeOptions) {
  return { id, metadata: metadata(name, opts), inputs: bindings(inputs), upstreamNodeIds: opts.after ?? [] };
}

export function taskNode(id: string, task: Callable, inputs: Record<string, BindingSpec> = {}, opts: NodeOptions = {}): NodeInit {
  return {
    ...base(id, task.shortName, inputs, opts),
    target: { case: "taskNode", value: { reference: { case: "referenceId", value: task.id }, overrides: {} } },
  };
}

export function subWorkflowNode(id: string, wf: Callable, inputs: Record<string, BindingSpec> = {}, opts: NodeOptions = {}): NodeInit {
  return {
    ...base(id, wf.shortName, inputs, opts),
    target: { case: "workflowNode", value: { reference: { case: "subWorkflowRef", value: wf.id } } },
  };
}

export function launchPlanNode(id: string, lp: Callable, inputs: Record<string, BindingSpec> = {}, opts: NodeOptions = {}): NodeInit {
  return {
    ...base(id, lp.shortName, inputs, opts),
    target: { case: "workflowNode", value: { reference: { case: "launchplanRef", value: lp.id } } },
  };
}

export interface BranchCase {
  when: BooleanExpression;
  then: NodeInit;
}

/**
 * `conditional(name).if_(...).then(...).elif_(...).else_()`: `inputs` binds the variables the
 * conditions read (flytekit names them after their source, e.g. ".x" or "n0.o0").
 */
export function branchNode(
  id: string,
  name: string,
  inputs: Record<string, BindingSpec>,
  cases: BranchCase[],
  otherwise: NodeInit | { fail: string },
  opts: NodeOptions = {},
): NodeInit {
  const [first, ...rest] = cases;
  return {
    ...base(id, name, inputs, opts),
    target: {
      case: "branchNode",
      value: {
        ifElse: {
          case: { condition: first.when, thenNode: first.then },
          other: rest.map((c) => ({ condition: c.when, thenNode: c.then })),
          default: "fail" in otherwise
            ? { case: "error", value: { failedNodeId: name, message: otherwise.fail } }
            : { case: "elseNode", value: otherwise },
        },
      },
    },
  };
}

const OPS = {
  "==": ComparisonExpression_Operator.EQ,
  "!=": ComparisonExpression_Operator.NEQ,
  ">": ComparisonExpression_Operator.GT,
  ">=": ComparisonExpression_Operator.GTE,
  "<": ComparisonExpression_Operator.LT,
  "<=": ComparisonExpression_Operator.LTE,
};

/** `variable <op> value`, e.g. `cmp(".x", "<", 0.5)`. */
export function cmp(variable: string, op: keyof typeof OPS, value: number | boolean | string): BooleanExpression {
  const primitive =
    typeof value === "boolean"
      ? { case: "boolean" as const, value }
      : typeof value === "string"
        ? { case: "stringValue" as const, value }
        : Number.isInteger(value)
          ? { case: "integer" as const, value: BigInt(value) }
          : { case: "floatValue" as const, value };
  return create(BooleanExpressionSchema, {
    expr: {
      case: "comparison",
      value: {
        operator: OPS[op],
        leftValue: { val: { case: "var", value: variable } },
        rightValue: { val: { case: "primitive", value: { value: primitive } } },
      },
    },
  });
}

/** `left <op> right` between two bound variables, e.g. `cmpVars(".count", "<=", ".limit")`. */
export function cmpVars(left: string, op: keyof typeof OPS, right: string): BooleanExpression {
  return create(BooleanExpressionSchema, {
    expr: {
      case: "comparison",
      value: { operator: OPS[op], leftValue: { val: { case: "var", value: left } }, rightValue: { val: { case: "var", value: right } } },
    },
  });
}

const conj = (operator: ConjunctionExpression_LogicalOperator, left: BooleanExpression, right: BooleanExpression) =>
  create(BooleanExpressionSchema, { expr: { case: "conjunction", value: { operator, leftExpression: left, rightExpression: right } } });
export const and = (l: BooleanExpression, r: BooleanExpression) => conj(ConjunctionExpression_LogicalOperator.AND, l, r);
export const or = (l: BooleanExpression, r: BooleanExpression) => conj(ConjunctionExpression_LogicalOperator.OR, l, r);

/** `approve(value, "signal-id")`: waits for a yes/no, then passes `inputs` through as its outputs. */
export function approveGate(id: string, signalId: string, inputs: Record<string, BindingSpec>, opts: NodeOptions = {}): NodeInit {
  return { ...base(id, signalId, inputs, opts), target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId } } } } };
}

/** `wait_for_input("signal-id", type)`: waits for a typed value, output as `o0`. */
export function signalGate(id: string, signalId: string, type: LiteralType, opts: NodeOptions = {}): NodeInit {
  return {
    ...base(id, signalId, {}, opts),
    target: { case: "gateNode", value: { condition: { case: "signal", value: { signalId, type, outputVariableName: "o0" } } } },
  };
}

/** `sleep(timedelta)`. */
export function sleepGate(id: string, seconds: number, opts: NodeOptions = {}): NodeInit {
  return {
    ...base(id, "sleep", {}, opts),
    target: { case: "gateNode", value: { condition: { case: "sleep", value: { duration: { seconds: BigInt(seconds) } } } } },
  };
}

export interface ArrayOptions extends NodeOptions {
  parallelism?: number;
  minSuccessRatio?: number;
  /** Inputs passed whole to every item instead of mapped over (functools.partial). */
  bound?: string[];
}

/** `map_task(task)(...)` as an ArrayNode: the sub-node declares one item's interface. */
export function arrayNode(id: string, task: Callable, inputs: Record<string, BindingSpec>, opts: ArrayOptions = {}): NodeInit {
  return {
    ...base(id, `${task.shortName}_map`, inputs, opts),
    target: {
      case: "arrayNode",
      value: {
        node: { id: `${id}-item`, metadata: { name: task.shortName, retries: {} }, target: { case: "taskNode", value: { reference: { case: "referenceId", value: task.id }, overrides: {} } } },
        parallelismOption: opts.parallelism ? { case: "parallelism", value: opts.parallelism } : undefined,
        successCriteria: { case: "minSuccessRatio", value: opts.minSuccessRatio ?? 1 },
        isOriginalSubNodeInterface: true,
        boundInputs: opts.bound ?? [],
      },
    },
  };
}
