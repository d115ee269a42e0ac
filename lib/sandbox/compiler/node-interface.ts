// The effective interface of each kind of node, as FlytePropeller's compiler derives it: tasks and
// sub-workflows declare theirs, launch plans expose required inputs plus the ones with defaults,
// branches output what every case outputs, gates pass through (approve) or produce the signal (signal),
// array nodes map their sub-node over lists.
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { TypedInterface, VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { BooleanExpression } from "@/lib/gen/flyteidl/core/condition_pb";
import type { InputSlot } from "./bindings";
import type { CompileContext } from "./context";
import { identifierKey } from "./identifiers";
import { areTypesCastable, collectionOf, describeType } from "./typing";

export interface NodeInterface {
  /** Declared inputs; undefined for nodes whose inputs are whatever they bind (branch, approve gate). */
  inputs: Map<string, InputSlot> | undefined;
  outputs: Map<string, LiteralType>;
}

export interface InterfaceEnv {
  readonly ctx: CompileContext;
  readonly workflowId: Identifier | undefined;
  readonly workflowInterface: TypedInterface | undefined;
  /** The types a node's bindings carry (an approve gate outputs its inputs unchanged). */
  bindingTypes(node: Node): Map<string, LiteralType | undefined>;
  /** A node inside a branch (already renamed `<branch>-<id>`), for upstream edges from its bindings. */
  onBranchCase(node: Node, iface: NodeInterface | undefined): void;
}

export function inputSlots(vars: VariableMap | undefined): Map<string, InputSlot> {
  const slots = new Map<string, InputSlot>();
  for (const [name, v] of Object.entries(vars?.variables ?? {})) {
    if (v.type) slots.set(name, { type: v.type, optional: false });
  }
  return slots;
}

export function outputTypes(vars: VariableMap | undefined): Map<string, LiteralType> {
  const types = new Map<string, LiteralType>();
  for (const [name, v] of Object.entries(vars?.variables ?? {})) if (v.type) types.set(name, v.type);
  return types;
}

/** Resolves the node's interface (undefined when it cannot be, with the problem reported). */
export function resolveNodeInterface(node: Node, env: InterfaceEnv): NodeInterface | undefined {
  const iface = targetInterface(node, env);
  if (!iface || node.outputAliases.length === 0) return iface;
  const outputs = new Map(iface.outputs);
  for (const alias of node.outputAliases) {
    const t = outputs.get(alias.var);
    if (!t) {
      env.ctx.problems.add("OutputNotFound", node.id, `output alias '${alias.alias}' names '${alias.var}', which the node does not output`);
      continue;
    }
    outputs.delete(alias.var);
    outputs.set(alias.alias, t);
  }
  return { inputs: iface.inputs, outputs };
}

function targetInterface(node: Node, env: InterfaceEnv): NodeInterface | undefined {
  const { ctx } = env;
  const target = node.target;
  switch (target.case) {
    case "taskNode": {
      const task = ctx.task(target.value.reference.value, node.id);
      if (!task) return undefined;
      return { inputs: inputSlots(task.interface?.inputs), outputs: outputTypes(task.interface?.outputs) };
    }
    case "workflowNode": {
      const ref = target.value.reference;
      if (ref.case === "launchplanRef") {
        if (identifierKey(ref.value) === identifierKey(env.workflowId)) {
          const own = env.workflowInterface;
          return { inputs: inputSlots(own?.inputs), outputs: outputTypes(own?.outputs) };
        }
        const lp = ctx.launchPlan(ref.value, node.id);
        if (!lp) return undefined;
        const inputs = new Map<string, InputSlot>();
        for (const [name, p] of Object.entries(lp.expectedInputs?.parameters ?? {})) {
          if (p.var?.type) inputs.set(name, { type: p.var.type, optional: p.behavior.case !== "required" });
        }
        return { inputs, outputs: outputTypes(lp.expectedOutputs) };
      }
      if (ref.case === "subWorkflowRef") {
        const sub = ctx.subWorkflow(ref.value, node.id);
        if (!sub) return undefined;
        return { inputs: inputSlots(sub.interface?.inputs), outputs: outputTypes(sub.interface?.outputs) };
      }
      ctx.problems.add("ValueRequired", node.id, "workflow node names neither a launch plan nor a sub-workflow");
      return undefined;
    }
    case "branchNode":
      return branchInterface(node, env);
    case "gateNode": {
      const cond = target.value.condition;
      if (cond.case === "approve") {
        const passed = new Map<string, LiteralType>();
        for (const [name, t] of env.bindingTypes(node)) if (t) passed.set(name, t);
        return { inputs: undefined, outputs: passed };
      }
      if (cond.case === "signal") {
        if (!cond.value.type || cond.value.outputVariableName === "") {
          ctx.problems.add("ValueRequired", node.id, "signal gate needs a type and an output variable name");
          return undefined;
        }
        return { inputs: new Map(), outputs: new Map([[cond.value.outputVariableName, cond.value.type]]) };
      }
      if (cond.case === "sleep") return { inputs: new Map(), outputs: new Map() };
      ctx.problems.add("ValueRequired", node.id, "gate node has no condition (approve, signal or sleep)");
      return undefined;
    }
    case "arrayNode": {
      const sub = target.value.node;
      if (!sub) {
        ctx.problems.add("ValueRequired", node.id, "array node has no sub-node");
        return undefined;
      }
      const subIface = resolveNodeInterface(sub, env);
      if (!subIface || target.value.isOriginalSubNodeInterface !== true) return subIface;
      // The sub-node declares the interface of one item: the array node takes and returns lists of it.
      const bound = new Set(target.value.boundInputs);
      const inputs = new Map<string, InputSlot>();
      for (const [name, slot] of subIface.inputs ?? []) {
        inputs.set(name, bound.has(name) ? slot : { type: collectionOf(slot.type), optional: slot.optional });
      }
      const outputs = new Map<string, LiteralType>();
      for (const [name, t] of subIface.outputs) outputs.set(name, collectionOf(t));
      return { inputs, outputs };
    }
    default:
      ctx.problems.add("ValueRequired", node.id, "node has no target (task, workflow, branch, gate or array)");
      return undefined;
  }
}

function branchInterface(node: Node, env: InterfaceEnv): NodeInterface | undefined {
  const { problems } = env.ctx;
  if (node.target.case !== "branchNode") return undefined;
  const ifElse = node.target.value.ifElse;
  if (!ifElse?.case) {
    problems.add("BranchNodeHasNoCondition", node.id, "branch node has no if-case");
    return undefined;
  }
  const blocks = [ifElse.case, ...ifElse.other];
  const cases: Node[] = [];
  const bound = new Set(node.inputs.map((b) => b.var));
  for (const block of blocks) {
    if (!block.condition) problems.add("BranchNodeHasNoCondition", node.id, "a branch case has no condition");
    else checkConditionVars(node.id, block.condition, bound, env);
    if (block.thenNode) cases.push(block.thenNode);
    else problems.add("ValueRequired", node.id, "a branch case has no then-node");
  }
  if (ifElse.default.case === "elseNode") cases.push(ifElse.default.value);
  else if (ifElse.default.case !== "error") {
    problems.add("BranchNodeHasNoDefault", node.id, "branch node has neither an else-node nor an else-error");
  }

  let outputs: Map<string, LiteralType> | undefined;
  for (const inner of cases) {
    inner.id = `${node.id}-${inner.id}`;
    const iface = resolveNodeInterface(inner, env);
    env.onBranchCase(inner, iface);
    if (!iface) continue;
    if (!outputs) {
      outputs = new Map(iface.outputs);
      continue;
    }
    for (const [name, t] of outputs) {
      const other = iface.outputs.get(name);
      if (!other) outputs.delete(name);
      else if (!areTypesCastable(other, t) || !areTypesCastable(t, other)) {
        problems.add(
          "MismatchingTypes",
          inner.id,
          `branch output '${name}' is ${describeType(other)} here but ${describeType(t)} in an earlier case`,
        );
      }
    }
  }
  return { inputs: undefined, outputs: outputs ?? new Map() };
}

function checkConditionVars(nodeId: string, expr: BooleanExpression, bound: Set<string>, env: InterfaceEnv): void {
  const e = expr.expr;
  if (e.case === "conjunction") {
    if (e.value.leftExpression) checkConditionVars(nodeId, e.value.leftExpression, bound, env);
    if (e.value.rightExpression) checkConditionVars(nodeId, e.value.rightExpression, bound, env);
  } else if (e.case === "comparison") {
    for (const operand of [e.value.leftValue, e.value.rightValue]) {
      if (operand?.val.case === "var" && !bound.has(operand.val.value)) {
        env.ctx.problems.add(
          "ConditionVariableNotBound",
          nodeId,
          `condition reads '${operand.val.value}', which is not one of the branch node's input bindings`,
        );
      }
    }
  }
}
