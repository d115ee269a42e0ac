// A workflow's nodes as one unit (the primary workflow, a sub-workflow, a dynamic workflow): whether it
// is done, failed (honouring its failure policy) or still running, one round of all its nodes, and abort.
import { NodeExecution_Phase, type ExecutionError } from "@/lib/gen/flyteidl/core/execution_pb";
import { WorkflowMetadata_OnFailurePolicy } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { resolveBindings } from "./bindings";
import {
  isNodeFailure,
  isNodeTerminal,
  ms,
  nodeCtx,
  nodePhaseOf,
  type NodeCtx,
  type Round,
  type Scope,
} from "./context";
import { recordedError } from "./node-common";
import { abortNode, stepNode, upstreamReadiness } from "./node-step";

export type ScopeStatus =
  | { state: "running" }
  | { state: "succeeded" }
  | { state: "failed"; error: ExecutionError };

export function scopeNodes(r: Round, scope: Scope): NodeCtx[] {
  return scope.template.nodes.map((node) => nodeCtx(r, scope, node));
}

/** The first failure of a scope: failed or timed-out nodes before aborted ones, earliest first. */
function firstFailure(failed: NodeCtx[]): NodeCtx {
  const rank = (n: NodeCtx) => (nodePhaseOf(n.ne) === NodeExecution_Phase.ABORTED ? 1 : 0);
  const at = (n: NodeCtx) => ms(n.ne?.closure?.updatedAt) ?? 0;
  return [...failed].sort((a, b) => rank(a) - rank(b) || at(a) - at(b))[0];
}

/** Where a scope stands, from what is recorded (before this round's actions). */
export function scopeStatus(r: Round, scope: Scope, nodes = scopeNodes(r, scope)): ScopeStatus {
  const failed = nodes.filter((n) => isNodeFailure(nodePhaseOf(n.ne)));
  const failImmediately = scope.template.metadata?.onFailure !== WorkflowMetadata_OnFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE;
  if (failed.length && failImmediately) return { state: "failed", error: recordedError(firstFailure(failed)) };
  const settled = nodes.every((n) => isNodeTerminal(nodePhaseOf(n.ne)) || (!n.ne && upstreamReadiness(n) === "wait"));
  const allTerminal = nodes.every((n) => isNodeTerminal(nodePhaseOf(n.ne)));
  if (failed.length && settled) return { state: "failed", error: recordedError(firstFailure(failed)) };
  if (allTerminal) return { state: "succeeded" };
  return { state: "running" };
}

/** One round of a scope: every node that can move moves; nothing moves once the scope has ended. */
export function stepScope(r: Round, scope: Scope): ScopeStatus {
  const nodes = scopeNodes(r, scope);
  const status = scopeStatus(r, scope, nodes);
  if (status.state === "running") for (const n of nodes) stepNode(n);
  return status;
}

/** Aborts every running node of a scope, downstream nodes first. */
export function abortScope(r: Round, scope: Scope, reason: string): void {
  for (const n of scopeNodes(r, scope).reverse()) abortNode(n, reason);
}

/** Whether any node of the scope is still running (recorded and not terminal). */
export function scopeHasActiveNodes(r: Round, scope: Scope): boolean {
  return scopeNodes(r, scope).some((n) => n.ne !== undefined && !isNodeTerminal(nodePhaseOf(n.ne)));
}

/** The scope's outputs: its output bindings resolved against its nodes' recorded outputs. */
export function scopeOutputs(r: Round, scope: Scope, seed: string): LiteralMap {
  return resolveBindings(r, scope, scope.template.outputs, scope.template.interface?.outputs, seed);
}
