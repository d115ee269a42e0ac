// A smaller view of a huge graph: only the nodes a person asked for (e.g. those that failed or are running, or
// whose name matches), with the groups around them opened, so the page never has to draw thousands of boxes.
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { nodePhase } from "../phases";
import { StringHasher } from "./hash";
import type { ExecutionOverlay } from "./overlay";
import type { GraphEdge, GraphNode, WorkflowGraph } from "./types";

export interface GraphFilter {
  /** Only nodes that failed, or have started and not finished. */
  failedOrRunning: boolean;
  /** Only nodes whose name or id contains this (case-insensitive); empty: no name filter. */
  search: string;
}

const FAILED = new Set<number>([NodeExecution_Phase.FAILED, NodeExecution_Phase.FAILING, NodeExecution_Phase.TIMED_OUT]);

/** Graph ids of the nodes (start and end aside) that pass the filter. */
export function nodesMatching(graph: WorkflowGraph, overlay: ExecutionOverlay, filter: GraphFilter): string[] {
  const search = filter.search.trim().toLowerCase();
  const out: string[] = [];
  for (const n of graph.nodes) {
    if (n.kind === "start" || n.kind === "end") continue;
    if (search && !n.name.toLowerCase().includes(search) && !n.id.toLowerCase().includes(search)) continue;
    if (filter.failedOrRunning) {
      const entry = overlay.get(n.id);
      if (!entry) continue;
      if (!FAILED.has(entry.phase) && nodePhase(entry.phase).isTerminal) continue;
      // A group is kept through its children; on its own it would only say "running".
      if (n.expandable && !FAILED.has(entry.phase)) continue;
    }
    out.push(n.id);
  }
  return out;
}

/**
 * The graph with only `keep` (graph node ids) and their enclosing groups, every kept group open. Edges are
 * those whose two ends are kept. The layout key changes with the kept set.
 */
export function filterGraph(graph: WorkflowGraph, keep: Iterable<string>): WorkflowGraph {
  const kept = new Set<string>();
  for (const id of keep) {
    for (let cur: string | undefined = id; cur !== undefined && !kept.has(cur); cur = graph.byId.get(cur)?.parentId) {
      if (!graph.byId.has(cur)) break;
      kept.add(cur);
    }
  }
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    if (!kept.has(n.id)) continue;
    const childIds = n.childIds.filter((c) => kept.has(c));
    const copy: GraphNode = { ...n, childIds, expanded: n.expandable && childIds.length > 0, visible: true };
    nodes.push(copy);
    byId.set(copy.id, copy);
  }
  const edges: GraphEdge[] = graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  const key = new StringHasher().add(graph.layoutKey).add("filtered");
  for (const n of nodes) key.add(n.id);
  return { nodes, byId, edges, layoutKey: key.digest() };
}
