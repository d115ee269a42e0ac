"use client";

import { Background, ControlButton, Controls, getViewportForBounds, MiniMap, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore, ViewportPortal, type Edge, type FitViewOptions, type NodeHandle, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ExecutionOverlay, NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { layoutInput } from "@/lib/flyte/graph/layout-input";
import type { GraphNode, WorkflowGraph } from "@/lib/flyte/graph/types";
import { DagContext, type DagStores } from "./dag-context";
import { nodeTypes, zoomedOut, type FlyteFlowNode, type FlyteNodeData } from "./dag-node";
import { DetailLayer, type DetailNode } from "./detail-layer";
import { absoluteBoxes, absoluteRoute, edgePathTiles } from "./edge-path";
import { toFlowEdge } from "./flow-edge";
import { KeyedStore } from "./keyed-store";
import { EDGE_STROKE, OverviewLayer, type OverviewNode } from "./overview-layer";
import type { Layout, NodeBox, Point } from "@/lib/flyte/graph/layout";
import { nextNodeInDirection } from "./keyboard";
import { fitPadding, MINIMAP, minimapFits } from "./fit";
import { edgeTypes } from "./routed-edge";
import { useLayout } from "./use-layout";
import { useMinimapShown } from "./use-minimap-shown";

/**
 * Above this many nodes, edges are one path, the zoomed-out graph is drawn by OverviewLayer, and zoomed
 * in only the nodes in view are mounted.
 */
const LARGE_FLOW = 200;
const MIN_ZOOM = 0.02;
const MAX_FIT_ZOOM = 1.2;
/** Moving by keyboard zooms in at least this far: the node moved to reads at its own size. */
const KEYBOARD_ZOOM = 1;
/** The handles' size in px (dag-node.tsx draws them 4px square, centred on the left and right edges). */
const HANDLE = 4;
const ignoreNodeClick = () => {};

/*
 * Each node arrives with its size and handles, as React Flow would measure them from the DOM. Without them
 * it draws no edge until it has measured every node, and with thousands of nodes that measuring, not the
 * drawing, is what keeps the graph from appearing.
 */
function knownHandles(width: number, height: number): NodeHandle[] {
  const y = height / 2 - HANDLE / 2;
  return [
    { id: null, type: "target", position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
    { id: null, type: "source", position: Position.Right, x: width - HANDLE / 2, y, width: HANDLE, height: HANDLE },
  ];
}

export interface DagViewProps {
  graph: WorkflowGraph;
  overlay: ExecutionOverlay;
  selectedId?: string;
  onSelect(graphNodeId: string): void;
  onToggleGroup(graphNodeId: string): void;
}

/* A branch's case knows its branch, to say whether it was taken. */
function branchCaseOf(graph: WorkflowGraph, n: GraphNode): FlyteNodeData["branchCase"] {
  const parent = n.parentId !== undefined ? graph.byId.get(n.parentId) : undefined;
  const c = parent?.branch?.cases.find((x) => x.nodeId === n.id);
  return parent && c ? { branchId: parent.id, label: c.label, condition: c.condition } : undefined;
}

interface FlowElements {
  /** How many nodes the graph draws. */
  count: number;
  /** React Flow's nodes and edges, for graphs up to LARGE_FLOW nodes. */
  nodes: FlyteFlowNode[];
  edges: Edge[];
  /**
   * Larger graphs, drawn beside React Flow rather than by it (its store holds no node): all edges as one SVG
   * path, the nodes as OverviewLayer draws them zoomed out and as DetailLayer mounts them zoomed in.
   */
  large?: { edgePaths: string[]; overview: OverviewNode[]; detail: DetailNode[]; boxes: ReadonlyMap<string, NodeBox> };
}

/** The layout's edge routes in graph coordinates. */
function absoluteRoutes(graph: WorkflowGraph, layout: Layout, boxes: ReadonlyMap<string, NodeBox>): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const e of graph.edges) {
    const route = layout.routes?.[e.id];
    if (route) out.set(e.id, absoluteRoute(route, e.parentId !== undefined ? boxes.get(e.parentId) : undefined));
  }
  return out;
}

function toFlow(graph: WorkflowGraph, layout: Layout): FlowElements {
  const nodes: FlyteFlowNode[] = [];
  for (const n of graph.nodes) {
    const box = layout.boxes[n.id];
    if (!n.visible || !box) continue;
    const open = n.expanded && n.childIds.length > 0;
    nodes.push({
      id: n.id,
      type: open ? "group" : "flyte",
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      measured: { width: box.width, height: box.height },
      handles: knownHandles(box.width, box.height),
      ...(n.parentId !== undefined ? { parentId: n.parentId, extent: "parent" as const } : {}),
      data: { node: n, branchCase: branchCaseOf(graph, n) },
      draggable: false,
      connectable: false,
      selectable: false,
      focusable: false,
      ...(open ? { zIndex: -1 } : {}),
    });
  }
  const boxes = absoluteBoxes(layout.boxes, (id) => graph.byId.get(id)?.parentId);
  const routes = absoluteRoutes(graph, layout, boxes);
  if (nodes.length > LARGE_FLOW) {
    const overview: OverviewNode[] = [];
    const detail: DetailNode[] = [];
    for (const n of nodes) {
      const box = boxes.get(n.id)!;
      overview.push({ id: n.id, name: n.data.node.name, kind: n.data.node.kind, group: n.type === "group", box });
      detail.push({ id: n.id, type: n.type === "group" ? "group" : "flyte", data: n.data, box });
    }
    return { count: nodes.length, nodes: [], edges: [], large: { edgePaths: edgePathTiles(graph.edges, boxes, undefined, routes), overview, detail, boxes } };
  }
  const edges: Edge[] = [];
  for (const e of graph.edges) {
    if (!layout.boxes[e.source] || !layout.boxes[e.target]) continue;
    edges.push(toFlowEdge(e, routes.get(e.id)));
  }
  return { count: nodes.length, nodes, edges };
}

type FlowProps = DagViewProps & {
  layout: Layout;
  flow: FlowElements;
  initialViewport: Viewport;
  fitViewport: Viewport;
  fit: FitViewOptions;
  minimap: { offered: boolean; shown: boolean; setShown(shown: boolean): void };
};

function absoluteBox(position: { x: number; y: number } | undefined, box: NodeBox | undefined): NodeBox | undefined {
  return position && box ? { ...box, x: position.x, y: position.y } : undefined;
}

function Flow({ graph, overlay, selectedId, onSelect, onToggleGroup, layout, flow, initialViewport, fitViewport, fit, minimap }: FlowProps) {
  const reactFlow = useReactFlow();
  // The latest handlers for the nodes' clicks, which happen after commit: updated in an effect, not while rendering.
  const callbacks = useRef({ onSelect, onToggleGroup });
  useLayoutEffect(() => {
    callbacks.current = { onSelect, onToggleGroup };
  });
  // Filled before the first render, so every node's first drawing already has its phase.
  const [stores] = useState<DagStores>(() => ({
    overlay: new KeyedStore<NodeOverlayEntry>(overlay),
    selection: new KeyedStore<true>(selectionMap(selectedId)),
    select: (id) => callbacks.current.onSelect(id),
    toggleGroup: (id) => callbacks.current.onToggleGroup(id),
  }));
  useEffect(() => stores.overlay.replace(overlay), [stores, overlay]);
  useEffect(() => stores.selection.replace(selectionMap(selectedId)), [stores, selectedId]);

  const centreOn = useCallback(
    (id: string, zoom: number, duration: number) => {
      const box = flow.large?.boxes.get(id) ?? absoluteBox(reactFlow.getInternalNode(id)?.internals.positionAbsolute, layout.boxes[id]);
      if (box) void reactFlow.setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom, duration });
    },
    [flow, layout, reactFlow],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Escape"].includes(event.key)) return;
      event.preventDefault();
      const next = nextNodeInDirection(graph, layout, selectedId, event.key);
      if (!next) return;
      onSelect(next);
      centreOn(next, Math.max(reactFlow.getZoom(), KEYBOARD_ZOOM), 150);
    },
    [graph, layout, selectedId, onSelect, reactFlow, centreOn],
  );

  // The node panel opening beside the graph narrows it, and the node just picked may end up under the panel:
  // when the drawn area changes width with a node selected, that node moves to the middle.
  const width = useStore((s) => s.width);
  const drawnWidth = useRef(width);
  useEffect(() => {
    const before = drawnWidth.current;
    drawnWidth.current = width;
    if (selectedId && before && width && before !== width) centreOn(selectedId, reactFlow.getZoom(), 200);
  }, [width, selectedId, centreOn, reactFlow]);

  const out = useStore(zoomedOut);
  // React Flow fits the nodes in its store, and a large graph's are not there.
  const fitLarge = useCallback(() => void reactFlow.setViewport(fitViewport), [reactFlow, fitViewport]);
  return (
    <DagContext.Provider value={stores}>
      <div
        className="h-full w-full focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        tabIndex={0}
        role="application"
        aria-label="Workflow graph. Arrow keys move between nodes."
        onKeyDown={onKeyDown}
        data-testid="dag"
        data-node-count={flow.count}
      >
        <ReactFlow
          className={flow.large && out ? "dag-overview-mode" : undefined}
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultViewport={initialViewport}
          fitViewOptions={fit}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          // Without a node handler React Flow makes nodes ignore the pointer; the nodes handle their own clicks.
          onNodeClick={ignoreNodeClick}
          proOptions={{ hideAttribution: true }}
          defaultEdgeOptions={{ style: EDGE_STROKE }}
        >
          {flow.large ? (
            <ViewportPortal>
              <OverviewLayer edgePaths={flow.large.edgePaths} nodes={flow.large.overview} showNodes={out} />
              <DetailLayer nodes={flow.large.detail} />
            </ViewportPortal>
          ) : null}
          {/* Redrawn on every frame of a pan: in a large graph that repaint makes the browser re-layerize its thousands of rectangles. */}
          {flow.large ? null : <Background gap={24} size={1} color="var(--color-slate-200)" />}
          <Controls showInteractive={false} position="bottom-left" onFitView={flow.large ? fitLarge : undefined}>
            {minimap.offered ? (
              <ControlButton
                onClick={() => minimap.setShown(!minimap.shown)}
                title={minimap.shown ? "Hide the minimap" : "Show the minimap"}
                aria-label={minimap.shown ? "Hide the minimap" : "Show the minimap"}
                aria-pressed={minimap.shown}
                data-testid="dag-minimap-toggle"
              >
                <svg viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth={1.5}>
                  <rect x="1.5" y="3" width="13" height="10" rx="1" />
                  <rect x="8" y="8" width="5" height="3.5" fill={minimap.shown ? "currentColor" : "none"} />
                </svg>
              </ControlButton>
            ) : null}
          </Controls>
          {minimap.offered && minimap.shown ? (
            <MiniMap pannable zoomable position="bottom-right" ariaLabel="Graph overview" style={MINIMAP} />
          ) : null}
        </ReactFlow>
      </div>
    </DagContext.Provider>
  );
}

const selectionMap = (selectedId: string | undefined): ReadonlyMap<string, true> => (selectedId ? new Map([[selectedId, true as const]]) : new Map());

/** The drawn area's size, read once before the graph mounts. */
function useSize(ref: React.RefObject<HTMLDivElement | null>, ready: boolean) {
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  useLayoutEffect(() => {
    if (size || !ready || !ref.current) return;
    setSize({ width: ref.current.clientWidth, height: ref.current.clientHeight });
  }, [ref, ready, size]);
  return size;
}

/*
 * React Flow is handed its first nodes, edges, size and viewport when its store is created. Given them
 * later, through props and `fitView`, it mounts the nodes one by one into an existing list (quadratic in
 * React's commit), draws them all in detail at zoom 1, measures each in the DOM, and only then fits the
 * view: seconds at 5,000 nodes. Later changes (groups opening, filters) still arrive through props.
 */
export function DagView(props: DagViewProps) {
  const input = useMemo(() => layoutInput(props.graph), [props.graph]);
  const layout = useLayout(input);
  const flow = useMemo(() => (layout ? toFlow(props.graph, layout) : undefined), [props.graph, layout]);
  const container = useRef<HTMLDivElement>(null);
  const size = useSize(container, !!flow);
  const [minimapShown, setMinimapShown] = useMinimapShown();
  // A large graph's nodes are not in React Flow's store, which is what the minimap draws.
  const minimapOffered = !!flow && !flow.large && !!size && minimapFits(size);
  const minimap = useMemo(() => ({ offered: minimapOffered, shown: minimapShown, setShown: setMinimapShown }), [minimapOffered, minimapShown, setMinimapShown]);
  const fit = useMemo<FitViewOptions>(
    () => ({
      padding: layout && size ? fitPadding(layout, size, minimap.offered && minimap.shown) : 0,
      maxZoom: MAX_FIT_ZOOM,
      includeHiddenNodes: true,
    }),
    [layout, size, minimap],
  );
  // Used when React Flow mounts: first, and again after each new layout (the "Laying out…" state unmounts it).
  const initialViewport = useMemo(
    () => (layout && size ? getViewportForBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, size.width, size.height, MIN_ZOOM, MAX_FIT_ZOOM, fit.padding ?? 0) : undefined),
    // Hiding or showing the minimap changes this but moves no graph: React Flow reads it only when it mounts.
    [layout, size, fit],
  );
  return (
    <div ref={container} className="h-full w-full">
      {!flow || !layout ? (
        <div role="status" className="flex h-full items-center justify-center text-sm text-slate-500" data-testid="dag-layout-pending">
          Laying out {input.nodes.length.toLocaleString()} nodes…
        </div>
      ) : size && initialViewport ? (
        <ReactFlowProvider
          initialNodes={flow.nodes}
          initialEdges={flow.edges}
          initialWidth={size.width}
          initialHeight={size.height}
          initialMinZoom={MIN_ZOOM}
          initialMaxZoom={MAX_FIT_ZOOM}
          initialFitViewOptions={fit}
          fitView
        >
          <Flow {...props} layout={layout} flow={flow} initialViewport={initialViewport} fitViewport={initialViewport} fit={fit} minimap={minimap} />
        </ReactFlowProvider>
      ) : null}
    </div>
  );
}
