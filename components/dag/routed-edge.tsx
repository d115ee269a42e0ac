"use client";

// An edge drawn along the route the layout gave it (around the nodes between its ends), not React Flow's own
// curve from handle to handle, which runs straight under any node in its way.
import { BaseEdge, type Edge, type EdgeProps } from "@xyflow/react";

export type RoutedEdgeData = { path: string; labelX: number; labelY: number };
export type RoutedFlowEdge = Edge<RoutedEdgeData, "routed">;

function RoutedEdge({ data, style, markerEnd, label, labelStyle, labelShowBg, labelBgStyle, labelBgPadding, labelBgBorderRadius }: EdgeProps<RoutedFlowEdge>) {
  if (!data) return null;
  return (
    <BaseEdge
      path={data.path}
      labelX={data.labelX}
      labelY={data.labelY}
      label={label}
      labelStyle={labelStyle}
      labelShowBg={labelShowBg}
      labelBgStyle={labelBgStyle}
      labelBgPadding={labelBgPadding}
      labelBgBorderRadius={labelBgBorderRadius}
      style={style}
      markerEnd={markerEnd}
      interactionWidth={0}
    />
  );
}

export const edgeTypes = { routed: RoutedEdge };
