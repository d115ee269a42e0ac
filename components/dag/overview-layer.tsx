"use client";

// A large graph zoomed out: edges as one path and nodes as plain rectangles in one SVG, instead of
// thousands of React Flow nodes. The browser lays out, hit-tests and layerizes one element rather than
// 5,000 transformed boxes each frame, so the graph appears sooner and pans smoothly. Each rectangle still
// carries the automation hooks (data-node-id, data-phase) and takes a click; zooming in past
// DETAIL_ZOOM brings back the full nodes.
import { memo, useState, type MouseEvent } from "react";
import { createPortal } from "react-dom";
import type { GraphNodeKind } from "@/lib/flyte/graph/types";
import { toneClass } from "@/components/ui/phase-badge";
import { useDagActions, useDrawnNode } from "./dag-context";
import type { NodeBox } from "./layout";

export interface OverviewNode {
  id: string;
  name: string;
  kind: GraphNodeKind;
  /** An open group: drawn as an outline around its children. */
  group: boolean;
  /** In graph coordinates. */
  box: NodeBox;
}

export const EDGE_STROKE = { stroke: "#94a3b8", strokeWidth: 1.25 };

const OverviewRect = memo(function OverviewRect({ node }: { node: OverviewNode }) {
  const { selected, started, phase, hooks } = useDrawnNode(node.id, node.kind);
  const { x, y, width, height } = node.box;
  return (
    <rect
      {...hooks}
      aria-label={`${node.name}${node.name !== node.id ? ` (${node.id})` : ""}: ${started ? phase.label : "not started"}`}
      x={x}
      y={y}
      width={width}
      height={height}
      rx={node.kind === "start" || node.kind === "end" ? height / 2 : 4}
      className={started ? toneClass(phase.tone) : "text-slate-300"}
      fill={node.group ? "none" : "currentColor"}
      fillOpacity={started ? 0.85 : 1}
      stroke={selected ? "#4f46e5" : node.group ? "currentColor" : "none"}
      strokeWidth={selected ? 8 : 2}
      strokeDasharray={node.group && !selected ? "8 6" : undefined}
    />
  );
});

const OverviewRects = memo(function OverviewRects({ nodes }: { nodes: readonly OverviewNode[] }) {
  return nodes.map((n) => <OverviewRect key={n.id} node={n} />);
});

interface Hover {
  label: string;
  x: number;
  y: number;
}

export function OverviewLayer({ edgesPath, nodes }: { edgesPath: string; nodes?: readonly OverviewNode[] }) {
  const { select } = useDagActions();
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const nodeAt = (event: MouseEvent<SVGSVGElement>) => (event.target as Element).closest("[data-graph-id]");
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const id = nodeAt(event)?.getAttribute("data-graph-id");
    if (id) select(id);
  };
  // The rectangles are too small for text: the one under the pointer says its name and phase.
  const onMouseMove = (event: MouseEvent<SVGSVGElement>) => {
    const label = event.buttons === 0 ? nodeAt(event)?.getAttribute("aria-label") : undefined;
    setHover(label ? { label, x: event.clientX, y: event.clientY } : undefined);
  };
  return (
    // Below React Flow's nodes (z-index 0) and above open groups' backgrounds (-1, earlier in the DOM).
    <svg
      className="dag-overview absolute top-0 left-0 overflow-visible"
      style={{ zIndex: -1 }}
      width={1}
      height={1}
      onClick={onClick}
      onMouseMove={nodes ? onMouseMove : undefined}
      onMouseLeave={() => setHover(undefined)}
      data-testid="dag-overview"
    >
      <path d={edgesPath} fill="none" {...EDGE_STROKE} pointerEvents="none" />
      {nodes ? <OverviewRects nodes={nodes} /> : null}
      {hover && nodes
        ? createPortal(
            <div
              role="tooltip"
              data-testid="dag-overview-tooltip"
              className="pointer-events-none fixed z-50 rounded bg-slate-900 px-2 py-1 text-xs text-white shadow"
              style={{ left: hover.x + 12, top: hover.y + 12 }}
            >
              {hover.label}
            </div>,
            document.body,
          )
        : null}
    </svg>
  );
}
