// The Gantt of an execution: one bar per node execution (queued, then running), and the
// critical path — the chain of nodes that decided when the run ended. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSegments, type AttemptSegment } from "./attempt-phases";
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
  /** The node's task attempts, oldest first, each as its phases' spans (when the attempts are known). */
  attempts?: TimelineAttempt[];
}

export interface TimelineAttempt {
  retryAttempt: number;
  phase: TaskExecution_Phase;
  segments: AttemptSegment[];
}

function timelineAttempts(list: readonly TaskExecution[] | undefined, nowMs: number): TimelineAttempt[] | undefined {
  if (!list?.length) return undefined;
  return [...list]
    .sort((a, b) => (a.id?.retryAttempt ?? 0) - (b.id?.retryAttempt ?? 0))
    .map((te) => ({ retryAttempt: te.id?.retryAttempt ?? 0, phase: te.closure?.phase ?? 0, segments: attemptSegments(te, nowMs) }));
}

export interface Timeline {
  bars: TimelineBar[];
  startMs: number;
  endMs: number;
}

function endOf(ne: NodeExecution, nowMs: number): number | undefined {
  const start = timestampMs(ne.closure?.startedAt);
  if (start === undefined) return undefined;
  const d = durationMs(ne.closure?.duration);
  if (d && d > 0) return start + d;
  return nodePhase(ne.closure?.phase ?? 0).isTerminal ? (timestampMs(ne.closure?.updatedAt) ?? start) : nowMs;
}

/**
 * The critical path among top-level nodes: from the node that ended last, step to the upstream
 * node (by the workflow's connections) that ended last, until none is left.
 */
export function criticalPath(
  nodes: ReadonlyMap<string, NodeExecution>,
  upstream: Readonly<Record<string, readonly string[]>>,
  nowMs: number,
): Set<string> {
  const path = new Set<string>();
  let current: string | undefined;
  let latest = -Infinity;
  for (const id of Object.keys(upstream).concat([...nodes.keys()])) {
    const ne = nodes.get(id);
    const end = ne ? endOf(ne, nowMs) : undefined;
    if (end !== undefined && id in upstream && end > latest) {
      latest = end;
      current = id;
    }
  }
  while (current && !path.has(current)) {
    path.add(current);
    let next: string | undefined;
    let nextEnd = -Infinity;
    for (const up of upstream[current] ?? []) {
      const ne = nodes.get(up);
      const end = ne ? endOf(ne, nowMs) : undefined;
      if (end !== undefined && end > nextEnd) {
        nextEnd = end;
        next = up;
      }
    }
    current = next;
  }
  return path;
}

export function buildTimeline(
  nodes: ReadonlyMap<string, NodeExecution>,
  opts: {
    expanded: ReadonlySet<string>;
    upstream: Readonly<Record<string, readonly string[]>>;
    nowMs: number;
    nameOf?: (ne: NodeExecution) => string | undefined;
    /** Task attempts by node execution id, for the nodes whose phases' shares the timeline shows. */
    attempts?: ReadonlyMap<string, readonly TaskExecution[]>;
    parents?: ParentIds;
  },
): Timeline {
  const { expanded, nowMs, nameOf, parents } = opts;
  const rows = nodeExecutionRows(nodes.values(), { expanded, nowMs, nameOf, parents });
  const critical = criticalPath(nodes, opts.upstream, opts.nowMs);
  let startMs = Infinity;
  let endMs = -Infinity;
  const bars = rows.map((row) => {
    const ne = row.nodeExecution;
    const createdMs = timestampMs(ne.closure?.createdAt);
    const startedMs = timestampMs(ne.closure?.startedAt);
    const end = endOf(ne, opts.nowMs);
    const attempts = timelineAttempts(opts.attempts?.get(row.nodeId), opts.nowMs);
    const spans = attempts?.flatMap((a) => a.segments.flatMap((s) => [s.startMs, s.endMs])) ?? [];
    for (const t of [createdMs, startedMs, end, ...spans]) {
      if (t !== undefined) {
        startMs = Math.min(startMs, t);
        endMs = Math.max(endMs, t);
      }
    }
    return {
      row,
      createdMs,
      startMs: startedMs,
      endMs: end,
      running: !nodePhase(row.phase).isTerminal && startedMs !== undefined,
      critical: critical.has(row.nodeId),
      ...(attempts ? { attempts } : {}),
    };
  });
  if (!Number.isFinite(startMs)) startMs = endMs = opts.nowMs;
  return { bars, startMs, endMs: Math.max(endMs, startMs + 1) };
}
