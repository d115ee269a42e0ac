"use client";

// A large graph zoomed in: only the nodes in view are mounted, as the same full nodes a small graph draws,
// positioned by the layout rather than handed to React Flow. React Flow with thousands of nodes in its store
// adopts them all on every change and filters them all on every frame of a pan; here a pan costs nothing
// until the view crosses into another cell of a grid index, and then mounts that cell's nodes in a
// transition, so the frame that moves the graph is never the frame that builds nodes.
import { useStore, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, useDeferredValue, useMemo, type CSSProperties, type ReactNode } from "react";
import { DETAIL_ZOOM, nodeTypes, PlainHandles, type FlyteNodeData } from "./dag-node";
import type { NodeBox } from "@/lib/flyte/graph/layout";
import { SpatialIndex, viewRect, type CellRange } from "./spatial-index";

export interface DetailNode {
  id: string;
  type: "flyte" | "group";
  data: FlyteNodeData;
  /** In graph coordinates. */
  box: NodeBox;
}

const NO_RANGE = "";

function rangeKey(r: CellRange) {
  return `${r.cx0} ${r.cy0} ${r.cx1} ${r.cy1}`;
}

function parseRange(key: string): CellRange {
  const [cx0, cy0, cx1, cy1] = key.split(" ").map(Number);
  return { cx0, cy0, cx1, cy1 };
}

const DrawnNode = memo(function DrawnNode({ node }: { node: DetailNode }) {
  const View = nodeTypes[node.type];
  const style: CSSProperties = {
    position: "absolute",
    transform: `translate(${node.box.x}px, ${node.box.y}px)`,
    width: node.box.width,
    height: node.box.height,
    zIndex: node.type === "group" ? -2 : 0,
    pointerEvents: "all",
  };
  return (
    <div style={style}>
      <View data={node.data} />
    </div>
  );
});

export function DetailLayer({ nodes }: { nodes: readonly DetailNode[] }) {
  const index = useMemo(() => new SpatialIndex(nodes.map((n) => n.box)), [nodes]);
  const range = useStore(
    useCallback(
      (s: ReactFlowState) => (s.transform[2] < DETAIL_ZOOM || !s.width ? NO_RANGE : rangeKey(index.rangeOf(viewRect(s.transform, s.width, s.height)))),
      [index],
    ),
  );
  const deferred = useDeferredValue(range);
  const drawn = useMemo(() => (deferred === NO_RANGE ? [] : index.inRange(parseRange(deferred)).map((i) => nodes[i])), [deferred, index, nodes]);
  return <PlainHandles>{drawn.map((n): ReactNode => <DrawnNode key={n.id} node={n} />)}</PlainHandles>;
}
