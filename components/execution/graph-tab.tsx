"use client";

import { useQuery } from "@connectrpc/connect-query";
import { useMemo, useRef, useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { buildExecutionOverlay, type ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import { getWorkflow, IMMUTABLE } from "@/lib/query/execution-view";
import { DagView } from "@/components/dag/dag-view";
import { LoadingRows, QueryError } from "@/components/ui/query-state";

/** Graphs bigger than this open with groups closed and a note; smaller ones open every group. */
const OPEN_ALL_BELOW = 40;

export function GraphTab({
  execution,
  nodes,
  selectedNodeId,
  onSelectNode,
}: {
  execution: Execution;
  nodes: ReadonlyMap<string, NodeExecution>;
  selectedNodeId?: string;
  onSelectNode(nodeExecutionId: string | undefined): void;
}) {
  const workflowId = execution.closure?.workflowId;
  const workflow = useQuery(getWorkflow, { id: workflowId }, { enabled: !!workflowId, ...IMMUTABLE });
  const closure = workflow.data?.closure?.compiledWorkflow;
  const [expanded, setExpanded] = useState<ReadonlySet<string> | undefined>(undefined);

  const graph = useMemo(() => {
    if (!closure) return undefined;
    const small = (closure.primary?.template?.nodes.length ?? 0) + closure.subWorkflows.reduce((s, w) => s + (w.template?.nodes.length ?? 0), 0) < OPEN_ALL_BELOW;
    return buildWorkflowGraph(closure, { expanded: expanded ?? (small ? "all" : new Set()) });
  }, [closure, expanded]);

  const previous = useRef<ExecutionOverlay | undefined>(undefined);
  const overlay = useMemo(() => {
    if (!graph) return new Map() as ExecutionOverlay;
    previous.current = buildExecutionOverlay(graph, nodes.values(), previous.current);
    return previous.current;
  }, [graph, nodes]);

  const selectedGraphId = useMemo(() => {
    if (!selectedNodeId) return undefined;
    for (const [graphId, entry] of overlay) if (entry.nodeExecutionId === selectedNodeId) return graphId;
    return graph?.byId.has(selectedNodeId) ? selectedNodeId : undefined;
  }, [overlay, graph, selectedNodeId]);

  if (workflow.isError) return <QueryError error={workflow.error} retry={() => void workflow.refetch()} />;
  if (!graph) return <LoadingRows rows={4} label="Loading the workflow graph" />;
  return (
    <div className="h-full" data-testid="graph-tab">
      <DagView
        graph={graph}
        overlay={overlay}
        selectedId={selectedGraphId}
        onSelect={(graphId) => onSelectNode(overlay.get(graphId)?.nodeExecutionId ?? graphId)}
        onToggleGroup={(graphId) => {
          const current = new Set(
            expanded ?? graph.nodes.filter((n) => n.expanded).map((n) => n.id),
          );
          if (current.has(graphId)) current.delete(graphId);
          else current.add(graphId);
          setExpanded(current);
        }}
      />
    </div>
  );
}
