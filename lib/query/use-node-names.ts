"use client";

import { useCallback, useMemo } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { buildWorkflowGraph, graphNodeName } from "@/lib/flyte/graph/build";
import { useExecutionClosure } from "./workflows";

/** Node names as the workflow gives them ("t1", "my_subwf"), not FlytePropeller's ids ("n0"). */
export function useNodeNames(execution: Execution | undefined): (ne: NodeExecution) => string | undefined {
  const closure = useExecutionClosure(execution?.closure?.workflowId);
  const graph = useMemo(() => (closure ? buildWorkflowGraph(closure) : undefined), [closure]);
  return useCallback((ne: NodeExecution) => (graph ? graphNodeName(graph, ne.id?.nodeId ?? "") : undefined), [graph]);
}
