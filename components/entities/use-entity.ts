"use client";

// One entity's versions (newest first, paged) and the version shown. The three kinds answer with
// different messages, so each has its own query and only the page's kind runs.
import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { useMemo } from "react";
import type { EntityKind } from "@/lib/flyte/ids";
import { versionRows, type AnyEntity } from "@/lib/flyte/entities/versions";
import {
  entityGetRequest,
  getLaunchPlan,
  getTask,
  getWorkflow,
  listLaunchPlans,
  listTasks,
  listWorkflows,
  versionListRequest,
} from "@/lib/query/entities";
import { IMMUTABLE } from "@/lib/query/execution-view";

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
