"use client";

// Workflows, tasks or launch plans of a project/domain: names with descriptions and the phases of
// their latest runs, searchable by name (the search is in the URL: ?q=). Workflows and tasks can be
// listed archived instead (?archived=1); launch plans show their schedule and state, with a switch.
import { Link } from "@/components/ui/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { NamedEntityState } from "@/lib/gen/flyteidl/admin/common_pb";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { isSystemGenerated, nameMatchesSearch } from "@/lib/flyte/entities/entity-filters";
import type { EntityKind } from "@/lib/flyte/ids";
import { launchPath } from "@/lib/flyte/launch-urls";
import { consolePath, withBasePath } from "@/lib/flyte/urls";
import { useActiveLaunchPlans, useEntityDescriptions, useNamedEntities } from "@/lib/query/use-entity";
import { ProjectNav } from "@/components/projects/project-nav";
import { SECTION_LABELS } from "@/components/projects/sections";
import { Button } from "@/components/ui/button";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { LaunchPlanRowState } from "./launch-plan-row-state";
import { RunStrip } from "./run-strip";
import { useInView } from "./use-in-view";

export const KIND_LABEL: Record<EntityKind, string> = { workflow: "Workflow", task: "Task", launch_plan: "Launch plan" };

const LAUNCH_KEY: Record<EntityKind, "workflow" | "task" | "launchPlan"> = { workflow: "workflow", task: "task", launch_plan: "launchPlan" };

export function entityLaunchHref(kind: EntityKind, project: string, domain: string, name: string, version?: string): string {
  const key = LAUNCH_KEY[kind];
  const target = key === "workflow" ? { workflow: name, version } : key === "task" ? { task: name, version } : { launchPlan: name, version };
  return launchPath({ project, domain, ...target });
}

/** Writes one query parameter with native history (Next.js syncs useSearchParams without a server round trip). */
function useQueryParamWriter() {
  const params = useSearchParams();
  const pathname = usePathname();
  return useCallback(
    (key: string, value: string | undefined) => {
      const next = new URLSearchParams(params);
      if (value) next.set(key, value);
      else next.delete(key);
      const qs = next.toString();
      // usePathname leaves the base path out; the browser's history needs the whole path.
      window.history.replaceState(null, "", withBasePath(`${pathname}${qs ? `?${qs}` : ""}`));
    },
    [params, pathname],
  );
}

/** The search box's value, written to ?q= a moment after typing stops. */
function useSearchTerm(): [string, (v: string) => void, string] {
  const params = useSearchParams();
  const write = useQueryParamWriter();
  const committed = params.get("q") ?? "";
  const [draft, setDraft] = useState(committed);
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
  }
  useEffect(() => {
    if (draft.trim() === committed) return;
    const t = setTimeout(() => write("q", draft.trim() || undefined), 250);
    return () => clearTimeout(t);
  }, [draft, committed, write]);
  return [draft, setDraft, committed];
}

function EntityRow({
  kind,
  project,
  domain,
  name,
  description,
  archived,
  launchPlanState,
}: {
  kind: EntityKind;
  project: string;
  domain: string;
  name: string;
  description: string;
  archived: boolean;
  /** Launch plans only: the active version (if any) and whether the list of active versions arrived. */
  launchPlanState?: { active: LaunchPlan | undefined; loaded: boolean };
}) {
  const [ref, inView] = useInView<HTMLLIElement>();
  return (
    <li
      ref={ref}
      data-testid="entity-row"
      data-entity-name={name}
      data-archived={archived || undefined}
      className={`grid ${launchPlanState ? "grid-cols-[minmax(0,1fr)_20rem_auto_auto]" : "grid-cols-[minmax(0,1fr)_auto_auto]"} items-center gap-6 border-t border-slate-100 px-4 py-3 first:border-t-0 hover:bg-slate-50`}
    >
      <div className="min-w-0">
        <div className="flex min-w-0 items-center gap-2">
          <Link prefetch={false} href={consolePath({ page: "entity", kind, project, domain, name })} className="block truncate font-mono text-sm font-medium text-indigo-700 hover:underline" title={name}>
            {name}
          </Link>
          {archived ? <span className="shrink-0 rounded bg-slate-200 px-1.5 py-0.5 text-[11px] font-medium text-slate-700">Archived</span> : null}
        </div>
        <p className={`truncate text-sm ${description ? "text-slate-600" : "text-slate-500"}`} title={description}>
          {description || "No description"}
        </p>
      </div>
      {launchPlanState ? (
        <LaunchPlanRowState project={project} domain={domain} name={name} active={launchPlanState.active} activesLoaded={launchPlanState.loaded} inView={inView} />
      ) : null}
      <RunStrip kind={kind} project={project} domain={domain} name={name} enabled={inView} />
      <Link
        prefetch={false}
        href={entityLaunchHref(kind, project, domain, name)}
        className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 hover:border-indigo-400 hover:text-indigo-700"
        aria-label={`Launch ${name}`}
      >
        Launch
      </Link>
    </li>
  );
}

export function EntityListPage({ kind, project, domain }: { kind: EntityKind; project: string; domain: string }) {
  const [draft, setDraft, term] = useSearchTerm();
  const params = useSearchParams();
  const write = useQueryParamWriter();
  // Launch plans have no archived state of their own in the old console's sense: only workflows and tasks offer it.
  const canArchive = kind !== "launch_plan";
  // The box follows a click at once; the URL (?archived=1) follows it, and Back/Forward lead it.
  const archivedInUrl = canArchive && params.get("archived") === "1";
  const [archived, setArchived] = useState(archivedInUrl);
  const [urlSeen, setUrlSeen] = useState(archivedInUrl);
  if (urlSeen !== archivedInUrl) {
    setUrlSeen(archivedInUrl);
    setArchived(archivedInUrl);
  }
  const list = useNamedEntities(kind, project, domain, term, archived);
  const actives = useActiveLaunchPlans(project, domain, kind === "launch_plan");
  const activeByName = useMemo(() => new Map((actives.data?.launchPlans ?? []).map((lp) => [lp.id?.name ?? "", lp])), [actives.data]);
  // Blurbs for names that carry no description of their own (FlyteAdmin may refuse a list without a
  // name; then there are none). Launch plans have no description entities: a default launch plan
  // shares its workflow's name, so it borrows the workflow's.
  const descriptions = useEntityDescriptions(kind === "launch_plan" ? "workflow" : kind, project, domain);
  const blurbs = useMemo(() => {
    const m = new Map<string, string>();
    for (const d of descriptions.data?.descriptionEntities ?? []) {
      const n = d.id?.name ?? "";
      if (n && d.shortDescription && !m.has(n)) m.set(n, d.shortDescription);
    }
    return m;
  }, [descriptions.data]);
  const rows = useMemo(
    () =>
      (list.data?.pages ?? [])
        .flatMap((p) => p.entities)
        .filter((e) => !isSystemGenerated(e.id?.name ?? "") && nameMatchesSearch(term, e.id?.name ?? "")),
    [list.data, term],
  );
  const plural = `${archived ? "archived " : ""}${SECTION_LABELS[kind].toLowerCase()}`;

  return (
    <section data-testid={`entity-list-${kind}`} className="space-y-4">
      <ProjectNav project={project} domain={domain} section={kind} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <input
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={`Search ${plural} by name`}
          aria-label={`Search ${plural} by name`}
          data-testid="entity-search"
          className="w-96 max-w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
        />
        {canArchive ? (
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            <input type="checkbox" checked={archived} onChange={(e) => {
                setArchived(e.target.checked);
                write("archived", e.target.checked ? "1" : undefined);
              }} data-testid="show-archived" />
            Show archived
          </label>
        ) : null}
        <p className="ml-auto text-xs text-slate-500">
          {list.data ? `${rows.length}${list.hasNextPage ? "+" : ""} ${rows.length === 1 ? KIND_LABEL[kind].toLowerCase() : plural}` : ""}
          {term ? ` matching “${term}”` : ""} · latest runs, oldest → newest
        </p>
      </div>
      {list.isPending ? (
        <LoadingRows label={`Loading ${plural}`} rows={8} />
      ) : list.isError && !list.data ? (
        <QueryError error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        term ? (
          <EmptyState title={`No ${plural} match “${term}”`} testId="entities-empty">
            Names are matched as typed (case-sensitive).{" "}
            <button type="button" className="text-indigo-700 hover:underline" onClick={() => setDraft("")}>
              Clear the search
            </button>
          </EmptyState>
        ) : archived ? (
          <EmptyState title={`No archived ${SECTION_LABELS[kind].toLowerCase()} in ${project}/${domain}`} testId="entities-empty" />
        ) : (
          <EmptyState title={`No ${plural} registered in ${project}/${domain}`} testId="entities-empty">
            Register some with <code className="font-mono">pyflyte register</code>.
          </EmptyState>
        )
      ) : (
        <>
          <ul className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={SECTION_LABELS[kind]}>
            {rows.map((e) => {
              const name = e.id?.name ?? "";
              return (
                <EntityRow
                  key={name}
                  kind={kind}
                  project={project}
                  domain={domain}
                  name={name}
                  description={e.metadata?.description || blurbs.get(name) || ""}
                  archived={e.metadata?.state === NamedEntityState.NAMED_ENTITY_ARCHIVED}
                  launchPlanState={kind === "launch_plan" ? { active: activeByName.get(name), loaded: !!actives.data || actives.isError } : undefined}
                />
              );
            })}
          </ul>
          {list.isError ? <QueryError error={list.error} retry={() => void list.fetchNextPage()} /> : null}
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? "Loading…" : `Load more ${plural}`}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
