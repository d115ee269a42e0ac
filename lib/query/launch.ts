"use client";

// The launch form's calls: versions of what is launched, the launch plan or task itself, the
// execution a relaunch copies, and CreateExecution. Fetch only; lib/flyte/launch shapes.
import { create } from "@bufbuild/protobuf";
import { createConnectQueryKey, skipToken, useMutation, useQuery } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { ResourceListRequestSchema, Sort_Direction, type ObjectGetRequest, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { workflowLaunchPlansFilter } from "@/lib/flyte/entities/entity-filters";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { getLaunchPlan, getTask, listLaunchPlans, listTasks, listWorkflows, versionListRequest } from "./entities";
import { executionDataRequest, getExecutionData } from "./executions";
import { refusals } from "./permissions";

// Versions and single entities are requested as the entity pages do.
export { entityGetRequest, getLaunchPlan, getTask, listLaunchPlans, listTasks, listWorkflows, versionListRequest } from "./entities";
export { executionDataRequest, executionGetRequest, getExecution, getExecutionData } from "./executions";
export { objectGetRequest } from "./workflows";
export const createExecution = AdminService.method.createExecution;

export type LaunchKind = "launchPlan" | "workflow" | "task";

/** How many launch plans of one workflow version the picker offers. */
export const WORKFLOW_LAUNCH_PLANS_LIMIT = 200;

/** The launch plans of one workflow version, by name (the launch page's launch plan picker). */
export function workflowLaunchPlansRequest(project: string, domain: string, workflow: string, version: string): ResourceListRequest {
  return create(ResourceListRequestSchema, {
    id: { project, domain },
    limit: WORKFLOW_LAUNCH_PLANS_LIMIT,
    filters: workflowLaunchPlansFilter(workflow, version),
    sortBy: { key: "name", direction: Sort_Direction.ASCENDING },
  });
}

/** The launch plans of one workflow version, once a version is chosen. */
export function useWorkflowLaunchPlans(project: string, domain: string, workflow: string, version: string | undefined) {
  return useQuery(listLaunchPlans, version ? workflowLaunchPlansRequest(project, domain, workflow, version) : skipToken, { staleTime: 60_000 });
}

export const LAUNCH_VERSIONS_LIMIT = 50;

/** Versions of what is launched, newest first: a workflow's (its default launch plan shares them), a launch plan's or a task's. */
export function useLaunchVersions(kind: LaunchKind, project: string, domain: string, name: string) {
  const request = versionListRequest(project, domain, name, LAUNCH_VERSIONS_LIMIT);
  const opts = { staleTime: 60_000 };
  const lps = useQuery(listLaunchPlans, request, { ...opts, enabled: kind === "launchPlan" });
  const wfs = useQuery(listWorkflows, request, { ...opts, enabled: kind === "workflow" });
  const tasks = useQuery(listTasks, request, { ...opts, enabled: kind === "task" });
  const q = kind === "launchPlan" ? lps : kind === "workflow" ? wfs : tasks;
  const items = kind === "launchPlan" ? lps.data?.launchPlans : kind === "workflow" ? wfs.data?.workflows : tasks.data?.tasks;
  return {
    data: items?.map((e) => e.id?.version ?? "").filter(Boolean),
    isPending: q.isPending,
    error: q.error,
    refetch: q.refetch,
  };
}

/**
 * The launch plan (GetLaunchPlan) or the task (GetTask) that `request` names, once `enabled`; the
 * other query stays off. Registered versions never change.
 */
export function useLaunchTarget(request: ObjectGetRequest, isTask: boolean, enabled: boolean) {
  const launchPlan = useQuery(getLaunchPlan, request, { enabled: enabled && !isTask, staleTime: Infinity });
  const task = useQuery(getTask, request, { enabled: enabled && isTask, staleTime: Infinity });
  return { launchPlan, task };
}

/** An execution's inputs (and outputs), which a relaunch starts from. */
export function useExecutionData(project: string, domain: string, name: string) {
  return useQuery(getExecutionData, executionDataRequest(project, domain, name));
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
