// One reconcile round: the snapshot indexed for lookups, the clock, and the actions emitted so far.
// Node handlers read recorded state only through here, so "what happened" has one definition.
import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { Signal } from "@/lib/gen/flyteidl/admin/signal_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { NodeExecution_Phase, TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Node, WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { ConnectionSet } from "@/lib/gen/flyteidl/core/compiler_pb";
import { indexClosure, type ClosureIndex } from "@/lib/flyte/closure";
import { nodeUniqueId, type ParentInfo } from "./ids";
import type { ExecutionSnapshot, ExecutorAction, ExecutorConfig } from "./types";

export interface Round {
  readonly snap: ExecutionSnapshot;
  readonly now: number;
  readonly config: ExecutorConfig;
  readonly execId: WorkflowExecutionIdentifier;
  readonly closure: ClosureIndex;
  readonly nodeExecs: ReadonlyMap<string, NodeExecution>;
  /** Task attempts per node unique id, by retry attempt ascending. */
  readonly attempts: ReadonlyMap<string, readonly TaskExecution[]>;
  readonly signals: ReadonlyMap<string, Signal>;
  readonly children: ReadonlyMap<string, Execution>;
  /** Node executions of the execution being recovered (RECOVERED mode only). */
  readonly recovered?: NonNullable<ExecutionSnapshot["recoverFrom"]> & { byId: ReadonlyMap<string, NodeExecution> };
  readonly actions: ExecutorAction[];
  /** Who moves each kind of node (node-kinds.ts); node-step dispatches through it. */
  readonly steppers: NodeSteppers;
}

/** The kinds of node that have their own handler; start- and end-node pass through in node-step. */
export type NodeKind = "task" | "array" | "launchPlan" | "subWorkflow" | "branch" | "gate";

/** One kind's handler: a round of the node, and aborting its children and attempts (node-step then ends the node). */
export interface NodeStepper {
  step(n: NodeCtx): void;
  abort?(n: NodeCtx, reason: string): void;
}

export type NodeSteppers = Readonly<Record<NodeKind, NodeStepper>>;

/** A workflow whose nodes run side by side: the primary, a sub-workflow, or a dynamic workflow. */
export interface Scope {
  template: WorkflowTemplate;
  connections?: ConnectionSet;
  /** Undefined for the primary workflow: its node ids are the spec ids. */
  parent?: ParentInfo;
  /** What the scope's start-node outputs. */
  inputs: LiteralMap;
  /** Where the scope's task and sub-workflow references resolve (a dynamic workflow brings its own). */
  closure: ClosureIndex;
}

/** One node as it runs this round: where its bindings resolve and where its id comes from. */
export interface NodeCtx {
  r: Round;
  scope: Scope;
  /** The parent its id is derived from: the scope's, or a branch node's for the branch it runs. */
  parent?: ParentInfo;
  node: Node;
  /** Unique node execution id. */
  id: string;
  ne?: NodeExecution;
}

export function newRound(snap: ExecutionSnapshot, now: number, config: ExecutorConfig, steppers: NodeSteppers): Round {
  const execId = snap.execution.id;
  if (!execId) throw new Error("execution has no id");
  const nodeExecs = new Map<string, NodeExecution>();
  for (const ne of snap.nodeExecutions) if (ne.id) nodeExecs.set(ne.id.nodeId, ne);
  const attempts = new Map<string, TaskExecution[]>();
  for (const te of snap.taskExecutions) {
    const nodeId = te.id?.nodeExecutionId?.nodeId;
    if (nodeId === undefined) continue;
    const list = attempts.get(nodeId) ?? [];
    list.push(te);
    attempts.set(nodeId, list);
  }
  for (const list of attempts.values()) list.sort((a, b) => (a.id?.retryAttempt ?? 0) - (b.id?.retryAttempt ?? 0));
  const signals = new Map<string, Signal>();
  for (const s of snap.signals) if (s.id) signals.set(s.id.signalId, s);
  const children = new Map<string, Execution>();
  for (const c of snap.childExecutions) if (c.id) children.set(c.id.name, c);
  let recovered: Round["recovered"];
  if (snap.recoverFrom) {
    const byId = new Map<string, NodeExecution>();
    for (const ne of snap.recoverFrom.nodeExecutions) if (ne.id) byId.set(ne.id.nodeId, ne);
    recovered = { ...snap.recoverFrom, byId };
  }
  return {
    snap,
    now,
    config,
    execId,
    closure: indexClosure(snap.closure),
    nodeExecs,
    attempts,
    signals,
    children,
    recovered,
    actions: [],
    steppers,
  };
}

export function nodeCtx(r: Round, scope: Scope, node: Node, parent: ParentInfo | undefined = scope.parent): NodeCtx {
  const id = nodeUniqueId(parent, node.id);
  return { r, scope, parent, node, id, ne: r.nodeExecs.get(id) };
}

export const ms = (t: Timestamp | undefined): number | undefined => (t ? timestampMs(t) : undefined);

export function nodePhaseOf(ne: NodeExecution | undefined): NodeExecution_Phase | undefined {
  return ne?.closure?.phase;
}

/** When the node's latest recorded event happened. */
export function nodeUpdatedMs(n: NodeCtx): number {
  const c = n.ne?.closure;
  return ms(c?.updatedAt) ?? ms(c?.createdAt) ?? n.r.now;
}

/** When the node started running (FlyteAdmin sets started_at from the RUNNING event). */
export function nodeStartedMs(n: NodeCtx): number {
  const c = n.ne?.closure;
  return ms(c?.startedAt) ?? nodeUpdatedMs(n);
}

const NODE_TERMINAL = new Set([
  NodeExecution_Phase.SUCCEEDED,
  NodeExecution_Phase.FAILED,
  NodeExecution_Phase.ABORTED,
  NodeExecution_Phase.SKIPPED,
  NodeExecution_Phase.TIMED_OUT,
  NodeExecution_Phase.RECOVERED,
]);
export const isNodeTerminal = (p: NodeExecution_Phase | undefined) => p !== undefined && NODE_TERMINAL.has(p);
export const isNodeSuccess = (p: NodeExecution_Phase | undefined) =>
  p === NodeExecution_Phase.SUCCEEDED || p === NodeExecution_Phase.RECOVERED;
export const isNodeFailure = (p: NodeExecution_Phase | undefined) =>
  p === NodeExecution_Phase.FAILED || p === NodeExecution_Phase.TIMED_OUT || p === NodeExecution_Phase.ABORTED;

const TASK_TERMINAL = new Set([
  TaskExecution_Phase.SUCCEEDED,
  TaskExecution_Phase.FAILED,
  TaskExecution_Phase.ABORTED,
  TaskExecution_Phase.RETRYABLE_FAILED,
]);
export const isTaskTerminal = (p: TaskExecution_Phase | undefined) => p !== undefined && TASK_TERMINAL.has(p);

/** Recorded outputs of a node of this scope, by spec id ("start-node" is the scope's inputs). */
export function scopeNodeOutputs(r: Round, scope: Scope, specNodeId: string): LiteralMap | undefined {
  if (specNodeId === "start-node") return scope.inputs;
  return r.snap.nodeOutputs.get(nodeUniqueId(scope.parent, specNodeId));
}

/** The upstream spec node ids of a node of this scope. */
export function upstreamOf(scope: Scope, node: Node): string[] {
  const fromConnections = scope.connections?.upstream[node.id]?.ids;
  return fromConnections ?? node.upstreamNodeIds;
}

/** The execution's seed for everything random about one node attempt. */
export function seedOf(n: NodeCtx, attempt: number, purpose: string): string {
  return `${n.r.execId.name}/${n.id}/${attempt}/${purpose}`;
}
