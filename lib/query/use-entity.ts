"use client";

// The entity pages' queries: one entity's versions (newest first, paged) and the version shown, its
// metadata and description, its runs, the list of entities, and switching a launch plan on or off.
// The three kinds answer with different messages, so each has its own query and only the page's kind runs.
import { createConnectQueryKey, skipToken, useInfiniteQuery, useMutation, useQuery } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { isSystemGenerated } from "@/lib/flyte/entities/entity-filters";
import type { EntityKind } from "@/lib/flyte/ids";
import { versionRows, type AnyEntity } from "@/lib/flyte/entities/versions";
import {
  activeLaunchPlansRequest,
  descriptionListRequest,
  entityExecutionsRequest,
  entityGetRequest,
  getDescriptionEntity,
  getLaunchPlan,
  getNamedEntity,
  getTask,
  getWorkflow,
  listActiveLaunchPlans,
  listDescriptionEntities,
  listLaunchPlans,
  listNamedEntities,
  listTasks,
  listWorkflows,
  namedEntityGetRequest,
  namedEntityListRequest,
  updateLaunchPlan,
  versionListRequest,
} from "./entities";
import { IMMUTABLE } from "./execution-view";
import { listExecutions } from "./executions";
import { refusals } from "./permissions";
import { ENTITY_REFRESH_MS, refreshFirstPagesWhileVisible } from "./refresh";

const PAGED = { pageParamKey: "token" as const, getNextPageParam: (last: { token: string }) => last.token || undefined };

export function useEntityVersions(kind: EntityKind, project: string, domain: string, name: string) {
  const req = versionListRequest(project, domain, name);
  const wf = useInfiniteQuery(listWorkflows, kind === "workflow" ? req : skipToken, PAGED);
  const task = useInfiniteQuery(listTasks, kind === "task" ? req : skipToken, PAGED);
  const lp = useInfiniteQuery(listLaunchPlans, kind === "launch_plan" ? req : skipToken, PAGED);
  const query = kind === "workflow" ? wf : kind === "task" ? task : lp;
  const entities = useMemo<AnyEntity[]>(() => {
    if (kind === "workflow") return (wf.data?.pages ?? []).flatMap((p) => p.workflows.map((value) => ({ kind, value })));
    if (kind === "task") return (task.data?.pages ?? []).flatMap((p) => p.tasks.map((value) => ({ kind, value })));
    return (lp.data?.pages ?? []).flatMap((p) => p.launchPlans.map((value) => ({ kind: "launch_plan" as const, value })));
  }, [kind, wf.data, task.data, lp.data]);
  const rows = useMemo(() => versionRows(entities), [entities]);
  return {
    rows,
    isPending: query.isPending,
    error: query.isError ? query.error : undefined,
    refetch: () => void query.refetch(),
    hasMore: query.hasNextPage,
    loadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

/** One registered version (immutable once fetched). */
export function useEntityVersion(kind: EntityKind, project: string, domain: string, name: string, version: string | undefined) {
  const req = version ? entityGetRequest(kind, project, domain, name, version) : undefined;
  const workflow = useQuery(getWorkflow, kind === "workflow" && req ? req : skipToken, IMMUTABLE);
  const task = useQuery(getTask, kind === "task" && req ? req : skipToken, IMMUTABLE);
  const launchPlan = useQuery(getLaunchPlan, kind === "launch_plan" && req ? req : skipToken, { staleTime: 10_000 });
  // A workflow's defaults live on its default launch plan (same name and version); absent is fine.
  const defaultLaunchPlan = useQuery(getLaunchPlan, kind === "workflow" && version ? entityGetRequest("launch_plan", project, domain, name, version) : skipToken, {
    ...IMMUTABLE,
    retry: false,
  });
  const query = kind === "workflow" ? workflow : kind === "task" ? task : launchPlan;
  return {
    workflow: workflow.data,
    task: task.data,
    launchPlan: launchPlan.data,
    defaultLaunchPlan: defaultLaunchPlan.data,
    defaultsPending: kind === "workflow" && defaultLaunchPlan.isPending,
    isPending: query.isPending,
    error: query.isError ? query.error : undefined,
    refetch: () => void query.refetch(),
  };
}

/** A named entity's metadata; absent is fine (no retry). */
export function useNamedEntity(kind: EntityKind, project: string, domain: string, name: string) {
  return useQuery(getNamedEntity, namedEntityGetRequest(kind, project, domain, name), { retry: false, staleTime: 60_000 });
}

/** The description of one version of a workflow or task (launch plans have none); absent is fine. */
export function useEntityDescription(kind: EntityKind, project: string, domain: string, name: string, version: string | undefined) {
  return useQuery(getDescriptionEntity, kind !== "launch_plan" && version ? entityGetRequest(kind, project, domain, name, version) : skipToken, {
    ...IMMUTABLE,
    retry: false,
  });
}

export const ENTITY_EXECUTIONS_PAGE_SIZE = 25;

/** An entity's runs, paged, the first page refreshed while the tab is visible. */
export function useEntityExecutions(kind: EntityKind, project: string, domain: string, name: string, version?: string) {
  return useInfiniteQuery(listExecutions, entityExecutionsRequest(kind, project, domain, name, version, ENTITY_EXECUTIONS_PAGE_SIZE), {
    ...PAGED,
    ...refreshFirstPagesWhileVisible(ENTITY_REFRESH_MS, 1),
  });
}

/** An entity's latest `limit` runs (the list page's strip), once `enabled`. */
export function useLatestRuns(kind: EntityKind, project: string, domain: string, name: string, limit: number, enabled: boolean) {
  return useQuery(listExecutions, entityExecutionsRequest(kind, project, domain, name, undefined, limit), { enabled, staleTime: 30_000 });
}

/** Named entities of a kind whose name contains `search` (active ones, or archived ones), paged. */
export function useNamedEntities(kind: EntityKind, project: string, domain: string, search: string, archived = false) {
  return useInfiniteQuery(listNamedEntities, namedEntityListRequest(kind, project, domain, search, undefined, archived), PAGED);
}

/** The latest descriptions of a kind's entities; FlyteAdmin may refuse the list (no retry). */
export function useEntityDescriptions(kind: EntityKind, project: string, domain: string) {
  return useQuery(listDescriptionEntities, descriptionListRequest(kind, project, domain), { retry: false, staleTime: 60_000 });
}

/**
 * UpdateLaunchPlan (activate or deactivate); launch plans are refetched before it settles. FlyteAdmin's
 * PermissionDenied is remembered for the project and domain, so the toggles say why they are off.
 */
export function useUpdateLaunchPlan({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation(updateLaunchPlan, {
    onError: (error, v) => void refusals.remember("activate", { project: v.id?.project ?? "", domain: v.id?.domain ?? "" }, error),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: getLaunchPlan, cardinality: undefined }) }),
        queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: listLaunchPlans, cardinality: undefined }) }),
        queryClient.invalidateQueries({ queryKey: createConnectQueryKey({ schema: listActiveLaunchPlans, cardinality: undefined }) }),
      ]);
      onSuccess?.();
    },
  });
}

/** Every active launch plan version of a project/domain (the list's states and schedules). */
export function useActiveLaunchPlans(project: string, domain: string, enabled: boolean) {
  return useQuery(listActiveLaunchPlans, enabled ? activeLaunchPlansRequest(project, domain) : skipToken, { staleTime: 30_000 });
}

/** A launch plan's newest version (what Activate switches on when none is active), once `enabled`. */
export function useLatestLaunchPlan(project: string, domain: string, name: string, enabled: boolean) {
  return useQuery(listLaunchPlans, enabled ? versionListRequest(project, domain, name, 1) : skipToken, { staleTime: 30_000 });
}

/** Up to 200 names of a kind in a project/domain, without system-generated ones (the dashboard's filter suggestions). */
export function useEntityNames(kind: "workflow" | "launch_plan", project: string, domain: string): string[] {
  const list = useQuery(listNamedEntities, namedEntityListRequest(kind, project, domain, "", 200), { staleTime: 60_000 });
  return useMemo(() => (list.data?.entities ?? []).map((e) => e.id?.name ?? "").filter((n) => n && !isSystemGenerated(n)), [list.data]);
}
