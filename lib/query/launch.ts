"use client";

// The launch form's calls: versions of what is launched, the launch plan or task itself, the
// execution a relaunch copies, and CreateExecution. Fetch only; lib/flyte/launch shapes.
import { create } from "@bufbuild/protobuf";
import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import {
  ObjectGetRequestSchema,
  ResourceListRequestSchema,
  Sort_Direction,
  type ObjectGetRequest,
  type ResourceListRequest,
} from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecutionGetDataRequestSchema, WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const listLaunchPlans = AdminService.method.listLaunchPlans;
export const listWorkflows = AdminService.method.listWorkflows;
export const listTasks = AdminService.method.listTasks;
export const getLaunchPlan = AdminService.method.getLaunchPlan;
export const getTask = AdminService.method.getTask;
export const getExecution = AdminService.method.getExecution;
export const getExecutionData = AdminService.method.getExecutionData;
export const createExecution = AdminService.method.createExecution;

export type LaunchKind = "launchPlan" | "workflow" | "task";

export const LAUNCH_VERSIONS_LIMIT = 50;

/** Versions newest first: ListLaunchPlans / ListWorkflows / ListTasks, by created_at. */
export function launchVersionsRequest(project: string, domain: string, name: string): ResourceListRequest {
  return create(ResourceListRequestSchema, {
    id: { project, domain, name },
    limit: LAUNCH_VERSIONS_LIMIT,
    sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
  });
}

/** A workflow launches through its default launch plan: same name and version, as flytekit registers it. */
export function launchPlanGetRequest(project: string, domain: string, name: string, version: string): ObjectGetRequest {
  return create(ObjectGetRequestSchema, { id: { resourceType: ResourceType.LAUNCH_PLAN, project, domain, name, version } });
}

export function taskGetRequest(project: string, domain: string, name: string, version: string): ObjectGetRequest {
  return create(ObjectGetRequestSchema, { id: { resourceType: ResourceType.TASK, project, domain, name, version } });
}

export function executionGetRequest(project: string, domain: string, name: string) {
  return create(WorkflowExecutionGetRequestSchema, { id: { project, domain, name } });
}

export function executionDataRequest(project: string, domain: string, name: string) {
  return create(WorkflowExecutionGetDataRequestSchema, { id: { project, domain, name } });
}

/** CreateExecution; execution lists are refetched once it lands so the new run shows up. */
export function useCreateExecution() {
  const queryClient = useQueryClient();
  return useMutation(createExecution, {
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.listExecutions, cardinality: undefined }) }),
  });
}
