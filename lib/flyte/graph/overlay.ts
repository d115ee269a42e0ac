// Node executions → the graph node each one belongs to. Kept apart from the graph so a phase change touches one
// map entry, never the node objects (or the layout).
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { nodeExecutionKey, type NodeExecutionIdLike } from "../ids";
import type { AttemptStatus } from "../attempt-phases";
import type { SubTaskPhaseCounts } from "../sub-tasks";
import { childNodeId } from "./build";
import type { WorkflowGraph } from "./types";

export { nodeExecutionKey };

export interface NodeExecutionInput {
  nodeExecution: NodeExecution;
  /**
   * The parent node execution, as known from the request that listed this one (`unique_parent_id`): its node id
   * in the same execution, or its full id when the parent is in another execution (a launch plan's child
   * execution under its launch-plan node). Needed when FlytePropeller shortened a long id to a hash; otherwise
   * the parent is read from the id itself (`${parent}-${attempt}-${specNodeId}`).
   */
  parentId?: string | NodeExecutionIdLike;
}

export interface NodeOverlayEntry {
  graphNodeId: string;
  phase: NodeExecution_Phase;
  /** FlyteAdmin's node id of the execution (what URLs and GetNodeExecution use). */
  nodeExecutionId: string;
  /** nodeExecutionKey of the execution's full id. */
  key: string;
  nodeExecution: NodeExecution;
  isParentNode: boolean;
  isDynamic: boolean;
  isArray: boolean;
  /** Array nodes whose sub-nodes report as node executions: how many are in each phase (latest attempt each). */
  subNodePhases?: Readonly<Partial<Record<NodeExecution_Phase, number>>>;
  /** Map and array nodes whose sub-tasks report as external resources of a task execution: counts per task phase. */
  subTaskPhases?: SubTaskPhaseCounts;
  /** A task node's latest attempt while it is not running yet: queued, waiting for resources, initializing. */
  attempt?: AttemptStatus;
}

export type ExecutionOverlay = ReadonlyMap<string, NodeOverlayEntry>;

interface Item {
  ne: NodeExecution;
  key: string;
  order: number;
  explicitParent?: string | NodeExecutionIdLike;
  /** undefined: not resolved yet; null: belongs to no graph node. */
  graphId?: string | null;
  /** Set instead of graphId for a sub-node of an array node that has no graph node of its own. */
  arrayOf?: string;
}

const ATTEMPT_SUFFIX = /^(.+)-(\d+)$/;

/**
 * Which node execution each graph node shows. When several map to one node (children of a parent that was
 * retried), the latest created wins. Entries equal to `previous` ones are reused, so a consumer comparing
 * entries by identity re-renders only the nodes that changed.
 */
export function buildExecutionOverlay(
  graph: WorkflowGraph,
  executions: Iterable<NodeExecution | NodeExecutionInput>,
  previous?: ExecutionOverlay,
): ExecutionOverlay {
  const items = new Map<string, Item>();
  let order = 0;
  for (const x of executions) {
    const input: NodeExecutionInput = "$typeName" in x ? { nodeExecution: x } : x;
    const ne = input.nodeExecution;
    if (!ne.id) continue;
    const key = nodeExecutionKey(ne.id);
    items.set(key, { ne, key, order: order++, explicitParent: input.parentId });
  }

  let bySpec: Map<string, string | null> | undefined;
  const uniqueBySpec = () => {
    if (!bySpec) {
      bySpec = new Map();
      for (const n of graph.nodes) bySpec.set(n.specNodeId, bySpec.has(n.specNodeId) ? null : n.id);
    }
    return bySpec;
  };

  const resolve = (item: Item): string | null => {
    if (item.graphId !== undefined) return item.graphId;
    item.graphId = null; // guards against parent cycles in bad input
    const id = item.ne.id!;
    const uniqueId = id.nodeId;
    const spec = item.ne.metadata?.specNodeId || "";
    let parentNodeId: string | undefined;
    let parentKey: string | undefined;
    if (item.explicitParent !== undefined) {
      const p = item.explicitParent;
      const parentId = typeof p === "string" ? { nodeId: p, executionId: id.executionId } : p;
      parentNodeId = parentId.nodeId;
      parentKey = nodeExecutionKey(parentId);
    } else if (spec && uniqueId !== spec && uniqueId.endsWith(`-${spec}`)) {
      const m = ATTEMPT_SUFFIX.exec(uniqueId.slice(0, -spec.length - 1));
      if (m) {
        parentNodeId = m[1];
        parentKey = nodeExecutionKey({ nodeId: m[1], executionId: id.executionId });
      }
    }
    if (parentKey === undefined) {
      // A shortened id with no parent named: its spec id finds it only when one graph node alone has that id
      // (a nested start-node must not pass for the workflow's own).
      if (spec && uniqueId !== spec) item.graphId = uniqueBySpec().get(spec) ?? null;
      else item.graphId = graph.byId.has(uniqueId) ? uniqueId : null;
      return item.graphId;
    }
    const parentItem = items.get(parentKey);
    let parentGraphId = parentItem ? resolve(parentItem) : null;
    if (!parentGraphId && parentNodeId && graph.byId.has(parentNodeId)) parentGraphId = parentNodeId;
    if (!parentGraphId) return null;
    // FlytePropeller names array sub-nodes by index ("n3", "map-n3", by version): counted, never matched by id.
    if (graph.byId.get(parentGraphId)?.kind === "array") {
      item.arrayOf = parentGraphId;
      return null;
    }
    const childSpec = spec || stripParentPrefix(uniqueId, parentNodeId ?? "");
    const graphId = childNodeId(parentGraphId, childSpec);
    if (graph.byId.has(graphId)) item.graphId = graphId;
    return item.graphId;
  };

  const winners = new Map<string, Item>();
  const arraySubNodes = new Map<string, Item[]>();
  for (const item of items.values()) {
    const graphId = resolve(item);
    if (graphId) {
      const current = winners.get(graphId);
      if (!current || isNewer(item, current)) winners.set(graphId, item);
    } else if (item.arrayOf) {
      const list = arraySubNodes.get(item.arrayOf);
      if (list) list.push(item);
      else arraySubNodes.set(item.arrayOf, [item]);
    }
  }

  const overlay = new Map<string, NodeOverlayEntry>();
  for (const [graphId, item] of winners) {
    const subs = arraySubNodes.get(graphId);
    const entry = toEntry(graphId, item, subs ? countPhases(subs) : undefined);
    const prev = previous?.get(graphId);
    overlay.set(graphId, prev && sameEntry(prev, entry) ? prev : entry);
  }
  return overlay;
}

/**
 * The overlay with sub-task counts (by graph node id) added to their entries. Entries whose execution and counts
 * are unchanged since `previous` keep their identity.
 */
export function withSubTaskPhases(
  overlay: ExecutionOverlay,
  counts: ReadonlyMap<string, SubTaskPhaseCounts>,
  previous?: ExecutionOverlay,
): ExecutionOverlay {
  if (counts.size === 0) return overlay;
  const merged = new Map(overlay);
  for (const [graphId, c] of counts) {
    const entry = overlay.get(graphId);
    if (!entry) continue;
    const prev = previous?.get(graphId);
    const unchanged = prev && prev.nodeExecution === entry.nodeExecution && sameCounts(prev.subTaskPhases ?? {}, c);
    merged.set(graphId, unchanged ? prev : { ...entry, subTaskPhases: c });
  }
  return merged;
}

/**
 * The overlay with the waiting attempts (by graph node id) added to their entries; entries whose execution and
 * attempt status are unchanged since `previous` keep their identity.
 */
export function withAttemptStatus(
  overlay: ExecutionOverlay,
  statuses: ReadonlyMap<string, AttemptStatus>,
  previous?: ExecutionOverlay,
): ExecutionOverlay {
  if (statuses.size === 0) return overlay;
  const merged = new Map(overlay);
  for (const [graphId, status] of statuses) {
    const entry = overlay.get(graphId);
    if (!entry) continue;
    const prev = previous?.get(graphId);
    const same = prev?.attempt && prev.nodeExecution === entry.nodeExecution && prev.subTaskPhases === entry.subTaskPhases &&
      prev.attempt.phase === status.phase && prev.attempt.reason === status.reason && prev.attempt.sinceMs === status.sinceMs;
    merged.set(graphId, same ? prev : { ...entry, attempt: status });
  }
  return merged;
}

/** The case a branch took: the one child of the branch group that has a node execution. */
export function branchTakenCase(graph: WorkflowGraph, overlay: ExecutionOverlay, branchId: string): string | undefined {
  return graph.byId.get(branchId)?.branch?.cases.find((c) => overlay.has(c.nodeId))?.nodeId;
}

function stripParentPrefix(uniqueId: string, parentNodeId: string): string {
  if (!parentNodeId || !uniqueId.startsWith(`${parentNodeId}-`)) return uniqueId;
  const rest = uniqueId.slice(parentNodeId.length + 1);
  const dash = rest.indexOf("-");
  return dash > 0 && /^\d+$/.test(rest.slice(0, dash)) ? rest.slice(dash + 1) : uniqueId;
}

function toEntry(
  graphNodeId: string,
  { ne, key }: Item,
  subNodePhases: NodeOverlayEntry["subNodePhases"],
): NodeOverlayEntry {
  const md = ne.metadata;
  return {
    graphNodeId,
    phase: ne.closure?.phase ?? 0,
    nodeExecutionId: ne.id!.nodeId,
    key,
    nodeExecution: ne,
    isParentNode: md?.isParentNode ?? false,
    isDynamic: md?.isDynamic ?? false,
    isArray: md?.isArray ?? false,
    ...(subNodePhases ? { subNodePhases } : {}),
  };
}

/* One count per sub-node: a retried array node lists each index once per attempt, the latest counts. */
function countPhases(items: Item[]): Partial<Record<NodeExecution_Phase, number>> {
  const latest = new Map<string, Item>();
  for (const item of items) {
    const index = item.ne.metadata?.specNodeId || item.ne.id!.nodeId;
    const current = latest.get(index);
    if (!current || isNewer(item, current)) latest.set(index, item);
  }
  const counts: Partial<Record<NodeExecution_Phase, number>> = {};
  for (const { ne } of latest.values()) {
    const phase = ne.closure?.phase ?? 0;
    counts[phase] = (counts[phase] ?? 0) + 1;
  }
  return counts;
}

function compareTimestamps(a: Timestamp | undefined, b: Timestamp | undefined): number {
  const as = a?.seconds ?? 0n;
  const bs = b?.seconds ?? 0n;
  if (as !== bs) return as < bs ? -1 : 1;
  return (a?.nanos ?? 0) - (b?.nanos ?? 0);
}

function isNewer(a: Item, b: Item): boolean {
  const c = compareTimestamps(a.ne.closure?.createdAt, b.ne.closure?.createdAt);
  return c !== 0 ? c > 0 : a.order > b.order;
}

function sameEntry(a: NodeOverlayEntry, b: NodeOverlayEntry): boolean {
  if (a.key !== b.key || a.phase !== b.phase || a.isParentNode !== b.isParentNode) return false;
  if (a.isDynamic !== b.isDynamic || a.isArray !== b.isArray) return false;
  if (compareTimestamps(a.nodeExecution.closure?.updatedAt, b.nodeExecution.closure?.updatedAt) !== 0) return false;
  return sameCounts(a.subNodePhases ?? {}, b.subNodePhases ?? {});
}

function sameCounts(a: Readonly<Record<number, number | undefined>>, b: Readonly<Record<number, number | undefined>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[Number(k)] !== b[Number(k)]) return false;
  return true;
}
