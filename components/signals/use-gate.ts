"use client";

import { useQuery } from "@connectrpc/connect-query";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { gateOfNodeExecution, type Gate } from "@/lib/flyte/actions/gates";
import { getWorkflow, IMMUTABLE } from "@/lib/query/execution-view";
import { getExecution } from "@/lib/query/executions";

/** The compiled closure of an execution's workflow (shared with the graph through the query cache). */
export function useExecutionClosure(workflowId: Identifier | undefined) {
  const workflow = useQuery(getWorkflow, { id: workflowId }, { enabled: !!workflowId, ...IMMUTABLE });
  return workflow.data?.closure?.compiledWorkflow;
}

/** The gate a node execution runs, or undefined (also while the closure loads). */
export function useGate(ne: NodeExecution): Gate | undefined {
  const e = ne.id?.executionId;
  const execution = useQuery(getExecution, { id: { project: e?.project, domain: e?.domain, name: e?.name } }, { enabled: !!e?.name });
  const closure = useExecutionClosure(execution.data?.closure?.workflowId);
  return gateOfNodeExecution(closure, ne);
}
