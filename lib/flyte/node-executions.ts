// Node executions as the nodes table and the header see them: hierarchy, filters, sorting. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { nodePhase } from "./phases";
import { durationMs, timestampMs } from "./time";

/**
 * The child execution a launch-plan node started (FlytePropeller reports its id in the node's
 * workflow_node_metadata), which the console links to instead of opening the node in place.
 */
export function childExecutionId(ne: NodeExecution) {
  const meta = ne.closure?.targetMetadata;
  return meta?.case === "workflowNodeMetadata" ? meta.value.executionId : undefined;
}

/** Child node id → parent node id, as the watch reports them (WatchExecutionResponse.parent_node_ids). */
export type ParentIds = ReadonlyMap<string, string>;

/**
 * The parent of a node execution among `known`. The watch's parent ids come first: FlytePropeller names a child
 * `${parentNodeId}-${retryAttempt}-${specNodeId}` but replaces that by a hash once it passes 20 characters
 * (flytepropeller nodes/common/utils.go GenerateUniqueID), so the id string alone cannot place it.
 */
export function parentNodeIdOf(
  ne: NodeExecution,
  known: ReadonlyMap<string, NodeExecution>,
  parents?: ParentIds,
): string | undefined {
  const id = ne.id?.nodeId ?? "";
  const reported = parents?.get(id);
  if (reported !== undefined && reported !== id && known.has(reported)) return reported;
  const spec = ne.metadata?.specNodeId ?? "";
  if (!spec || id === spec || !id.endsWith(`-${spec}`)) return undefined;
  const m = /^(.+)-\d+$/.exec(id.slice(0, -spec.length - 1));
  return m && known.has(m[1]) ? m[1] : undefined;
}

export interface NodeRow {
  nodeExecution: NodeExecution;
  nodeId: string;
  name: string;
  depth: number;
  phase: number;
  startedMs?: number;
  /** Final duration, or time so far while running (from `nowMs`). */
  durationMs?: number;
  hasChildren: boolean;
  expanded: boolean;
}

export type NodeSort = "start" | "duration";

export interface NodeRowOptions {
  expanded: ReadonlySet<string>;
  /** Phase names to keep (empty: all). A parent is kept when any descendant matches. */
  phases?: ReadonlySet<string>;
  search?: string;
  sort?: NodeSort;
  nowMs: number;
  /** The node's name from the workflow (e.g. the task's function name); default: its spec node id. */
  nameOf?: (ne: NodeExecution) => string | undefined;
  /** The watch's parent ids, which place children whose ids FlytePropeller hashed. */
  parents?: ParentIds;
}

function specName(ne: NodeExecution): string {
  return ne.metadata?.specNodeId || ne.id?.nodeId || "";
}

function rowDuration(ne: NodeExecution, nowMs: number): number | undefined {
  const d = durationMs(ne.closure?.duration);
  if (d && d > 0) return d;
  const started = timestampMs(ne.closure?.startedAt);
  return started && !nodePhase(ne.closure?.phase ?? 0).isTerminal ? nowMs - started : undefined;
}

/** Node ids in natural order: n2 before n10, as FlytePropeller numbers them. */
const byNodeId = new Intl.Collator("en", { numeric: true }).compare;

/**
 * Flattens node executions into table rows: children under their (expanded) parent, siblings
 * sorted, filtered by phase and name (a parent stays when a descendant matches, and opens).
 */
export function nodeExecutionRows(nodes: Iterable<NodeExecution>, opts: NodeRowOptions): NodeRow[] {
  const displayName = (ne: NodeExecution) => opts.nameOf?.(ne) || specName(ne);
  const byId = new Map<string, NodeExecution>();
  for (const ne of nodes) if (ne.id?.nodeId) byId.set(ne.id.nodeId, ne);
  const children = new Map<string | undefined, NodeExecution[]>();
  for (const ne of byId.values()) {
    const parent = parentNodeIdOf(ne, byId, opts.parents);
    const list = children.get(parent) ?? [];
    list.push(ne);
    children.set(parent, list);
  }
  const search = opts.search?.trim().toLowerCase() ?? "";
  const phases = opts.phases && opts.phases.size ? opts.phases : undefined;
  const matches = (ne: NodeExecution) =>
    (!phases || phases.has(nodePhase(ne.closure?.phase ?? 0).name)) &&
    (!search || displayName(ne).toLowerCase().includes(search) || (ne.id?.nodeId ?? "").toLowerCase().includes(search));
  const filtering = Boolean(phases || search);
  const keep = new Map<string, boolean>();
  const kept = (ne: NodeExecution): boolean => {
    const id = ne.id!.nodeId;
    const cached = keep.get(id);
    if (cached !== undefined) return cached;
    const result = matches(ne) || (children.get(id) ?? []).some(kept);
    keep.set(id, result);
    return result;
  };
  const compare = (a: NodeExecution, b: NodeExecution) => {
    if (opts.sort === "duration") return (rowDuration(b, opts.nowMs) ?? -1) - (rowDuration(a, opts.nowMs) ?? -1);
    const sa = timestampMs(a.closure?.startedAt) ?? timestampMs(a.closure?.createdAt) ?? Infinity;
    const sb = timestampMs(b.closure?.startedAt) ?? timestampMs(b.closure?.createdAt) ?? Infinity;
    return sa - sb || byNodeId(a.id!.nodeId, b.id!.nodeId);
  };
  const rows: NodeRow[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    const list = (children.get(parent) ?? []).filter((ne) => !filtering || kept(ne)).sort(compare);
    for (const ne of list) {
      const id = ne.id!.nodeId;
      const hasChildren = (children.get(id)?.length ?? 0) > 0;
      const expanded = hasChildren && (opts.expanded.has(id) || (filtering && (children.get(id) ?? []).some(kept)));
      rows.push({
        nodeExecution: ne,
        nodeId: id,
        name: displayName(ne),
        depth,
        phase: ne.closure?.phase ?? 0,
        startedMs: timestampMs(ne.closure?.startedAt),
        durationMs: rowDuration(ne, opts.nowMs),
        hasChildren,
        expanded,
      });
      if (expanded) walk(id, depth + 1);
    }
  };
  walk(undefined, 0);
  return rows;
}

const FAILED = new Set<number>([NodeExecution_Phase.FAILED, NodeExecution_Phase.TIMED_OUT]);

/** The node to blame for a failed run: a failed node none of whose children failed, earliest first. */
export function failingNodeId(nodes: Iterable<NodeExecution>, parents?: ParentIds): string | undefined {
  const byId = new Map<string, NodeExecution>();
  for (const ne of nodes) if (ne.id?.nodeId) byId.set(ne.id.nodeId, ne);
  const failed = [...byId.values()].filter((ne) => FAILED.has(ne.closure?.phase ?? 0));
  const failedParents = new Set(failed.map((ne) => parentNodeIdOf(ne, byId, parents)).filter(Boolean));
  const leaves = failed.filter((ne) => !failedParents.has(ne.id!.nodeId));
  leaves.sort((a, b) => (timestampMs(a.closure?.updatedAt) ?? 0) - (timestampMs(b.closure?.updatedAt) ?? 0));
  return leaves[0]?.id?.nodeId;
}
