"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { nodePhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import { buildTimeline } from "@/lib/flyte/timeline";
import { EmptyState } from "@/components/ui/query-state";
import { toneClass } from "@/components/ui/phase-badge";
import { useNow } from "@/components/ui/use-now";
import { useWorkflow } from "@/lib/query/workflows";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AttemptSegments } from "./attempt-segments";
import { isTaskNodeExecution, useTaskAttempts } from "@/lib/query/use-node-extras";

const ROW = 28;
const LABEL_WIDTH = 240;

export function TimelineTab({
  nodes,
  parents,
  nameOf,
  running,
  selectedNodeId,
  onSelectNode,
  workflowId,
}: {
  nodes: ReadonlyMap<string, NodeExecution>;
  /** Child node id → parent node id, from the watch stream: nests children whose ids FlytePropeller hashed. */
  parents?: ReadonlyMap<string, string>;
  nameOf?: (ne: NodeExecution) => string | undefined;
  running: boolean;
  selectedNodeId?: string;
  onSelectNode(nodeId: string): void;
  workflowId?: Identifier;
}) {
  const workflow = useWorkflow(workflowId);
  const upstream = useMemo(() => {
    const conn = workflow.data?.closure?.compiledWorkflow?.primary?.connections?.upstream ?? {};
    return Object.fromEntries(Object.entries(conn).map(([k, v]) => [k, v.ids]));
  }, [workflow.data]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(1_000, running);
  const taskNodes = useMemo(() => [...nodes.values()].filter(isTaskNodeExecution), [nodes]);
  const attempts = useTaskAttempts(taskNodes);
  const timeline = useMemo(
    () => buildTimeline(nodes, { expanded, upstream, nowMs: now, nameOf, attempts, parents }),
    [nodes, parents, expanded, upstream, now, nameOf, attempts],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: timeline.bars.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 15 });
  const span = timeline.endMs - timeline.startMs;
  const pct = (t: number) => `${((t - timeline.startMs) / span) * 100}%`;
  const width = (a: number, b: number) => `${Math.max(((b - a) / span) * 100, 0.3)}%`;

  if (timeline.bars.length === 0) return <EmptyState title="No node has started yet" />;
  return (
    <div className="flex h-full flex-col" data-testid="timeline-tab">
      <div className="flex items-center gap-4 border-b border-slate-200 px-2 pb-1 text-xs text-slate-600">
        <span>Total {formatDuration(span)}</span>
        <span className="flex items-center gap-1"><span className="inline-block h-2 w-4 rounded bg-slate-300" /> queued</span>
        <span className="flex items-center gap-1"><span className="inline-block h-2 w-4 rounded bg-amber-300" /> waiting for resources</span>
        <span className="flex items-center gap-1"><span className="inline-block h-2 w-4 rounded bg-sky-300" /> initializing</span>
        <span className="flex items-center gap-1"><span className="inline-block h-2 w-4 rounded bg-blue-500" /> running</span>
        <span className="flex items-center gap-1"><span className="inline-block h-2 w-4 rounded ring-2 ring-amber-500" /> critical path</span>
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto">
        <div style={{ height: virtual.getTotalSize(), position: "relative" }}>
          {virtual.getVirtualItems().map((item) => {
            const bar = timeline.bars[item.index];
            const phase = nodePhase(bar.row.phase);
            const selected = bar.row.nodeId === selectedNodeId;
            return (
              <div
                key={bar.row.nodeId}
                data-testid="timeline-row"
                data-node-id={bar.row.nodeId}
                data-phase={phase.name}
                data-critical={bar.critical}
                className={`absolute inset-x-0 flex items-center text-xs ${selected ? "bg-indigo-50" : "hover:bg-slate-50"}`}
                style={{ top: item.start, height: ROW }}
                onClick={() => onSelectNode(bar.row.nodeId)}
              >
                <div className="flex shrink-0 items-center gap-1 truncate px-2" style={{ width: LABEL_WIDTH, paddingLeft: 8 + bar.row.depth * 14 }}>
                  {bar.row.hasChildren ? (
                    <button
                      type="button"
                      aria-label={`${bar.row.expanded ? "Collapse" : "Expand"} ${bar.row.name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        const next = new Set(expanded);
                        if (next.has(bar.row.nodeId)) next.delete(bar.row.nodeId);
                        else next.add(bar.row.nodeId);
                        setExpanded(next);
                      }}
                      className="w-3 text-slate-500"
                    >
                      {bar.row.expanded ? "▾" : "▸"}
                    </button>
                  ) : null}
                  <span className="truncate" title={bar.row.nodeId}>{bar.row.name}</span>
                </div>
                <div className="relative h-4 flex-1">
                  {bar.attempts ? (
                    <AttemptSegments attempts={bar.attempts} left={pct} width={width} />
                  ) : null}
                  {bar.attempts ? null : bar.createdMs !== undefined && bar.startMs !== undefined && bar.startMs > bar.createdMs ? (
                    <span className="absolute top-1 h-2 rounded-l bg-slate-300" style={{ left: pct(bar.createdMs), width: width(bar.createdMs, bar.startMs) }} title={`Queued ${formatDuration(bar.startMs - bar.createdMs)}`} />
                  ) : null}
                  {!bar.attempts && bar.startMs !== undefined && bar.endMs !== undefined ? (
                    <span
                      className={`absolute top-0 h-4 rounded ${toneClass(phase.tone)} ${bar.critical ? "ring-2 ring-amber-500" : "ring-1"} ${bar.running ? "animate-pulse" : ""}`}
                      style={{ left: pct(bar.startMs), width: width(bar.startMs, bar.endMs), backgroundColor: "currentColor" }}
                      title={`${phase.label} · ${formatDuration(bar.endMs - bar.startMs)}`}
                    />
                  ) : null}
                </div>
                <span className="w-16 shrink-0 pr-2 text-right font-mono tabular-nums text-slate-600">
                  {bar.startMs !== undefined && bar.endMs !== undefined ? formatDuration(bar.endMs - bar.startMs) : "—"}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
