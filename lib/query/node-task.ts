"use client";

// What a node execution runs: its spec node (from the execution's workflow closure) and the task template
// it ran, fetched with GetTask (registered versions never change: fetched once).
import { create } from "@bufbuild/protobuf";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { ObjectGetRequestSchema, type ObjectGetRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { topLevelSpecNode } from "@/lib/flyte/node-spec";
import { getTask } from "./entities";
import { IMMUTABLE } from "./execution-view";
import { useExecution } from "./use-execution";
import { useExecutionClosure } from "./workflows";

/** GetTask for a task id as FlyteAdmin reported it (org and all; always as a task). */
export function nodeTaskRequest(id: Identifier): ObjectGetRequest {
  const { project, domain, name, version, org } = id;
  return create(ObjectGetRequestSchema, { id: { resourceType: ResourceType.TASK, project, domain, name, version, org } });
}

/** The spec node of a top-level node execution, once its workflow's closure is loaded. */
export function useSpecNode(ne: NodeExecution): Node | undefined {
  const execution = useExecution(ne.id?.executionId);
  const closure = useExecutionClosure(execution.data?.closure?.workflowId);
  return topLevelSpecNode(closure, ne);
}

/** The registered task (template, interface, compiled form); off without an id or while `enabled` is false. */
export function useNodeTask(id: Identifier | undefined, enabled: boolean) {
  return useQuery(getTask, id?.name && enabled ? nodeTaskRequest(id) : skipToken, IMMUTABLE);
}
