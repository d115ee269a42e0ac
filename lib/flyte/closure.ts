// Reading a CompiledWorkflowClosure: what each node is, which task / sub-workflow / launch plan it
// refers to, how its workflow's nodes connect. Pure; lookups are O(1) through a memoised index.
import type {
  CompiledWorkflow,
  CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import {
  ComparisonExpression_Operator,
  ConjunctionExpression_LogicalOperator,
  type BooleanExpression,
  type Operand,
} from "@/lib/gen/flyteidl/core/condition_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { BindingData } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { LaunchPlanTemplate, Node, WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";

export const START_NODE_ID = "start-node";
export const END_NODE_ID = "end-node";

/** What a node of a workflow template is, from its `target` (start/end by their reserved ids). */
export type StaticNodeKind =
  | "start"
  | "end"
  | "task"
  | "subworkflow"
  | "launchplan"
  | "branch"
  | "gate"
  | "array"
  | "unknown";

/** Task types flytekit uses for the legacy (pre-ArrayNode) map task. */
const MAP_TASK_TYPES = new Set(["container_array", "k8s-array", "aws-batch"]);
export function isMapTaskType(taskType: string | undefined): boolean {
  return taskType !== undefined && MAP_TASK_TYPES.has(taskType);
}

/*
 * References inside one closure are matched without the resource type: the collection they are looked up
 * in already says what they are, and some writers leave resourceType unset.
 */
export function referenceKey(id: Identifier | undefined): string {
  if (!id) return "";
  return [id.org, id.project, id.domain, id.name, id.version].map(encodeURIComponent).join("/");
}

export interface ClosureIndex {
  readonly closure: CompiledWorkflowClosure;
  readonly tasks: ReadonlyMap<string, TaskTemplate>;
  readonly subWorkflows: ReadonlyMap<string, CompiledWorkflow>;
  readonly launchPlans: ReadonlyMap<string, LaunchPlanTemplate>;
}

const indexCache = new WeakMap<CompiledWorkflowClosure, ClosureIndex>();

/** The closure's tasks, sub-workflows and launch plans by reference; computed once per closure object. */
export function indexClosure(closure: CompiledWorkflowClosure): ClosureIndex {
  const cached = indexCache.get(closure);
  if (cached) return cached;
  const tasks = new Map<string, TaskTemplate>();
  for (const t of closure.tasks) if (t.template) tasks.set(referenceKey(t.template.id), t.template);
  const subWorkflows = new Map<string, CompiledWorkflow>();
  for (const w of closure.subWorkflows) subWorkflows.set(referenceKey(w.template?.id), w);
  const launchPlans = new Map<string, LaunchPlanTemplate>();
  for (const lp of closure.launchPlans) if (lp.template) launchPlans.set(referenceKey(lp.template.id), lp.template);
  const index = { closure, tasks, subWorkflows, launchPlans };
  indexCache.set(closure, index);
  return index;
}

type ClosureOrIndex = CompiledWorkflowClosure | ClosureIndex;
const asIndex = (c: ClosureOrIndex): ClosureIndex => ("closure" in c ? c : indexClosure(c));

export function staticNodeKind(node: Node): StaticNodeKind {
  switch (node.target.case) {
    case "taskNode":
      return "task";
    case "workflowNode":
      return node.target.value.reference.case === "launchplanRef" ? "launchplan" : "subworkflow";
    case "branchNode":
      return "branch";
    case "gateNode":
      return "gate";
    case "arrayNode":
      return "array";
    default:
      if (node.id === START_NODE_ID) return "start";
      if (node.id === END_NODE_ID) return "end";
      return "unknown";
  }
}

/** The id a task, workflow or array node refers to (an array node: its inner node's reference). */
export function nodeReference(node: Node): Identifier | undefined {
  const t = node.target;
  if (t.case === "taskNode") return t.value.reference.value;
  if (t.case === "workflowNode") return t.value.reference.value;
  if (t.case === "arrayNode" && t.value.node) return nodeReference(t.value.node);
  return undefined;
}

export function findTaskTemplate(c: ClosureOrIndex, id: Identifier | undefined): TaskTemplate | undefined {
  return id ? asIndex(c).tasks.get(referenceKey(id)) : undefined;
}
export function findSubWorkflow(c: ClosureOrIndex, id: Identifier | undefined): CompiledWorkflow | undefined {
  return id ? asIndex(c).subWorkflows.get(referenceKey(id)) : undefined;
}
export function findLaunchPlan(c: ClosureOrIndex, id: Identifier | undefined): LaunchPlanTemplate | undefined {
  return id ? asIndex(c).launchPlans.get(referenceKey(id)) : undefined;
}

/** The task template a task node (or an array node's inner task node) runs. */
export function nodeTaskTemplate(c: ClosureOrIndex, node: Node): TaskTemplate | undefined {
  const t = node.target;
  if (t.case === "taskNode") return findTaskTemplate(c, t.value.reference.value);
  if (t.case === "arrayNode" && t.value.node) return nodeTaskTemplate(c, t.value.node);
  return undefined;
}

/** The compiled sub-workflow a workflow node runs inline (not for launch-plan nodes). */
export function nodeSubWorkflow(c: ClosureOrIndex, node: Node): CompiledWorkflow | undefined {
  const t = node.target;
  if (t.case !== "workflowNode" || t.value.reference.case !== "subWorkflowRef") return undefined;
  return findSubWorkflow(c, t.value.reference.value);
}

/*
 * flytekit fills metadata.name with the Python name, older versions with the fully qualified one
 * ("flytekit.core.python_function_task.my.module.task"): people know the last segment.
 */
export function nodeDisplayName(node: Node): string {
  if (node.id === START_NODE_ID) return "start";
  if (node.id === END_NODE_ID) return "end";
  const name = node.metadata?.name || node.id;
  const dot = name.lastIndexOf(".");
  return dot >= 0 && dot < name.length - 1 ? name.slice(dot + 1) : name;
}

export interface BranchCase {
  label: "if" | "elif" | "else";
  node: Node;
  /** e.g. "n0.o0 == true"; undefined for else. */
  condition?: string;
}

/** The cases of a branch node in evaluation order, and the error raised when no case matches. */
export function branchCases(node: Node): { cases: BranchCase[]; elseError?: string } {
  if (node.target.case !== "branchNode") return { cases: [] };
  const ifElse = node.target.value.ifElse;
  const cases: BranchCase[] = [];
  if (ifElse?.case?.thenNode) {
    cases.push({ label: "if", node: ifElse.case.thenNode, condition: conditionText(ifElse.case.condition) });
  }
  for (const other of ifElse?.other ?? []) {
    if (other.thenNode) cases.push({ label: "elif", node: other.thenNode, condition: conditionText(other.condition) });
  }
  const dflt = ifElse?.default;
  if (dflt?.case === "elseNode") cases.push({ label: "else", node: dflt.value });
  return { cases, elseError: dflt?.case === "error" ? dflt.value.message || "error" : undefined };
}

const COMPARISON_OPS: Record<ComparisonExpression_Operator, string> = {
  [ComparisonExpression_Operator.EQ]: "==",
  [ComparisonExpression_Operator.NEQ]: "!=",
  [ComparisonExpression_Operator.GT]: ">",
  [ComparisonExpression_Operator.GTE]: ">=",
  [ComparisonExpression_Operator.LT]: "<",
  [ComparisonExpression_Operator.LTE]: "<=",
};

function operandText(op: Operand | undefined): string {
  const v = op?.val;
  if (!v?.case) return "?";
  // flytekit names workflow inputs ".x" and node outputs "n0.o0".
  if (v.case === "var") return v.value.startsWith(".") ? v.value.slice(1) : v.value;
  const primitive = v.case === "primitive" ? v.value : v.value.value.case === "primitive" ? v.value.value.value : undefined;
  switch (primitive?.value.case) {
    case "integer":
    case "floatValue":
    case "boolean":
      return String(primitive.value.value);
    case "stringValue":
      return JSON.stringify(primitive.value.value);
    default:
      return v.case === "scalar" && v.value.value.case === "noneType" ? "None" : "…";
  }
}

/** A branch condition as one line of text ("a > 0.5 and b == true"). */
export function conditionText(expr: BooleanExpression | undefined): string | undefined {
  const e = expr?.expr;
  if (!e?.case) return undefined;
  if (e.case === "comparison") {
    const op = COMPARISON_OPS[e.value.operator] ?? "?";
    return `${operandText(e.value.leftValue)} ${op} ${operandText(e.value.rightValue)}`;
  }
  const joiner = e.value.operator === ConjunctionExpression_LogicalOperator.OR ? "or" : "and";
  const side = (b: BooleanExpression | undefined) => {
    const text = conditionText(b) ?? "?";
    return b?.expr.case === "conjunction" ? `(${text})` : text;
  };
  return `${side(e.value.leftExpression)} ${joiner} ${side(e.value.rightExpression)}`;
}

/**
 * Downstream ids of each node of one workflow, restricted to that workflow's own nodes (the compiler also lists
 * branch-case nodes, and older writers an empty id). Uses the compiled connections (downstream and upstream,
 * merged: they mirror each other, but a writer may fill only one); a template that was never
 * compiled (a WorkflowSpec as registered) gets them the way the compiler makes them: upstreamNodeIds and input
 * bindings, start-node before nodes with no upstream, leaves and output bindings into end-node.
 */
export function workflowDownstream(wf: CompiledWorkflow | WorkflowTemplate): Map<string, string[]> {
  const compiled = wf.$typeName === "flyteidl.core.CompiledWorkflow" ? wf : undefined;
  const template = wf.$typeName === "flyteidl.core.CompiledWorkflow" ? wf.template : wf;
  const nodes = template?.nodes ?? [];
  const ids = new Set(nodes.map((n) => n.id)).add(START_NODE_ID).add(END_NODE_ID);
  const out = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    if (!ids.has(from) || !ids.has(to) || from === to) return;
    const list = out.get(from);
    if (!list) out.set(from, [to]);
    else if (!list.includes(to)) list.push(to);
  };
  const connections = compiled?.connections;
  if (connections && (hasEntries(connections.downstream) || hasEntries(connections.upstream))) {
    // Keys sorted: Go writes maps in random order, and the same closure must give the same edge order.
    const { downstream, upstream } = connections;
    for (const from of Object.keys(downstream).sort()) for (const to of downstream[from].ids) add(from, to);
    for (const to of Object.keys(upstream).sort()) for (const from of upstream[to].ids) add(from, to);
    return out;
  }
  const hasUpstream = new Set<string>();
  const link = (from: string, to: string) => {
    add(from || START_NODE_ID, to);
    hasUpstream.add(to);
  };
  for (const n of nodes) {
    if (n.id === START_NODE_ID || n.id === END_NODE_ID) continue;
    for (const up of n.upstreamNodeIds) link(up, n.id);
    for (const b of n.inputs) for (const p of promiseNodeIds(b.binding)) link(p, n.id);
  }
  for (const b of template?.outputs ?? []) for (const p of promiseNodeIds(b.binding)) link(p, END_NODE_ID);
  for (const n of nodes) {
    if (n.id === START_NODE_ID || n.id === END_NODE_ID) continue;
    if (!hasUpstream.has(n.id)) add(START_NODE_ID, n.id);
    if (!out.has(n.id)) add(n.id, END_NODE_ID);
  }
  return out;
}

/** Ids of the nodes whose outputs a binding reads ("" for the workflow's own inputs). */
export function promiseNodeIds(b: BindingData | undefined): string[] {
  const v = b?.value;
  if (!v) return [];
  if (v.case === "promise") return [v.value.nodeId];
  if (v.case === "collection") return v.value.bindings.flatMap(promiseNodeIds);
  if (v.case === "map") return Object.values(v.value.bindings).flatMap(promiseNodeIds);
  return [];
}

function hasEntries(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
