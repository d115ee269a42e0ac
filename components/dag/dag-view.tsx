"use client";

import { Background, Controls, getViewportForBounds, MiniMap, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore, ViewportPortal, type Edge, type NodeHandle, type Viewport } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ExecutionOverlay, NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { layoutInput } from "@/lib/flyte/graph/layout-input";
import type { GraphNode, WorkflowGraph } from "@/lib/flyte/graph/types";
import { DagContext, type DagStores } from "./dag-context";
import { DETAIL_ZOOM, nodeTypes, zoomedOut, type FlyteFlowNode, type FlyteNodeData } from "./dag-node";
import { absoluteBoxes, edgesPath } from "./edge-path";
import { toFlowEdge } from "./flow-edge";
import { KeyedStore } from "./keyed-store";
import { EDGE_STROKE, OverviewLayer, type OverviewNode } from "./overview-layer";
import type { Layout } from "./layout";
import { nextNodeInDirection } from "./keyboard";
import { useLayout } from "./use-layout";

const MINIMAP_MAX_NODES = 300;
/**
 * Above this many nodes, edges are one path, the zoomed-out graph is drawn by OverviewLayer, and zoomed
 * in only the nodes in view are mounted.
 */
const LARGE_FLOW = 200;
const MIN_ZOOM = 0.02;
const FIT = { padding: 0.1, maxZoom: 1.2, includeHiddenNodes: true };
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
  nodes: FlyteFlowNode[];
  /** React Flow's edges, for graphs up to LARGE_FLOW nodes. */
  edges: Edge[];
  /** Larger graphs: all edges as one SVG path, and the nodes as OverviewLayer draws them zoomed out. */
  large?: { edgesPath: string; overview: OverviewNode[]; hiddenNodes: FlyteFlowNode[] };
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
  if (nodes.length > LARGE_FLOW) {
    const boxes = absoluteBoxes(layout.boxes, (id) => graph.byId.get(id)?.parentId);
    const overview = nodes.map((n) => ({ id: n.id, name: n.data.node.name, kind: n.data.node.kind, group: n.type === "group", box: boxes.get(n.id)! }));
    const hiddenNodes = nodes.map((n) => ({ ...n, hidden: true }));
    return { nodes, edges: [], large: { edgesPath: edgesPath(graph.edges, boxes), overview, hiddenNodes } };
  }
  const edges: Edge[] = [];
  for (const e of graph.edges) {
    if (!layout.boxes[e.source] || !layout.boxes[e.target]) continue;
    edges.push(toFlowEdge(e));
  }
  return { nodes, edges };
}

type FlowProps = DagViewProps & { layout: Layout; flow: FlowElements; initialViewport: Viewport };

function Flow({ graph, overlay, selectedId, onSelect, onToggleGroup, layout, flow, initialViewport }: FlowProps) {
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

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Escape"].includes(event.key)) return;
      event.preventDefault();
      const next = nextNodeInDirection(graph, layout, selectedId, event.key);
      if (!next) return;
      onSelect(next);
      const box = layout.boxes[next];
      const node = reactFlow.getInternalNode(next);
      if (box && node) {
        const { x, y } = node.internals.positionAbsolute;
        void reactFlow.setCenter(x + box.width / 2, y + box.height / 2, { zoom: Math.max(reactFlow.getZoom(), 0.8), duration: 150 });
      }
    },
    [graph, layout, selectedId, onSelect, reactFlow],
  );

  // Zoomed out, a large graph is drawn by OverviewLayer; React Flow keeps its nodes, hidden, for fit and keys.
  const overview = useStore(zoomedOut) && !!flow.large;
  const small = flow.nodes.length <= MINIMAP_MAX_NODES;
  return (
    <DagContext.Provider value={stores}>
      <div
        className="h-full w-full focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        tabIndex={0}
        role="application"
        aria-label="Workflow graph. Arrow keys move between nodes."
        onKeyDown={onKeyDown}
        data-testid="dag"
        data-node-count={flow.nodes.length}
      >
        <ReactFlow
          nodes={overview ? flow.large!.hiddenNodes : flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          defaultViewport={initialViewport}
          fitViewOptions={FIT}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          onlyRenderVisibleElements={flow.nodes.length > LARGE_FLOW}
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
              <OverviewLayer edgesPath={flow.large.edgesPath} nodes={overview ? flow.large.overview : undefined} />
            </ViewportPortal>
          ) : null}
          <Background gap={24} size={1} color="#e2e8f0" />
          <Controls showInteractive={false} position="bottom-left" />
          {small ? <MiniMap pannable zoomable position="bottom-right" ariaLabel="Graph overview" /> : null}
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
  // Used when React Flow mounts: first, and again after each new layout (the "Laying out…" state unmounts it).
  const initialViewport = useMemo(
    () => (layout && size ? getViewportForBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, size.width, size.height, MIN_ZOOM, FIT.maxZoom, FIT.padding) : undefined),
    [layout, size],
  );
  return (
    <div ref={container} className="h-full w-full">
      {!flow || !layout ? (
        <div role="status" className="flex h-full items-center justify-center text-sm text-slate-500" data-testid="dag-layout-pending">
          Laying out {input.nodes.length.toLocaleString()} nodes…
        </div>
      ) : size && initialViewport ? (
        <ReactFlowProvider
          initialNodes={flow.large && initialViewport.zoom < DETAIL_ZOOM ? flow.large.hiddenNodes : flow.nodes}
          initialEdges={flow.edges}
          initialWidth={size.width}
          initialHeight={size.height}
          initialMinZoom={MIN_ZOOM}
          initialMaxZoom={FIT.maxZoom}
          initialFitViewOptions={FIT}
          fitView
        >
          <Flow {...props} layout={layout} flow={flow} initialViewport={initialViewport} />
        </ReactFlowProvider>
      ) : null}
    </div>
  );
}
