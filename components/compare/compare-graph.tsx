"use client";

import { useMemo } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { NodeChange } from "@/lib/flyte/compare/nodes";
import { buildExecutionOverlay, type NodeOverlayEntry } from "@/lib/flyte/graph/overlay";
import { DagView } from "@/components/dag/dag-view";
import { prepareLayoutWorker } from "@/components/dag/use-layout";
import { useWorkflowGraph } from "@/components/dag/use-workflow-graph";
import { LoadingRows } from "@/components/ui/query-state";
import { MARK_OF, MARK_ORDER, MARK_STYLE, type MarkKind } from "./marks";

// This graph is laid out in the browser: the worker loads with this module, while the workflow arrives.
prepareLayoutWorker();

/**
 * The marks, drawn from outside the graph: DagView has no per-node decoration, but every drawing of a node (a
 * full node, or a large graph's overview rectangle) carries `data-graph-id` (DESIGN.md's automation contract),
 * so one scoped stylesheet outlines the changed ones. Top-level nodes' graph ids are their node ids; a nested
 * node's is found through the overlay, and while its group is collapsed the group is outlined in its stead.
 */
function markStyles(scope: string, marks: ReadonlyMap<string, MarkKind>): string {
  const byKind = new Map<MarkKind, string[]>();
  for (const [id, kind] of marks) {
    const list = byKind.get(kind) ?? [];
    list.push(`[data-compare-graph="${scope}"] [data-graph-id="${CSS.escape(id)}"]`);
    byKind.set(kind, list);
  }
  return [...byKind]
    .map(([kind, selectors]) => {
      const m = MARK_STYLE[kind];
      return `${selectors.join(",")}{outline:${m.width}px ${m.line} ${m.color} !important;outline-offset:3px;stroke:${m.color} !important;stroke-width:${m.width * 4}px !important;stroke-dasharray:${m.line === "dashed" ? "12 8" : m.line === "dotted" ? "3 6" : "none"} !important}`;
    })
    .join("\n");
}

export function CompareGraph({
  closure,
  nodes,
  parents,
  changes,
  shownRun,
  selectedId,
  onSelect,
}: {
  /** The baseline run's workflow: the graph is drawn once, from it. */
  closure: CompiledWorkflowClosure | undefined;
  /** The node executions whose phases the graph shows (one run's, nested ones included). */
  nodes: readonly NodeExecution[];
  /** A nested node's parent node id, by its node id. */
  parents: ReadonlyMap<string, string>;
  /** Node id → its changes (only changed nodes). */
  changes: ReadonlyMap<string, readonly NodeChange[]>;
  shownRun: string;
  selectedId?: string;
  onSelect(nodeId: string): void;
}) {
  const { graph, toggleGroup } = useWorkflowGraph(closure);
  const overlay = useMemo(
    () => (graph ? buildExecutionOverlay(graph, parents.size ? nodes.map((ne) => ({ nodeExecution: ne, parentId: parents.get(ne.id?.nodeId ?? "") })) : nodes) : new Map<string, NodeOverlayEntry>()),
    [graph, nodes, parents],
  );
  // Node execution id ↔ graph node id, where they differ (nested nodes).
  const graphIdOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const e of overlay.values()) if (e.nodeExecutionId !== e.graphNodeId) m.set(e.nodeExecutionId, e.graphNodeId);
    return m;
  }, [overlay]);
  const marks = useMemo(() => {
    const m = new Map<string, MarkKind>();
    for (const [id, list] of changes) if (list.length) m.set(id, MARK_OF[list[0]]);
    return m;
  }, [changes]);
  // A nested node inside a collapsed group marks the group (the nearest drawn ancestor) unless it has a mark of its own.
  const drawnMarks = useMemo(() => {
    const m = new Map<string, MarkKind>();
    for (const [id, kind] of marks) m.set(graphIdOf.get(id) ?? id, kind);
    if (graph) {
      for (const [id, kind] of [...m]) {
        let node = graph.byId.get(id);
        while (node && !node.visible && node.parentId !== undefined) node = graph.byId.get(node.parentId);
        if (node && node.id !== id && !m.has(node.id)) m.set(node.id, kind);
      }
    }
    return m;
  }, [marks, graphIdOf, graph]);
  const css = useMemo(() => markStyles("marks", drawnMarks), [drawnMarks]);
  const selectedGraphId = selectedId === undefined ? undefined : (graphIdOf.get(selectedId) ?? selectedId);
  const used = MARK_ORDER.filter((k) => [...marks.values()].includes(k));
  if (!graph) return <LoadingRows rows={3} label="Loading the workflow graph" />;
  return (
    <div className="flex h-full flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600" data-testid="compare-graph-legend">
        <span>
          Phases of <span className="font-mono">{shownRun}</span>; outlined: changed against the baseline.
        </span>
        {used.map((k) => {
          const m = MARK_STYLE[k];
          return (
            <span key={k} className="inline-flex items-center gap-1">
              <span aria-hidden className="inline-block h-3 w-5 rounded-sm" style={{ outline: `${Math.min(m.width, 3)}px ${m.line} ${m.color}` }} />
              {m.label}
            </span>
          );
        })}
      </div>
      <div
        className="min-h-0 flex-1"
        data-testid="compare-graph"
        data-compare-graph="marks"
        data-marked={[...marks].map(([id, k]) => `${id}:${k}`).sort().join(" ")}
      >
        <style>{css}</style>
        <DagView graph={graph} overlay={overlay} selectedId={selectedGraphId && graph.byId.has(selectedGraphId) ? selectedGraphId : undefined} onSelect={(graphId) => onSelect(overlay.get(graphId)?.nodeExecutionId ?? graphId)} onToggleGroup={toggleGroup} />
      </div>
    </div>
  );
}
