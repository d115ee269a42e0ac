// What the node kinds share: a node's inputs, its retry budget, failing it, and reading its recorded
// error. Imports no node kind and not node-step, so every kind can use it without a circle.
import { ExecutionError_ErrorKind, NodeExecution_Phase, type ExecutionError } from "@/lib/gen/flyteidl/core/execution_pb";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { findLaunchPlan, nodeSubWorkflow, nodeTaskTemplate, START_NODE_ID, END_NODE_ID } from "@/lib/flyte/closure";
import { resolveBindings } from "./bindings";
import { nodePhaseOf, type NodeCtx } from "./context";
import { emitNodeEvent, executionError } from "./events";

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

/** User retries: the node's override or the task's, whichever is larger. */
export function nodeRetries(n: NodeCtx, template: TaskTemplate | undefined): number {
  return Math.max(n.node.metadata?.retries?.retries ?? 0, template?.metadata?.retries?.retries ?? 0);
}

export function failNode(n: NodeCtx, code: string, message: string, kind = ExecutionError_ErrorKind.SYSTEM): void {
  emitNodeEvent(n, NodeExecution_Phase.FAILED, n.r.now, {
    outputResult: { case: "error", value: executionError(code, message, kind, n.r.now) },
  });
}

/** The error of a failed node as recorded, or a stand-in naming the node. */
export function recordedError(n: NodeCtx): ExecutionError {
  const result = n.ne?.closure?.outputResult;
  if (result?.case === "error") return result.value;
  const phase = NodeExecution_Phase[nodePhaseOf(n.ne) ?? 0];
  return executionError("NodeFailed", `node [${n.node.id}] ended ${phase}`, ExecutionError_ErrorKind.UNKNOWN, n.r.now);
}
