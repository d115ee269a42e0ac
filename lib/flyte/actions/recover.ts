// What RecoverExecution will do with each top-level node: FlytePropeller copies the outputs of nodes
// that SUCCEEDED (or were themselves RECOVERED) in the original and marks them RECOVERED; everything
// else runs again. A parent node that did not succeed runs again, but its successful children are
// recovered inside it. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { END_NODE_ID, nodeDisplayName, START_NODE_ID, staticNodeKind } from "../closure";

export type RecoverOutcome = "reused" | "rerun" | "partial";

export interface RecoverPreviewRow {
  nodeId: string;
  name: string;
  /** The node's phase in the original execution; undefined when it never started. */
  phase?: NodeExecution_Phase;
  outcome: RecoverOutcome;
}

export interface RecoverPreview {
  rows: RecoverPreviewRow[];
  reused: number;
  rerun: number;
}

const REUSED_PHASES = new Set<number>([NodeExecution_Phase.SUCCEEDED, NodeExecution_Phase.RECOVERED]);

function outcomeOf(ne: NodeExecution | undefined, isParent: boolean): RecoverOutcome {
  if (ne && REUSED_PHASES.has(ne.closure?.phase ?? 0)) return "reused";
  return ne && isParent ? "partial" : "rerun";
}

const PARENT_KINDS = new Set(["subworkflow", "branch", "array"]);

/**
 * One row per node of the primary workflow, in the template's order, from the original's top-level
 * node executions. Without a closure, the node executions alone.
 */
export function recoverPreview(closure: CompiledWorkflowClosure | undefined, topLevel: Iterable<NodeExecution>): RecoverPreview {
  const byId = new Map<string, NodeExecution>();
  for (const ne of topLevel) {
    const id = ne.id?.nodeId;
    if (id && id !== START_NODE_ID && id !== END_NODE_ID) byId.set(id, ne);
  }
  const rows: RecoverPreviewRow[] = [];
  const seen = new Set<string>();
  for (const node of closure?.primary?.template?.nodes ?? []) {
    if (node.id === START_NODE_ID || node.id === END_NODE_ID) continue;
    const ne = byId.get(node.id);
    seen.add(node.id);
    const isParent = (ne?.metadata?.isParentNode ?? false) || PARENT_KINDS.has(staticNodeKind(node));
    rows.push({ nodeId: node.id, name: nodeDisplayName(node), phase: ne?.closure?.phase, outcome: outcomeOf(ne, isParent) });
  }
  // The failure node (on_failure handler) and anything the closure does not name.
  for (const [id, ne] of byId) {
    if (seen.has(id)) continue;
    rows.push({ nodeId: id, name: ne.metadata?.specNodeId || id, phase: ne.closure?.phase, outcome: outcomeOf(ne, ne.metadata?.isParentNode ?? false) });
  }
  const reused = rows.filter((r) => r.outcome === "reused").length;
  return { rows, reused, rerun: rows.length - reused };
}
