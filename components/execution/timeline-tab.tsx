"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { nodePhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import { buildTimeline, timelineAttempts, workflowUpstream, type TimelineBar } from "@/lib/flyte/timeline";
import { axisTicks, visibleWindow, zoneCaption, zoneOf } from "@/lib/flyte/timeline-axis";
import { EmptyState } from "@/components/ui/query-state";
import { toneClass } from "@/components/ui/phase-badge";
import { tonePalette } from "@/components/ui/phase-palette";
import { useNow } from "@/components/ui/use-now";
import { useHydrated } from "@/lib/query/hydrated";
import { useExecutionClosure } from "@/lib/query/workflows";
import { isTaskNodeExecution, useTaskAttempts } from "@/lib/query/use-node-extras";
import { AttemptSegments } from "./attempt-segments";
import { TimelineAxis, TimelineGrid } from "./timeline-axis";
import { CriticalMark, TimelineToolbar } from "./timeline-toolbar";
import { useTimeZoneChoice } from "./use-time-zone-choice";
import { useTimelineZoom } from "./use-timeline-zoom";

const ROW = 28;
const AXIS = 28;
const LABEL_WIDTH = 240;
const DURATION_WIDTH = 72;
const INSET = { left: LABEL_WIDTH, right: DURATION_WIDTH };
/** Pixels between tick labels. */
const TICK_SPACING = 110;


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
  const closure = useExecutionClosure(workflowId);
  const upstream = useMemo(() => workflowUpstream(closure), [closure]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const now = useNow(1_000, running);
  const timeline = useMemo(
    () => buildTimeline(nodes, { expanded, upstream, nowMs: now, nameOf, parents }),
    [nodes, parents, expanded, upstream, now, nameOf],
  );
  const criticalNames = timeline.criticalPath.map((id) => {
    const ne = nodes.get(id);
    return (ne && nameOf?.(ne)) || id;
  });
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const span = timeline.endMs - timeline.startMs;
  const zoom = useTimelineZoom(scroller, span, INSET);
  const [zoneChoice, setZoneChoice] = useTimeZoneChoice();
  const hydrated = useHydrated();
  const virtual = useVirtualizer({
    count: timeline.bars.length,
    getScrollElement: () => scroller,
    estimateSize: () => ROW,
    paddingStart: AXIS,
    overscan: 15,
  });
  const items = virtual.getVirtualItems();

  // Attempts (ListTaskExecutions, one call per node) only for the rows in view: a run of 1,000 nodes would
  // otherwise cost 1,000 calls on opening the tab. Finished nodes' attempts stay cached as rows scroll away.
  const inView = items.map((i) => timeline.bars[i.index]?.row.nodeExecution).filter((ne): ne is NodeExecution => ne !== undefined && isTaskNodeExecution(ne));
  const attempts = useTaskAttempts(inView);

  const chartWidth = zoom.baseWidth * zoom.zoom;
  const x = (ms: number) => ((ms - timeline.startMs) / span) * chartWidth;
  const view = visibleWindow(timeline, zoom.scrollLeft, zoom.zoom, zoom.baseWidth);
  const zone = zoneOf(zoneChoice);
  const ticks = hydrated ? axisTicks(view.startMs, view.endMs, Math.max(2, Math.floor(zoom.baseWidth / TICK_SPACING)), zone) : [];

  if (timeline.bars.length === 0) return <EmptyState title="No node has started yet" />;
  const toggle = (nodeId: string) => {
    const next = new Set(expanded);
    if (next.has(nodeId)) next.delete(nodeId);
    else next.add(nodeId);
    setExpanded(next);
  };
  return (
    <div className="flex h-full flex-col" data-testid="timeline-tab" data-time-zone={zoneChoice}>
      <TimelineToolbar
        spanMs={span}
        zoom={zoom.zoom}
        canZoomIn={zoom.canZoomIn}
        canZoomOut={zoom.canZoomOut}
        onZoom={(f) => zoom.zoomBy(f)}
        onReset={zoom.reset}
        timeZone={zoneChoice}
        onTimeZone={setZoneChoice}
        critical={criticalNames}
      />
      <div ref={setScroller} className="min-h-0 flex-1 overflow-auto" data-testid="timeline-scroller">
        <div style={{ height: virtual.getTotalSize(), width: LABEL_WIDTH + chartWidth + DURATION_WIDTH, position: "relative" }}>
          <div className="sticky top-0 z-20 flex border-b border-slate-200 bg-white text-xs" style={{ height: AXIS }}>
            <div className="sticky left-0 z-10 flex shrink-0 items-center bg-white px-2 text-slate-500" style={{ width: LABEL_WIDTH }} data-testid="timeline-zone">
              {hydrated ? `Times in ${zoneCaption(timeline.startMs, zone)}` : null}
            </div>
            <TimelineAxis ticks={ticks} x={x} width={chartWidth} />
            <div className="sticky right-0 z-10 shrink-0 bg-white" style={{ width: DURATION_WIDTH }} />
          </div>
          <TimelineGrid ticks={ticks} x={x} top={AXIS} height={virtual.getTotalSize() - AXIS} left={LABEL_WIDTH} />
          {items.map((item) => {
            const bar = timeline.bars[item.index];
            return (
              <TimelineRow
                key={bar.row.nodeId}
                bar={bar}
                top={item.start}
                chartWidth={chartWidth}
                x={x}
                attempts={attempts.get(bar.row.nodeId)}
                now={now}
                selected={bar.row.nodeId === selectedNodeId}
                onSelect={() => onSelectNode(bar.row.nodeId)}
                onToggle={() => toggle(bar.row.nodeId)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function TimelineRow({
  bar,
  top,
  chartWidth,
  x,
  attempts,
  now,
  selected,
  onSelect,
  onToggle,
}: {
  bar: TimelineBar;
  top: number;
  chartWidth: number;
  x(ms: number): number;
  attempts: Parameters<typeof timelineAttempts>[0];
  now: number;
  selected: boolean;
  onSelect(): void;
  onToggle(): void;
}) {
  const { row } = bar;
  const phase = nodePhase(row.phase);
  const segments = timelineAttempts(attempts, now);
  const from = bar.createdMs ?? bar.startMs;
  const background = selected ? "bg-indigo-50" : "bg-white group-hover:bg-slate-50";
  return (
    <div
      data-testid="timeline-row"
      data-node-id={row.nodeId}
      data-phase={phase.name}
      data-critical={bar.critical}
      aria-selected={selected}
      className={`group absolute left-0 flex items-center text-xs ${selected ? "bg-indigo-50" : "hover:bg-slate-50"}`}
      style={{ top, height: ROW, width: LABEL_WIDTH + chartWidth + DURATION_WIDTH }}
      onClick={onSelect}
    >
      <div className={`sticky left-0 z-10 flex h-full shrink-0 items-center gap-1 pr-2 ${background}`} style={{ width: LABEL_WIDTH, paddingLeft: 8 + row.depth * 14 }}>
        {row.hasChildren ? (
          <button
            type="button"
            aria-label={`${row.expanded ? "Collapse" : "Expand"} ${row.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
            className="w-3 text-slate-500"
          >
            {row.expanded ? "▾" : "▸"}
          </button>
        ) : null}
        <button
          type="button"
          className={`min-w-0 truncate text-left focus-visible:outline-2 focus-visible:outline-indigo-600 ${bar.critical ? "font-semibold text-slate-900" : ""}`}
          title={row.nodeId}
          onClick={(e) => {
            e.stopPropagation();
            onSelect();
          }}
        >
          {row.name}
          {bar.critical ? <span className="sr-only"> (on the critical path)</span> : null}
        </button>
        {bar.critical ? (
          <span title="On the critical path" data-testid="critical-mark">
            <CriticalMark />
          </span>
        ) : null}
      </div>
      <div className="relative h-4 shrink-0" style={{ width: chartWidth }}>
        {bar.critical && from !== undefined && bar.endMs !== undefined ? (
          <span
            data-testid="critical-outline"
            aria-hidden
            className="pointer-events-none absolute -inset-y-1 rounded border-2 border-dashed border-slate-900"
            style={{ left: x(from) - 3, width: Math.max(x(bar.endMs) - x(from), 2) + 6 }}
          />
        ) : null}
        {segments.length ? (
          <AttemptSegments attempts={segments} x={x} />
        ) : (
          <>
            {bar.createdMs !== undefined && bar.startMs !== undefined && bar.startMs > bar.createdMs ? (
              <span
                className="absolute top-1 h-2 rounded-l bg-slate-300"
                style={{ left: x(bar.createdMs), width: Math.max(x(bar.startMs) - x(bar.createdMs), 1) }}
                title={`Queued ${formatDuration(bar.startMs - bar.createdMs)}`}
              />
            ) : null}
            {bar.startMs !== undefined && bar.endMs !== undefined ? (
              <span
                data-testid="timeline-bar"
                className={`absolute top-0 h-4 rounded-sm ${toneClass(phase.tone)} ${tonePalette(phase.tone).pattern} ${bar.running ? "animate-pulse" : ""}`}
                style={{ left: x(bar.startMs), width: Math.max(x(bar.endMs) - x(bar.startMs), 2), backgroundColor: "currentColor" }}
                title={`${phase.label} · ${formatDuration(bar.endMs - bar.startMs)}`}
              />
            ) : null}
          </>
        )}
      </div>
      <span className={`sticky right-0 z-10 flex h-full shrink-0 items-center justify-end pr-2 font-mono tabular-nums text-slate-600 ${background}`} style={{ width: DURATION_WIDTH }}>
        {bar.startMs !== undefined && bar.endMs !== undefined ? formatDuration(bar.endMs - bar.startMs) : "—"}
      </span>
    </div>
  );
}
