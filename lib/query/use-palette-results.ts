"use client";

// What the palette offers for a term: projects (filtered here), and the current project/domain's
// workflows, tasks, launch plans and executions whose names contain the term, case aside.
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { useMemo } from "react";
import { cleanTerm, containsIgnoringCase, MIN_SEARCH_CHARS, paletteNames, rankByName } from "@/lib/flyte/entities/search";
import type { EntityKind } from "@/lib/flyte/ids";
import { workflowPhase, type PhaseInfo } from "@/lib/flyte/phases";
import { consolePath, executionPath } from "@/lib/flyte/urls";
import { listNamedEntities, namedEntityListRequest } from "./entities";
import { executionSearchRequest, listExecutions } from "./executions";
import { listProjects } from "./projects";

export interface PaletteItem {
  id: string;
  kind: "project" | EntityKind | "execution";
  label: string;
  detail?: string;
  href: string;
  phase?: PhaseInfo;
}

const PER_KIND = 8;
const QUIET = { staleTime: 30_000, retry: false } as const;

/** Names of one kind per scope the palette reads at once and matches itself, case aside (FlyteAdmin's `contains` cannot). */
const LISTED = 2000;

const namesOf = (list: { entities: { id?: { name: string } }[] } | undefined) => (list?.entities ?? []).map((e) => e.id?.name ?? "");

function useEntities(kind: EntityKind, scope: { project: string; domain: string } | undefined, term: string) {
  const on = !!scope && term.length >= MIN_SEARCH_CHARS;
  const listed = useQuery(listNamedEntities, scope ? namedEntityListRequest(kind, scope.project, scope.domain, "", LISTED) : skipToken, {
    staleTime: 60_000,
    retry: false,
  });
  // A scope with more names than one list: FlyteAdmin also looks for the term as typed among the rest.
  const cut = !!listed.data?.token;
  const typed = useQuery(listNamedEntities, scope && on && cut ? namedEntityListRequest(kind, scope.project, scope.domain, term, PER_KIND * 3) : skipToken, QUIET);
  const items = useMemo<PaletteItem[]>(() => {
    if (!scope || !on) return [];
    return paletteNames(term, namesOf(listed.data), namesOf(typed.data))
      .slice(0, PER_KIND)
      .map((name) => ({ id: `${kind}:${name}`, kind, label: name, href: consolePath({ page: "entity", kind, project: scope.project, domain: scope.domain, name }) }));
  }, [listed.data, typed.data, scope, on, term, kind]);
  return { items, loading: on && (listed.isFetching || typed.isFetching), error: listed.error ?? typed.error ?? undefined };
}

export function usePaletteResults(rawTerm: string, scope: { project: string; domain: string } | undefined) {
  const term = cleanTerm(rawTerm);
  const projects = useQuery(listProjects, {}, { staleTime: 60_000 });
  const workflows = useEntities("workflow", scope, term);
  const tasks = useEntities("task", scope, term);
  const launchPlans = useEntities("launch_plan", scope, term);
  const searchExecutions = scope && term.length >= MIN_SEARCH_CHARS;
  const executions = useQuery(
    listExecutions,
    searchExecutions ? executionSearchRequest(scope.project, scope.domain, term, PER_KIND) : skipToken,
    QUIET,
  );

  const projectItems = useMemo<PaletteItem[]>(() => {
    const all = projects.data?.projects ?? [];
    const matches = term ? rankByName(all, term, (p) => `${p.id} ${p.name}`) : all;
    return matches.flatMap((p) =>
      p.domains.map((d) => ({
        id: `project:${p.id}/${d.id}`,
        kind: "project" as const,
        label: `${p.name || p.id} / ${d.name || d.id}`,
        detail: p.description,
        href: consolePath({ page: "executions", project: p.id, domain: d.id }),
      })),
    ).slice(0, term ? PER_KIND : 12);
  }, [projects.data, term]);

  const executionItems = useMemo<PaletteItem[]>(
    () =>
      rankByName((executions.data?.executions ?? []).filter((e) => containsIgnoringCase(term, e.id?.name ?? "")), term, (e) => e.id?.name ?? "").map((e) => ({
        id: `execution:${e.id?.name}`,
        kind: "execution" as const,
        label: e.id?.name ?? "",
        detail: e.spec?.launchPlan?.name || e.closure?.workflowId?.name,
        href: executionPath({ project: e.id?.project ?? "", domain: e.id?.domain ?? "", name: e.id?.name ?? "" }),
        phase: workflowPhase(e.closure?.phase ?? 0),
      })),
    [executions.data, term],
  );

  return {
    term,
    groups: [
      { heading: "Workflows", items: workflows.items },
      { heading: "Launch plans", items: launchPlans.items },
      { heading: "Tasks", items: tasks.items },
      { heading: "Executions", items: executionItems },
      { heading: "Projects", items: projectItems },
    ],
    loading: workflows.loading || tasks.loading || launchPlans.loading || (!!searchExecutions && executions.isFetching) || projects.isPending,
    error: workflows.error ?? tasks.error ?? launchPlans.error ?? executions.error ?? projects.error ?? undefined,
  };
}
