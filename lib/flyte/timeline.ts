// The Gantt of an execution: one bar per node execution (queued, then running; or its task attempts, each
// apart), and the critical path — the chain of nodes that decided when the run ended. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSegments, type AttemptSegment } from "./attempt-phases";
import { END_NODE_ID, START_NODE_ID } from "./closure";
import { nodeExecutionRows, type NodeRow, type ParentIds } from "./node-executions";
import { nodePhase } from "./phases";
import { durationMs, timestampMs } from "./time";

export interface TimelineBar {
  row: NodeRow;
  /** When the node was created (queued), started running, and ended (now while running). */
  createdMs?: number;
  startMs?: number;
  endMs?: number;
  running: boolean;
  critical: boolean;
}

export interface TimelineAttempt {
  retryAttempt: number;
  phase: TaskExecution_Phase;
  /** The attempt's phases in order (queued, waiting, initializing, running), each with its span. */
  segments: AttemptSegment[];
  startMs: number;
  endMs: number;
}

/** A node's task attempts, oldest first, each as its phases' spans; none without a known time. */
export function timelineAttempts(list: readonly TaskExecution[] | undefined, nowMs: number): TimelineAttempt[] {
  if (!list?.length) return [];
  return [...list]
    .sort((a, b) => (a.id?.retryAttempt ?? 0) - (b.id?.retryAttempt ?? 0))
    .flatMap((te) => {
      const segments = attemptSegments(te, nowMs);
      if (segments.length === 0) return [];
      return [{
        retryAttempt: te.id?.retryAttempt ?? 0,
        phase: te.closure?.phase ?? 0,
        segments,
        startMs: segments[0].startMs,
        endMs: segments[segments.length - 1].endMs,
      }];
    });
}

export interface Timeline {
  bars: TimelineBar[];
  /** The span every bar lies in: the first node's creation to the last one's end. */
  startMs: number;
  endMs: number;
  /** The critical path's node ids, first to last. */
  criticalPath: string[];
}

/** Each node's upstream nodes (data and control dependencies) in the workflow the execution runs. */
export type UpstreamIds = Readonly<Record<string, readonly string[]>>;

/** The upstream edges of a compiled workflow's own nodes (its `connections`, as FlytePropeller follows them). */
export function workflowUpstream(closure: CompiledWorkflowClosure | undefined): UpstreamIds {
  const upstream = closure?.primary?.connections?.upstream ?? {};
  return Object.fromEntries(Object.entries(upstream).map(([id, list]) => [id, list.ids]));
}

function endOf(ne: NodeExecution, nowMs: number): number | undefined {
  const start = timestampMs(ne.closure?.startedAt);
  if (start === undefined) return undefined;
  const d = durationMs(ne.closure?.duration);
  if (d && d > 0) return start + d;
  return nodePhase(ne.closure?.phase ?? 0).isTerminal ? (timestampMs(ne.closure?.updatedAt) ?? start) : nowMs;
}

const byNodeId = new Intl.Collator("en", { numeric: true }).compare;
const isMarker = (id: string) => id === START_NODE_ID || id === END_NODE_ID;

/**
 * The critical path among the workflow's own nodes, first to last: the node that ended last, then the upstream
 * node it waited for longest (the one of its upstream nodes that ended last), and so on back to one that waited
 * for none. Shortening any other node would not have ended the run sooner. Ties go to the lower node id, so the
 * path is the same on every render. Nodes without an execution (a branch not taken) and the start and end
 * markers are not on it.
 */
export function criticalPath(
  nodes: ReadonlyMap<string, NodeExecution>,
  upstream: UpstreamIds,
  nowMs: number,
): string[] {
  const ends = new Map<string, number>();
  const endOfId = (id: string) => {
    if (isMarker(id)) return undefined;
    if (!ends.has(id)) {
      const ne = nodes.get(id);
      const end = ne ? endOf(ne, nowMs) : undefined;
      if (end !== undefined) ends.set(id, end);
    }
    return ends.get(id);
  };
  const latest = (ids: Iterable<string>) => {
    let best: string | undefined;
    let bestEnd = -Infinity;
    for (const id of [...ids].sort(byNodeId)) {
      const end = endOfId(id);
      if (end !== undefined && end > bestEnd) {
        best = id;
        bestEnd = end;
      }
    }
    return best;
  };
  // The workflow's nodes: those with upstream edges, and those named as someone's upstream.
  const own = new Set<string>();
  for (const [id, ups] of Object.entries(upstream)) {
    own.add(id);
    for (const up of ups) own.add(up);
  }
  const path: string[] = [];
  const seen = new Set<string>();
  for (let current = latest(own); current !== undefined && !seen.has(current); current = latest(upstream[current] ?? [])) {
    seen.add(current);
    path.push(current);
  }
  return path.reverse();
}

export function buildTimeline(
  nodes: ReadonlyMap<string, NodeExecution>,
  opts: {
    expanded: ReadonlySet<string>;
    upstream: UpstreamIds;
    nowMs: number;
    nameOf?: (ne: NodeExecution) => string | undefined;
    parents?: ParentIds;
  },
): Timeline {
  const { expanded, nowMs, nameOf, parents } = opts;
  const shown = [...nodes.values()].filter((ne) => !isMarker(ne.id?.nodeId ?? ""));
  const rows = nodeExecutionRows(shown, { expanded, nowMs, nameOf, parents });
  const path = criticalPath(nodes, opts.upstream, nowMs);
  const critical = new Set(path);
  // The range comes from node executions alone (every node, shown or collapsed), not from task attempts: those
  // are fetched only for the rows in view, and the axis must not move as rows scroll.
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const ne of shown) {
    for (const t of [timestampMs(ne.closure?.createdAt), timestampMs(ne.closure?.startedAt), endOf(ne, nowMs)]) {
      if (t !== undefined) {
        startMs = Math.min(startMs, t);
        endMs = Math.max(endMs, t);
      }
    }
  }
  const bars = rows.map((row) => {
    const ne = row.nodeExecution;
    const startedMs = timestampMs(ne.closure?.startedAt);
    return {
      row,
      createdMs: timestampMs(ne.closure?.createdAt),
      startMs: startedMs,
      endMs: endOf(ne, nowMs),
      running: !nodePhase(row.phase).isTerminal && startedMs !== undefined,
      critical: critical.has(row.nodeId),
    };
  });
  if (!Number.isFinite(startMs)) startMs = endMs = nowMs;
  return { bars, startMs, endMs: Math.max(endMs, startMs + 1), criticalPath: path };
}
