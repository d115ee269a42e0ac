// Branch conditions: comparison and conjunction expressions over a branch node's inputs, as
// FlytePropeller's branch evaluator decides them (numbers compare across int/float; other kinds
// only with their own kind).
import { timestampMs, durationMs } from "@bufbuild/protobuf/wkt";
import {
  ComparisonExpression_Operator as Op,
  ConjunctionExpression_LogicalOperator as Logical,
  type BooleanExpression,
  type ComparisonExpression,
  type Operand,
} from "@/lib/gen/flyteidl/core/condition_pb";
import type { Literal, LiteralMap, Primitive, Scalar } from "@/lib/gen/flyteidl/core/literals_pb";
import type { IfBlock, IfElseBlock, Node } from "@/lib/gen/flyteidl/core/workflow_pb";

export class ConditionError extends Error {}

type Value =
  | { kind: "number"; v: number }
  | { kind: "string"; v: string }
  | { kind: "boolean"; v: boolean }
  | { kind: "none" };

function fromPrimitive(p: Primitive): Value {
  const value = p.value;
  switch (value.case) {
    case "integer":
      return { kind: "number", v: Number(value.value) };
    case "floatValue":
      return { kind: "number", v: value.value };
    case "stringValue":
      return { kind: "string", v: value.value };
    case "boolean":
      return { kind: "boolean", v: value.value };
    case "datetime":
      return { kind: "number", v: timestampMs(value.value) };
    case "duration":
      return { kind: "number", v: durationMs(value.value) };
    default:
      return { kind: "none" };
  }
}

function fromScalar(s: Scalar): Value {
  switch (s.value.case) {
    case "primitive":
      return fromPrimitive(s.value.value);
    case "union":
      return s.value.value.value ? fromLiteral(s.value.value.value) : { kind: "none" };
    case "noneType":
      return { kind: "none" };
    default:
      throw new ConditionError(`cannot compare a ${s.value.case ?? "empty"} value`);
  }
}

function fromLiteral(l: Literal): Value {
  if (l.value.case !== "scalar") throw new ConditionError(`cannot compare a ${l.value.case ?? "empty"} value`);
  return fromScalar(l.value.value);
}

function operandValue(o: Operand | undefined, inputs: LiteralMap): Value {
  const val = o?.val;
  switch (val?.case) {
    case "primitive":
      return fromPrimitive(val.value);
    case "scalar":
      return fromScalar(val.value);
    case "var": {
      const literal = inputs.literals[val.value];
      if (!literal) throw new ConditionError(`branch input [${val.value}] is not bound`);
      return fromLiteral(literal);
    }
    default:
      throw new ConditionError("comparison operand is empty");
  }
}

function compare(c: ComparisonExpression, inputs: LiteralMap): boolean {
  const left = operandValue(c.leftValue, inputs);
  const right = operandValue(c.rightValue, inputs);
  if (c.operator === Op.EQ || c.operator === Op.NEQ) {
    const equal =
      left.kind === right.kind && (left.kind === "none" || (right.kind !== "none" && left.v === right.v));
    if (left.kind !== right.kind && left.kind !== "none" && right.kind !== "none") {
      throw new ConditionError(`cannot compare ${left.kind} with ${right.kind}`);
    }
    return c.operator === Op.EQ ? equal : !equal;
  }
  if (left.kind !== right.kind || left.kind === "none" || left.kind === "boolean" || right.kind === "none") {
    throw new ConditionError(`cannot order ${left.kind} and ${right.kind}`);
  }
  const a = left.v as number | string;
  const b = (right as { v: number | string }).v;
  switch (c.operator) {
    case Op.GT:
      return a > b;
    case Op.GTE:
      return a >= b;
    case Op.LT:
      return a < b;
    case Op.LTE:
      return a <= b;
    default:
      throw new ConditionError(`unknown comparison operator ${String(c.operator)}`);
  }
}

export function evaluateCondition(expr: BooleanExpression | undefined, inputs: LiteralMap): boolean {
  const e = expr?.expr;
  switch (e?.case) {
    case "comparison":
      return compare(e.value, inputs);
    case "conjunction": {
      const left = evaluateCondition(e.value.leftExpression, inputs);
      if (e.value.operator === Logical.OR) return left || evaluateCondition(e.value.rightExpression, inputs);
      return left && evaluateCondition(e.value.rightExpression, inputs);
    }
    default:
      throw new ConditionError("branch condition is empty");
  }
}

export type BranchDecision =
  | { kind: "node"; node: Node }
  | { kind: "error"; message: string; failedNodeId: string }
  | { kind: "none" };

/** Which node of an if/else block runs for these inputs: the first true case, else the else node. */
export function decideBranch(ifElse: IfElseBlock | undefined, inputs: LiteralMap): BranchDecision {
  if (!ifElse) throw new ConditionError("branch node has no if/else block");
  const cases: IfBlock[] = ifElse.case ? [ifElse.case, ...ifElse.other] : [...ifElse.other];
  for (const block of cases) {
    if (evaluateCondition(block.condition, inputs)) {
      if (!block.thenNode) throw new ConditionError("branch case has no node");
      return { kind: "node", node: block.thenNode };
    }
  }
  const fallback = ifElse.default;
  if (fallback.case === "elseNode") return { kind: "node", node: fallback.value };
  if (fallback.case === "error") {
    return { kind: "error", message: fallback.value.message, failedNodeId: fallback.value.failedNodeId };
  }
  return { kind: "none" };
}

/** Every node an if/else block can run (to find a recorded child without re-deciding). */
export function branchNodes(ifElse: IfElseBlock | undefined): Node[] {
  if (!ifElse) return [];
  const blocks = ifElse.case ? [ifElse.case, ...ifElse.other] : ifElse.other;
  const nodes = blocks.flatMap((b) => (b.thenNode ? [b.thenNode] : []));
  if (ifElse.default.case === "elseNode") nodes.push(ifElse.default.value);
  return nodes;
}
