// A graph edge as React Flow draws it. The edge to a failure node is dashed, red and labelled: that node runs
// only when its workflow fails, never in the order the other edges give.
import type { Edge } from "@xyflow/react";
import type { Point } from "@/lib/flyte/graph/layout";
import type { GraphEdge } from "@/lib/flyte/graph/types";
import { routePath } from "./edge-path";

export const FAILURE_EDGE_STYLE = { stroke: "var(--color-red-600)", strokeWidth: 1.5, strokeDasharray: "6 4" };

/** `route`: the edge's points in graph coordinates, when the layout routed it. */
export function toFlowEdge(e: GraphEdge, route?: readonly Point[]): Edge {
  const base: Edge = { id: e.id, source: e.source, target: e.target, focusable: false, selectable: false, interactionWidth: 0 };
  if (route && route.length > 1) {
    const mid = route[Math.floor(route.length / 2)];
    const before = route[Math.floor(route.length / 2) - 1];
    Object.assign(base, { type: "routed", data: { path: routePath(route), labelX: (mid.x + before.x) / 2, labelY: (mid.y + before.y) / 2 } });
  }
  if (e.kind !== "failure") return base;
  return {
    ...base,
    className: "failure-edge",
    label: e.label ?? "on failure",
    style: FAILURE_EDGE_STYLE,
    labelStyle: { fill: "var(--color-red-700)", fontSize: 10, fontWeight: 600 },
    labelBgStyle: { fill: "var(--color-red-50)" },
    ariaLabel: `${e.label ?? "on failure"}: ${e.target}`,
  };
}
