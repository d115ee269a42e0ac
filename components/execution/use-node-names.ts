"use client";

import { useQuery } from "@connectrpc/connect-query";
import { useCallback, useMemo } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { buildWorkflowGraph, graphNodeName } from "@/lib/flyte/graph/build";
import { getWorkflow, IMMUTABLE } from "@/lib/query/execution-view";

/** Node names as the workflow gives them ("t1", "my_subwf"), not FlytePropeller's ids ("n0"). */
export function useNodeNames(execution: Execution | undefined): (ne: NodeExecution) => string | undefined {
  const workflowId = execution?.closure?.workflowId;
  const workflow = useQuery(getWorkflow, { id: workflowId }, { enabled: !!workflowId, ...IMMUTABLE });
  const closure = workflow.data?.closure?.compiledWorkflow;
  const graph = useMemo(() => (closure ? buildWorkflowGraph(closure) : undefined), [closure]);
  return useCallback((ne: NodeExecution) => (graph ? graphNodeName(graph, ne.id?.nodeId ?? "") : undefined), [graph]);
}
