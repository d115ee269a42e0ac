"use client";

// The launch form's calls: versions of what is launched, the launch plan or task itself, the
// execution a relaunch copies, and CreateExecution. Fetch only; lib/flyte/launch shapes.
import { create } from "@bufbuild/protobuf";
import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { WorkflowExecutionGetDataRequestSchema, WorkflowExecutionGetRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { refusals } from "./permissions";

// Versions and single entities are requested as the entity pages do.
export { entityGetRequest, getLaunchPlan, getTask, listLaunchPlans, listTasks, listWorkflows, versionListRequest } from "./entities";
export { getExecution } from "./executions";
export const getExecutionData = AdminService.method.getExecutionData;
export const createExecution = AdminService.method.createExecution;

export type LaunchKind = "launchPlan" | "workflow" | "task";

export const LAUNCH_VERSIONS_LIMIT = 50;

export function executionGetRequest(project: string, domain: string, name: string) {
  return create(WorkflowExecutionGetRequestSchema, { id: { project, domain, name } });
}

export function executionDataRequest(project: string, domain: string, name: string) {
  return create(WorkflowExecutionGetDataRequestSchema, { id: { project, domain, name } });
}

/**
 * CreateExecution; execution lists are refetched once it lands so the new run shows up. FlyteAdmin's
 * PermissionDenied is remembered for the project and domain (relaunch is a launch too).
 */
export function useCreateExecution() {
  const queryClient = useQueryClient();
  return useMutation(createExecution, {
    onError: (error, v) => void refusals.remember("launch", { project: v.project ?? "", domain: v.domain ?? "" }, error),
    onSuccess: () =>
      void queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: AdminService.method.listExecutions, cardinality: undefined }) }),
  });
}
