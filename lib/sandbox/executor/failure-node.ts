// The FAILING workflow: running nodes are aborted, then the workflow's failure node (failure_node, e.g. a
// clean-up task) runs as an ordinary node with its own node id, and only then does the workflow end FAILED.
// Follows flytepropeller/pkg/controller/workflow/executor.go (handleFailingWorkflow, handleFailureNode): the
// failure node runs without waiting on upstream edges; if it fails, its error becomes the workflow's; if it
// times out, the error is FailureNode Timed-out; otherwise the workflow keeps the error that failed it.
import { ExecutionError_ErrorKind, NodeExecution_Phase, type ExecutionError } from "@/lib/gen/flyteidl/core/execution_pb";
import { isNodeTerminal, nodeCtx, nodePhaseOf, type NodeCtx, type Round, type Scope } from "./context";
import { executionError } from "./events";
import { abortNode, stepNode } from "./node-step";
import { recordedError } from "./node-common";
import { abortScope, scopeStatus } from "./scope";

/** FlytePropeller's reason for nodes still running when the workflow fails. */
export const AUTO_ABORT_REASON = "Some node execution failed, auto-abort.";

function failureNodeOf(r: Round, scope: Scope): NodeCtx | undefined {
  const node = scope.template.failureNode;
  return node ? nodeCtx(r, scope, node) : undefined;
}

/** The error the workflow failed with: its first failed node's, as recorded. */
function originalError(r: Round, scope: Scope): ExecutionError {
  const status = scopeStatus(r, scope);
  if (status.state === "failed") return status.error;
  const out = r.snap.execution.closure?.outputResult;
  if (out?.case === "error") return out.value;
  return executionError("UnknownError", "the workflow failed", ExecutionError_ErrorKind.UNKNOWN, r.now);
}

/**
 * One round of a FAILING workflow. Answers the error to end the workflow FAILED with, or undefined while
 * the failure node still runs.
 */
export function stepFailing(r: Round, scope: Scope): ExecutionError | undefined {
  const error = originalError(r, scope);
  abortScope(r, scope, AUTO_ABORT_REASON);
  const fn = failureNodeOf(r, scope);
  if (!fn) return error;
  const phase = nodePhaseOf(fn.ne);
  if (!isNodeTerminal(phase)) {
    stepNode(fn, true);
    return undefined;
  }
  if (phase === NodeExecution_Phase.TIMED_OUT) {
    return executionError("TimedOut", "FailureNode Timed-out", ExecutionError_ErrorKind.USER, r.now);
  }
  if (phase === NodeExecution_Phase.FAILED || phase === NodeExecution_Phase.ABORTED) return recordedError(fn);
  return error;
}

/** A terminated workflow aborts its running failure node too. */
export function abortFailureNode(r: Round, scope: Scope, reason: string): void {
  const fn = failureNodeOf(r, scope);
  if (fn) abortNode(fn, reason);
}
