"use client";
// Versions of what is launched, newest first: a workflow's versions (its default launch plan shares
// them), a launch plan's or a task's.
import { useQuery } from "@connectrpc/connect-query";
import { LAUNCH_VERSIONS_LIMIT, listLaunchPlans, listTasks, listWorkflows, versionListRequest, type LaunchKind } from "@/lib/query/launch";

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
