// What every node does the same way: wait for its upstream nodes, get skipped behind a failed or
// skipped one, resolve its inputs and queue, be recovered from an earlier execution; then hand over to
// the stepper of its kind (the Round's registry, node-kinds.ts). Also the node-level abort.
import { ExecutionError_ErrorKind, NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { isMapTaskType, nodeTaskTemplate, START_NODE_ID, END_NODE_ID } from "@/lib/flyte/closure";
import {
  isNodeFailure,
  isNodeSuccess,
  isNodeTerminal,
  nodePhaseOf,
  upstreamOf,
  type NodeCtx,
  type NodeKind,
} from "./context";
import { emitNodeEvent, executionError, type NodeEventInit } from "./events";
import { nodeUniqueId } from "./ids";
import { literalMap } from "./literals";
import { failNode, nodeInputs } from "./node-common";

type Readiness = "wait" | "ready" | "skip";

/** FlytePropeller's CanExecute: ready when every upstream succeeded; skipped behind failed/skipped ones. */
// Node ids per template, computed once: a scope of N nodes asks N times per round.
const templateNodeIds = new WeakMap<NodeCtx["scope"]["template"], Set<string>>();
function nodeIdsOf(template: NodeCtx["scope"]["template"]): Set<string> {
  let ids = templateNodeIds.get(template);
  if (!ids) templateNodeIds.set(template, (ids = new Set(template.nodes.map((x) => x.id))));
  return ids;
}

export function upstreamReadiness(n: NodeCtx): Readiness {
  const inScope = nodeIdsOf(n.scope.template);
  let skip = false;
  for (const upstreamId of upstreamOf(n.scope, n.node)) {
    // A hand-built template may leave start-node out; there is nothing to wait for then.
    if (!inScope.has(upstreamId)) continue;
    const phase = nodePhaseOf(n.r.nodeExecs.get(nodeUniqueId(n.scope.parent, upstreamId)));
    if (phase === NodeExecution_Phase.SKIPPED || isNodeFailure(phase)) skip = true;
    else if (!isNodeSuccess(phase)) return "wait";
  }
  return skip ? "skip" : "ready";
}

function queue(n: NodeCtx): void {
  emitNodeEvent(n, NodeExecution_Phase.QUEUED, n.r.now, { inputValue: { case: "inputData", value: nodeInputs(n) } });
}

/** A RECOVERED execution takes over what the execution it recovers already produced for this node. */
function recover(n: NodeCtx): boolean {
  const recovered = n.r.recovered;
  if (!recovered || n.node.id === START_NODE_ID || n.node.id === END_NODE_ID) return false;
  const old = recovered.byId.get(n.id);
  if (!old || !isNodeSuccess(old.closure?.phase)) return false;
  const target = old.closure?.targetMetadata;
  let targetMetadata: NodeEventInit["targetMetadata"];
  if (target?.case === "taskNodeMetadata") {
    const { cacheStatus, catalogKey, checkpointUri } = target.value;
    targetMetadata = { case: "taskNodeMetadata", value: { cacheStatus, catalogKey, checkpointUri } };
  } else if (target?.case === "workflowNodeMetadata") {
    targetMetadata = { case: "workflowNodeMetadata", value: { executionId: target.value.executionId } };
  }
  emitNodeEvent(n, NodeExecution_Phase.RECOVERED, n.r.now, {
    outputResult: { case: "outputData", value: recovered.nodeOutputs.get(n.id) ?? literalMap() },
    targetMetadata,
    isParent: old.metadata?.isParentNode ?? false,
    isDynamic: old.metadata?.isDynamic ?? false,
  });
  return true;
}

function stepPassThrough(n: NodeCtx): void {
  // start-node outputs the scope's inputs; end-node outputs what its bindings resolved to.
  emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, n.r.now, {
    outputResult: { case: "outputData", value: nodeInputs(n) },
  });
}

/** Which registered kind moves the node; none for start-node, end-node and targets the sandbox lacks. */
function kindOf(n: NodeCtx): NodeKind | undefined {
  const t = n.node.target;
  switch (t.case) {
    case "taskNode": {
      const template = nodeTaskTemplate(n.scope.closure, n.node);
      return template && isMapTaskType(template.type) ? "array" : "task";
    }
    case "arrayNode":
      return "array";
    case "workflowNode":
      return t.value.reference.case === "launchplanRef" ? "launchPlan" : "subWorkflow";
    case "branchNode":
      return "branch";
    case "gateNode":
      return "gate";
    default:
      return undefined;
  }
}

function stepKind(n: NodeCtx): void {
  const kind = kindOf(n);
  if (kind) return n.r.steppers[kind].step(n);
  if (n.node.id === START_NODE_ID || n.node.id === END_NODE_ID) return stepPassThrough(n);
  failNode(n, "UnsupportedNode", `node [${n.node.id}] has no task, workflow, branch, gate or array target`);
}

/**
 * One round for one node. `started` says the caller already decided the node runs (a branch's taken
 * node), so its upstream edges are not consulted.
 */
export function stepNode(n: NodeCtx, started = false): void {
  const phase = nodePhaseOf(n.ne);
  if (isNodeTerminal(phase)) return;
  if (!n.ne) {
    const readiness = started ? "ready" : upstreamReadiness(n);
    if (readiness === "skip") emitNodeEvent(n, NodeExecution_Phase.SKIPPED, n.r.now);
    else if (readiness === "ready") queue(n);
    return;
  }
  if (phase === NodeExecution_Phase.QUEUED && recover(n)) return;
  stepKind(n);
}

/** Aborts a running node: its children and attempts first, then the node (FlytePropeller's order). */
export function abortNode(n: NodeCtx, reason: string): void {
  if (!n.ne || isNodeTerminal(nodePhaseOf(n.ne))) return;
  const kind = kindOf(n);
  if (kind) n.r.steppers[kind].abort?.(n, reason);
  emitNodeEvent(n, NodeExecution_Phase.ABORTED, n.r.now, {
    outputResult: { case: "error", value: executionError("NodeAborted", reason, ExecutionError_ErrorKind.UNKNOWN, n.r.now) },
  });
}
