// What every node does the same way: wait for its upstream nodes, get skipped behind a failed or
// skipped one, resolve its inputs and queue, be recovered from an earlier execution; then hand over to
// the handler of its kind. Also the node-level abort.
import { ExecutionError_ErrorKind, NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { findLaunchPlan, isMapTaskType, nodeSubWorkflow, nodeTaskTemplate, START_NODE_ID, END_NODE_ID } from "@/lib/flyte/closure";
import { resolveBindings } from "./bindings";
import {
  isNodeFailure,
  isNodeSuccess,
  isNodeTerminal,
  nodePhaseOf,
  upstreamOf,
  type NodeCtx,
} from "./context";
import { emitNodeEvent, executionError, type NodeEventInit } from "./events";
import { nodeUniqueId } from "./ids";
import { literalMap } from "./literals";
import { abortArrayNode, stepArrayNode } from "./array-node";
import { abortBranchNode, stepBranchNode } from "./branch-node";
import { stepGateNode } from "./gate-node";
import { abortLaunchPlanNode, stepLaunchPlanNode } from "./launchplan-node";
import { abortSubWorkflowNode, stepSubWorkflowNode } from "./subworkflow-node";
import { abortTaskNode, stepTaskNode } from "./task-node";

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

/** The interface inputs of what a node runs: types for values the simulation has to make up. */
function expectedInputs(n: NodeCtx): VariableMap | undefined {
  const t = n.node.target;
  if (n.node.id === END_NODE_ID) return n.scope.template.interface?.outputs;
  if (t.case === "taskNode") return nodeTaskTemplate(n.scope.closure, n.node)?.interface?.inputs;
  if (t.case === "workflowNode") {
    if (t.value.reference.case === "subWorkflowRef") return nodeSubWorkflow(n.scope.closure, n.node)?.template?.interface?.inputs;
    const lp = t.value.reference.value;
    return (
      findLaunchPlan(n.scope.closure, lp)?.interface?.inputs ??
      (lp ? n.r.snap.launchPlanWorkflow(lp)?.primary?.template?.interface?.inputs : undefined)
    );
  }
  return undefined;
}

/** The inputs the node was queued with (recorded), or resolved again from its bindings. */
export function nodeInputs(n: NodeCtx): LiteralMap {
  if (n.node.id === START_NODE_ID) return n.scope.inputs;
  return (
    n.r.snap.nodeInputs.get(n.id) ??
    resolveBindings(n.r, n.scope, n.node.inputs, expectedInputs(n), `${n.r.execId.name}/${n.id}/inputs`)
  );
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

export function failNode(n: NodeCtx, code: string, message: string, kind = ExecutionError_ErrorKind.SYSTEM): void {
  emitNodeEvent(n, NodeExecution_Phase.FAILED, n.r.now, {
    outputResult: { case: "error", value: executionError(code, message, kind, n.r.now) },
  });
}

function stepPassThrough(n: NodeCtx): void {
  // start-node outputs the scope's inputs; end-node outputs what its bindings resolved to.
  emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, n.r.now, {
    outputResult: { case: "outputData", value: nodeInputs(n) },
  });
}

function stepKind(n: NodeCtx): void {
  const t = n.node.target;
  switch (t.case) {
    case "taskNode": {
      const template = nodeTaskTemplate(n.scope.closure, n.node);
      if (template && isMapTaskType(template.type)) stepArrayNode(n);
      else stepTaskNode(n);
      return;
    }
    case "arrayNode":
      return stepArrayNode(n);
    case "workflowNode":
      if (t.value.reference.case === "launchplanRef") return stepLaunchPlanNode(n);
      return stepSubWorkflowNode(n);
    case "branchNode":
      return stepBranchNode(n);
    case "gateNode":
      return stepGateNode(n);
    default:
      if (n.node.id === START_NODE_ID || n.node.id === END_NODE_ID) return stepPassThrough(n);
      return failNode(n, "UnsupportedNode", `node [${n.node.id}] has no task, workflow, branch, gate or array target`);
  }
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
  const t = n.node.target;
  if (t.case === "taskNode" || t.case === "arrayNode") {
    const template = nodeTaskTemplate(n.scope.closure, n.node);
    if (t.case === "arrayNode" || (template && isMapTaskType(template.type))) abortArrayNode(n, reason);
    else abortTaskNode(n, reason);
  } else if (t.case === "workflowNode") {
    if (t.value.reference.case === "launchplanRef") abortLaunchPlanNode(n, reason);
    else abortSubWorkflowNode(n, reason);
  } else if (t.case === "branchNode") {
    abortBranchNode(n, reason);
  }
  emitNodeEvent(n, NodeExecution_Phase.ABORTED, n.r.now, {
    outputResult: { case: "error", value: executionError("NodeAborted", reason, ExecutionError_ErrorKind.UNKNOWN, n.r.now) },
  });
}
