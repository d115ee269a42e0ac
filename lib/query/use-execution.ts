"use client";

// One execution as GetExecution returns it, for the browser. Kept apart from ./executions, whose
// builders the server's dashboard loader imports and which must not pull React in.
import { create } from "@bufbuild/protobuf";
import { useQuery } from "@connectrpc/connect-query";
import { WorkflowExecutionGetRequestSchema, type WorkflowExecutionGetRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { workflowPhase } from "@/lib/flyte/phases";
import { executionGetRequest, getExecution } from "./executions";

type ExecutionId = { project?: string; domain?: string; name?: string } | undefined;

/** GetExecution for `id`; off until it has a name. */
export function useExecution(id: ExecutionId, options: { staleTime?: number } = {}) {
  return useQuery(getExecution, executionGetRequest(id?.project ?? "", id?.domain ?? "", id?.name ?? ""), { enabled: !!id?.name, ...options });
}

/** GetExecution for an id exactly as FlyteAdmin reported it (org and all). */
export function executionByIdRequest(id: WorkflowExecutionIdentifier | undefined): WorkflowExecutionGetRequest {
  return create(WorkflowExecutionGetRequestSchema, { id });
}

const isRunning = (p: number | undefined) => p !== undefined && !workflowPhase(p).isTerminal;

/** A child execution a node started, polled every 3 s while it runs; off without an id. */
export function useChildExecution(id: WorkflowExecutionIdentifier | undefined) {
  return useQuery(getExecution, executionByIdRequest(id), {
    enabled: id !== undefined,
    refetchInterval: (q) => (isRunning(q.state.data?.closure?.phase) ? 3_000 : false),
  });
}
