// One sweep of an execution's node executions: the top level, then the children of every parent
// that may still change, each listing asking only for what FlyteAdmin wrote since `sinceMs`.
import { SortSchema, Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { create } from "@bufbuild/protobuf";
import type { Upstream } from "../upstream";
import type { ExecutionIdLike } from "@/lib/flyte/ids";
import { liveParents, mergeNodeExecutions } from "./node-changes";

/*
 * FlyteAdmin pages by offset under its token. Sorted by node_id (unique within an execution and a parent;
 * FlyteAdmin accepts any column of its node_executions table as sort key), the order of the rows does not
 * depend on when they were written, and a row written during the paging only pushes later rows on: some
 * may come twice, none is skipped. Unsorted, the database's order is unspecified from one page to the next.
 */
const BY_NODE_ID = create(SortSchema, { key: "node_id", direction: Sort_Direction.ASCENDING });

export interface SweepState {
  nodes: Map<string, NodeExecution>;
  /** Child node id → the parent node id it was listed under. */
  parents: Map<string, string>;
  /** Parent nodes whose children were listed at least once. */
  listedParents: Set<string>;
}

export interface SweepCall {
  up: Upstream;
  id: ExecutionIdLike;
  headers: Headers;
  pageSize: number;
  signal: AbortSignal;
}

async function listNodes(call: SweepCall, parentId: string, sinceMs: number | undefined): Promise<NodeExecution[]> {
  const out: NodeExecution[] = [];
  const filters = sinceMs === undefined ? "" : `gte(updated_at,${new Date(Math.max(0, sinceMs)).toISOString()})`;
  let token = "";
  do {
    const res = await call.up.admin.listNodeExecutions(
      { workflowExecutionId: call.id, limit: call.pageSize, token, filters, uniqueParentId: parentId, sortBy: BY_NODE_ID },
      { headers: call.headers, timeoutMs: call.up.config.deadlineMs, signal: call.signal },
    );
    out.push(...res.nodeExecutions);
    token = res.token;
  } while (token);
  return out;
}

/** Merges what changed since `sinceMs` (everything when undefined) into `state`; returns the node executions that changed. */
export async function sweepNodes(call: SweepCall, state: SweepState, sinceMs: number | undefined): Promise<NodeExecution[]> {
  const changed = mergeNodeExecutions(state.nodes, await listNodes(call, "", sinceMs));
  // Children: of parents still running, and of parents first seen or finished in this sweep.
  const swept = new Set<string>();
  let pending = [...new Set([...liveParents(state.nodes), ...changed.filter((n) => n.metadata?.isParentNode).map((n) => n.id!.nodeId)])];
  while (pending.length) {
    const next: string[] = [];
    for (const parent of pending) {
      if (swept.has(parent)) continue;
      swept.add(parent);
      const firstLook = !state.listedParents.has(parent);
      const listed = await listNodes(call, parent, firstLook ? undefined : sinceMs);
      for (const kid of listed) state.parents.set(kid.id!.nodeId, parent);
      const kids = mergeNodeExecutions(state.nodes, listed);
      state.listedParents.add(parent);
      changed.push(...kids);
      next.push(...kids.filter((n) => n.metadata?.isParentNode).map((n) => n.id!.nodeId));
    }
    pending = next;
  }
  return changed;
}
