// Branch nodes: decide the if/else on the node's inputs, run only the taken node as the branch's child
// (is_parent; the child's id is prefixed like a sub-workflow's), and end with the child's outputs.
// No case matching and no else: the branch is SKIPPED; an else-fail ends it FAILED with that error.
import { ExecutionError_ErrorKind, NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { literalMap } from "./literals";
import { ConditionError, decideBranch, type BranchDecision } from "./conditions";
import { isNodeSuccess, isNodeTerminal, nodeCtx, nodePhaseOf, type NodeCtx } from "./context";
import { emitNodeEvent, executionError } from "./events";
import { nodeInputs, recordedError } from "./node-common";
import { abortNode, stepNode } from "./node-step";

function decide(n: NodeCtx): BranchDecision | { kind: "invalid"; message: string } {
  if (n.node.target.case !== "branchNode") return { kind: "invalid", message: "not a branch node" };
  try {
    return decideBranch(n.node.target.value.ifElse, nodeInputs(n));
  } catch (e) {
    if (e instanceof ConditionError) return { kind: "invalid", message: e.message };
    throw e;
  }
}

function childOf(n: NodeCtx, decision: BranchDecision | { kind: "invalid" }): NodeCtx | undefined {
  if (decision.kind !== "node") return undefined;
  return nodeCtx(n.r, n.scope, decision.node, {
    uniqueId: n.id,
    attempt: 0,
    inDynamicChain: n.parent?.inDynamicChain ?? false,
  });
}

export function stepBranchNode(n: NodeCtx): void {
  const decision = decide(n);
  const now = n.r.now;
  if (decision.kind === "invalid") {
    return emitNodeEvent(n, NodeExecution_Phase.FAILED, now, {
      outputResult: { case: "error", value: executionError("MalformedBranch", decision.message, ExecutionError_ErrorKind.USER, now) },
    });
  }
  if (decision.kind === "error") {
    return emitNodeEvent(n, NodeExecution_Phase.FAILED, now, {
      outputResult: { case: "error", value: executionError("UserProvidedError", decision.message, ExecutionError_ErrorKind.USER, now) },
    });
  }
  if (decision.kind === "none") return emitNodeEvent(n, NodeExecution_Phase.SKIPPED, now);
  if (n.ne?.closure?.phase === NodeExecution_Phase.QUEUED) return emitNodeEvent(n, NodeExecution_Phase.RUNNING, now);

  const child = childOf(n, decision)!;
  const phase = nodePhaseOf(child.ne);
  if (!isNodeTerminal(phase)) return stepNode(child, true);
  if (isNodeSuccess(phase)) {
    return emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, now, {
      outputResult: { case: "outputData", value: n.r.snap.nodeOutputs.get(child.id) ?? literalMap() },
    });
  }
  if (phase === NodeExecution_Phase.SKIPPED) return emitNodeEvent(n, NodeExecution_Phase.SKIPPED, now);
  emitNodeEvent(n, NodeExecution_Phase.FAILED, now, { outputResult: { case: "error", value: recordedError(child) } });
}

export function abortBranchNode(n: NodeCtx, reason: string): void {
  const child = childOf(n, decide(n));
  if (child) abortNode(child, reason);
}
