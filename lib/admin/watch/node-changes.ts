// What changed between two polls of an execution's node executions. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { nodePhase } from "@/lib/flyte/phases";
import { timestampMs } from "@/lib/flyte/time";

/** The node's id within its execution (FlytePropeller's unique ids, children included). */
export function nodeKey(ne: NodeExecution): string {
  return ne.id?.nodeId ?? "";
}

function version(ne: NodeExecution): string {
  return `${timestampMs(ne.closure?.updatedAt) ?? 0}:${ne.closure?.phase ?? 0}`;
}

/** Puts `incoming` into `known` and returns the node executions that are new or changed. */
export function mergeNodeExecutions(known: Map<string, NodeExecution>, incoming: NodeExecution[]): NodeExecution[] {
  const changed: NodeExecution[] = [];
  for (const ne of incoming) {
    const key = nodeKey(ne);
    const prev = known.get(key);
    if (prev && version(prev) === version(ne)) continue;
    known.set(key, ne);
    changed.push(ne);
  }
  return changed;
}

export function isNodeTerminal(ne: NodeExecution): boolean {
  return nodePhase(ne.closure?.phase ?? 0).isTerminal;
}

/** Parent nodes (sub-workflow, dynamic, branch, map…) whose children may still change. */
export function liveParents(known: Map<string, NodeExecution>): string[] {
  return [...known.values()].filter((ne) => ne.metadata?.isParentNode && !isNodeTerminal(ne)).map(nodeKey);
}
