"use client";

import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import type { ExecutionOverlay, NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { layoutInput } from "@/lib/flyte/graph/layout-input";
import type { GraphNode, WorkflowGraph } from "@/lib/flyte/graph/types";
import { DagContext, type DagStores } from "./dag-context";
import { nodeTypes, type FlyteFlowNode, type FlyteNodeData } from "./dag-node";
import { KeyedStore } from "./keyed-store";
import type { Layout } from "./layout";
import { nextNodeInDirection } from "./keyboard";
import { useLayout } from "./use-layout";

const MINIMAP_MAX_NODES = 300;
const ignoreNodeClick = () => {};

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

function toFlow(graph: WorkflowGraph, layout: Layout): { nodes: FlyteFlowNode[]; edges: Edge[] } {
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
      ...(n.parentId !== undefined ? { parentId: n.parentId, extent: "parent" as const } : {}),
      data: { node: n, branchCase: branchCaseOf(graph, n) },
      draggable: false,
      connectable: false,
      selectable: false,
      focusable: false,
      ...(open ? { zIndex: -1 } : {}),
    });
  }
  const edges: Edge[] = [];
  for (const e of graph.edges) {
    if (!layout.boxes[e.source] || !layout.boxes[e.target]) continue;
    edges.push({ id: e.id, source: e.source, target: e.target, focusable: false, selectable: false });
  }
  return { nodes, edges };
}

function Flow({ graph, overlay, selectedId, onSelect, onToggleGroup }: DagViewProps) {
  const input = useMemo(() => layoutInput(graph), [graph]);
  const layout = useLayout(input);
  const flow = useMemo(() => (layout ? toFlow(graph, layout) : undefined), [graph, layout]);
  const reactFlow = useReactFlow();

  const callbacks = useRef({ onSelect, onToggleGroup });
  callbacks.current = { onSelect, onToggleGroup };
  const stores = useMemo<DagStores>(
    () => ({
      overlay: new KeyedStore<NodeOverlayEntry>(),
      selection: new KeyedStore<true>(),
      select: (id) => callbacks.current.onSelect(id),
      toggleGroup: (id) => callbacks.current.onToggleGroup(id),
    }),
    [],
  );
  useEffect(() => stores.overlay.replace(overlay), [stores, overlay]);
  useEffect(() => stores.selection.replace(selectedId ? new Map([[selectedId, true as const]]) : new Map()), [stores, selectedId]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (!layout || !["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Escape"].includes(event.key)) return;
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

  if (!flow) {
    return (
      <div role="status" className="flex h-full items-center justify-center text-sm text-slate-500" data-testid="dag-layout-pending">
        Laying out {input.nodes.length.toLocaleString()} nodes…
      </div>
    );
  }
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
          nodes={flow.nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.1, maxZoom: 1.2 }}
          minZoom={0.02}
          maxZoom={2}
          onlyRenderVisibleElements={flow.nodes.length > 200}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          // Without a node handler React Flow makes nodes ignore the pointer; the nodes handle their own clicks.
          onNodeClick={ignoreNodeClick}
          proOptions={{ hideAttribution: true }}
          defaultEdgeOptions={{ style: { stroke: "#94a3b8", strokeWidth: 1.25 } }}
        >
          <Background gap={24} size={1} color="#e2e8f0" />
          <Controls showInteractive={false} position="bottom-left" />
          {small ? <MiniMap pannable zoomable position="bottom-right" ariaLabel="Graph overview" /> : null}
        </ReactFlow>
      </div>
    </DagContext.Provider>
  );
}

export function DagView(props: DagViewProps) {
  return (
    <ReactFlowProvider>
      <Flow {...props} />
    </ReactFlowProvider>
  );
}
