// Sub-workflow nodes: the node runs (is_parent, target_entity = the sub-workflow) while the
// sub-workflow's nodes run as its children, ids prefixed `${node}-${attempt}-${child}` as FlytePropeller
// does; the node ends with the sub-workflow's outputs or its first failure.
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { nodeSubWorkflow } from "@/lib/flyte/closure";
import type { NodeCtx, Scope } from "./context";
import { emitNodeEvent } from "./events";
import { failNode, nodeInputs } from "./node-common";
import { abortScope, scopeOutputs, stepScope } from "./scope";

function childScope(n: NodeCtx): Scope | undefined {
  const wf = nodeSubWorkflow(n.scope.closure, n.node);
  if (!wf?.template) return undefined;
  return {
    template: wf.template,
    connections: wf.connections,
    parent: { uniqueId: n.id, attempt: 0, inDynamicChain: n.parent?.inDynamicChain ?? false },
    inputs: nodeInputs(n),
    closure: n.scope.closure,
  };
}

export function stepSubWorkflowNode(n: NodeCtx): void {
  const scope = childScope(n);
  if (!scope) {
    const ref = n.node.target.case === "workflowNode" ? n.node.target.value.reference.value?.name : undefined;
    return failNode(n, "SubWorkflowNotFound", `sub-workflow [${ref ?? "?"}] of node [${n.node.id}] is not in the closure`);
  }
  if (n.ne?.closure?.phase === NodeExecution_Phase.QUEUED) {
    emitNodeEvent(n, NodeExecution_Phase.RUNNING, n.r.now);
    return;
  }
  const status = stepScope(n.r, scope);
  if (status.state === "succeeded") {
    emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, n.r.now, {
      outputResult: { case: "outputData", value: scopeOutputs(n.r, scope, `${n.r.execId.name}/${n.id}/outputs`) },
    });
  } else if (status.state === "failed") {
    abortScope(n.r, scope, `sub-workflow of node [${n.node.id}] failed`);
    emitNodeEvent(n, NodeExecution_Phase.FAILED, n.r.now, { outputResult: { case: "error", value: status.error } });
  }
}

export function abortSubWorkflowNode(n: NodeCtx, reason: string): void {
  const scope = childScope(n);
  if (scope) abortScope(n.r, scope, reason);
}
