"use client";

// A node execution's attempts (its task executions) and its inputs and outputs, as the node panel reads them.
import { create } from "@bufbuild/protobuf";
import { useQuery } from "@connectrpc/connect-query";
import { NodeExecutionGetDataRequestSchema, type NodeExecutionGetDataRequest } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionListRequestSchema, type TaskExecutionListRequest } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getNodeExecutionData, listTaskExecutions } from "./execution-view";

/** Enough attempts (and sub-task executions) for any node a person reads. */
export const TASK_EXECUTIONS_LIMIT = 100;

/** ListTaskExecutions: a node execution's attempts. */
export function taskExecutionListRequest(nodeExecutionId: NodeExecutionIdentifier): TaskExecutionListRequest {
  return create(TaskExecutionListRequestSchema, { nodeExecutionId, limit: TASK_EXECUTIONS_LIMIT });
}

/** GetNodeExecutionData: a node execution's inputs and outputs. */
export function nodeExecutionDataRequest(id: NodeExecutionIdentifier): NodeExecutionGetDataRequest {
  return create(NodeExecutionGetDataRequestSchema, { id });
}

interface NodeQueryOptions {
  /** The node still runs: poll. */
  running: boolean;
  enabled: boolean;
}

/** A node execution's attempts, polled every 2 s while it runs. */
export function useNodeAttempts(id: NodeExecutionIdentifier, { running, enabled }: NodeQueryOptions) {
  return useQuery(listTaskExecutions, taskExecutionListRequest(id), { refetchInterval: running ? 2_000 : false, enabled });
}

/** A node execution's inputs and outputs, polled every 3 s while it runs. */
export function useNodeExecutionData(id: NodeExecutionIdentifier, { running, enabled }: NodeQueryOptions) {
  return useQuery(getNodeExecutionData, nodeExecutionDataRequest(id), { enabled, refetchInterval: running ? 3_000 : false });
}
