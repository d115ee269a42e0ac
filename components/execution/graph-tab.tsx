"use client";

import { useEffect, useMemo, useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { visibleGraph } from "@/lib/flyte/graph/build";
import { filterGraph } from "@/lib/flyte/graph/filter";
import type { ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import { nodePhase } from "@/lib/flyte/phases";
import { useWorkflow } from "@/lib/query/workflows";
import { DagView } from "@/components/dag/dag-view";
import { useWorkflowGraph } from "@/components/dag/use-workflow-graph";
import { prepareLayoutWorker, primeLayoutCache } from "@/components/dag/use-layout";
import type { Layout } from "@/lib/flyte/graph/layout";
import { LoadingRows, QueryError } from "@/components/ui/query-state";
import { GraphFilterBar, keptNodes, type GraphFilter } from "./graph-filter";
import { useExecutionOverlay } from "./graph-tab-overlay";
import { isTaskNodeExecution, useDynamicClosures, useSubTaskCounts, useTaskAttempts } from "@/lib/query/use-node-extras";

/** From this many drawn nodes on, the graph offers a filtered view. */
const LARGE_GRAPH = 300;
/**
 * From this many, it opens filtered (failed or running nodes) and drawing everything is a choice. 10,000 nodes
 * draw in about as long as the page takes to load them; past 25,000 the whole graph no longer fits the view
 * even at the smallest zoom (a 50-wide run is 500 columns, ~100,000 px against 0.02 × 1,600 px), each node is
 * under a pixel tall, and drawing takes several seconds more than the list it would replace.
 */
const HUGE_GRAPH = 25_000;
const NO_PHASES: ExecutionOverlay = new Map();

export function GraphTab({
  execution,
  preloadedLayout,
  nodes,
  parents,
  selectedNodeId,
  onSelectNode,
}: {
  execution: Execution;
  /** The layout of the graph as first drawn, computed by the server: drawn without the layout worker. */
  preloadedLayout?: Layout;
  nodes: ReadonlyMap<string, NodeExecution>;
  /** Child node id → parent node id, from the watch stream: places children whose ids FlytePropeller shortened. */
  parents: ReadonlyMap<string, string>;
  selectedNodeId?: string;
  onSelectNode(nodeExecutionId: string | undefined): void;
}) {
  // Before the graph's first render reads the layout cache (both idempotent). Without a layout from the server,
  // the worker is loaded now, while the workflow and the node executions arrive.
  if (preloadedLayout) primeLayoutCache(preloadedLayout);
  else prepareLayoutWorker();
  const workflowId = execution.closure?.workflowId;
  const workflow = useWorkflow(workflowId);
  const closure = workflow.data?.closure?.compiledWorkflow;
  const dynamicClosures = useDynamicClosures(nodes);
  const { graph, toggleGroup } = useWorkflowGraph(closure, dynamicClosures);
  const drawnCount = useMemo(() => (graph ? visibleGraph(graph).nodes.length : 0), [graph]);
  // A filter, a group opened or a dynamic node's workflow is laid out in the worker: loaded once the graph has
  // first drawn (not before: that drawing needs none), so the first of them does not also wait for its script.
  const drawn = !!graph;
  useEffect(() => {
    if (drawn && preloadedLayout) prepareLayoutWorker();
  }, [drawn, preloadedLayout]);

  const subTasks = useSubTaskCounts(graph, nodes);
  const runningTasks = useMemo(
    () => [...nodes.values()].filter((ne) => isTaskNodeExecution(ne) && !nodePhase(ne.closure?.phase ?? 0).isTerminal),
    [nodes],
  );
  const attempts = useTaskAttempts(runningTasks);
  const overlay = useExecutionOverlay(graph, { nodes, parents, subTasks, attempts });

  const [filter, setFilter] = useState<GraphFilter | undefined>(undefined);
  const huge = drawnCount >= HUGE_GRAPH;
  const activeFilter = filter ?? (huge ? { failedOrRunning: true, search: "" } : undefined);
  const filtering = !!activeFilter && (activeFilter.failedOrRunning || activeFilter.search.trim() !== "");
  const search = activeFilter?.search ?? "";
  const failedOrRunning = activeFilter?.failedOrRunning ?? false;
  // The kept set changes with phases only while the failed-or-running filter is on.
  const phases = failedOrRunning ? overlay : NO_PHASES;
  const shown = useMemo(() => {
    if (!graph || !filtering) return graph;
    return filterGraph(graph, keptNodes(graph, phases, { search, failedOrRunning }));
  }, [graph, filtering, phases, search, failedOrRunning]);

  const selectedGraphId = useMemo(() => {
    if (!selectedNodeId) return undefined;
    for (const [graphId, entry] of overlay) if (entry.nodeExecutionId === selectedNodeId) return graphId;
    return graph?.byId.has(selectedNodeId) ? selectedNodeId : undefined;
  }, [overlay, graph, selectedNodeId]);

  if (workflow.isError) return <QueryError error={workflow.error} retry={() => void workflow.refetch()} />;
  if (!graph || !shown) return <LoadingRows rows={4} label="Loading the workflow graph" />;
  return (
    <div className="flex h-full flex-col" data-testid="graph-tab">
      {drawnCount >= LARGE_GRAPH || filtering ? (
        <GraphFilterBar
          total={drawnCount}
          shown={filtering ? shown.nodes.length : drawnCount}
          filter={activeFilter ?? { failedOrRunning: false, search: "" }}
          huge={huge}
          onChange={setFilter}
        />
      ) : null}
      <div className="min-h-0 flex-1">
        {filtering && shown.nodes.length === 0 ? (
          <p role="status" className="p-6 text-center text-sm text-slate-500" data-testid="graph-filter-empty">
            {activeFilter?.failedOrRunning && !activeFilter.search ? "No node failed or is running." : "No node matches."}
          </p>
        ) : (
          <DagView
            graph={shown}
            overlay={overlay}
            selectedId={selectedGraphId}
            onSelect={(graphId) => onSelectNode(overlay.get(graphId)?.nodeExecutionId ?? graphId)}
            onToggleGroup={toggleGroup}
          />
        )}
      </div>
    </div>
  );
}
