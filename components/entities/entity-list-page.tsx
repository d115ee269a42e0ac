"use client";

// Workflows, tasks or launch plans of a project/domain: names with descriptions and the phases of
// their latest runs, searchable by name (the search is in the URL: ?q=).
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { isSystemGenerated, nameMatchesSearch } from "@/lib/flyte/entities/entity-filters";
import type { EntityKind } from "@/lib/flyte/ids";
import { launchPath } from "@/lib/flyte/launch-urls";
import { consolePath } from "@/lib/flyte/urls";
import { useEntityDescriptions, useNamedEntities } from "@/lib/query/use-entity";
import { ProjectNav } from "@/components/projects/project-nav";
import { SECTION_LABELS } from "@/components/projects/sections";
import { Button } from "@/components/ui/button";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { RunStrip } from "./run-strip";
import { useInView } from "./use-in-view";

export const KIND_LABEL: Record<EntityKind, string> = { workflow: "Workflow", task: "Task", launch_plan: "Launch plan" };

const LAUNCH_KEY: Record<EntityKind, "workflow" | "task" | "launchPlan"> = { workflow: "workflow", task: "task", launch_plan: "launchPlan" };

export function entityLaunchHref(kind: EntityKind, project: string, domain: string, name: string, version?: string): string {
  const key = LAUNCH_KEY[kind];
  const target = key === "workflow" ? { workflow: name, version } : key === "task" ? { task: name, version } : { launchPlan: name, version };
  return launchPath({ project, domain, ...target });
}

/** The search box's value, written to ?q= a moment after typing stops. */
function useSearchTerm(): [string, (v: string) => void, string] {
  const params = useSearchParams();
  const pathname = usePathname();
  const committed = params.get("q") ?? "";
  const [draft, setDraft] = useState(committed);
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
  }
  useEffect(() => {
    if (draft.trim() === committed) return;
    const t = setTimeout(() => {
      const next = new URLSearchParams(params);
      if (draft.trim()) next.set("q", draft.trim());
      else next.delete("q");
      const qs = next.toString();
      // Native history: Next.js syncs useSearchParams without a server round trip.
      window.history.replaceState(null, "", `${pathname}${qs ? `?${qs}` : ""}`);
    }, 250);
    return () => clearTimeout(t);
  }, [draft, committed, params, pathname]);
  return [draft, setDraft, committed];
}

function EntityRow({ kind, project, domain, name, description }: { kind: EntityKind; project: string; domain: string; name: string; description: string }) {
  const [ref, inView] = useInView<HTMLLIElement>();
  return (
    <li ref={ref} data-testid="entity-row" data-entity-name={name} className="grid grid-cols-[minmax(0,1fr)_auto_auto] items-center gap-6 border-t border-slate-100 px-4 py-3 first:border-t-0 hover:bg-slate-50">
      <div className="min-w-0">
        <Link prefetch={false} href={consolePath({ page: "entity", kind, project, domain, name })} className="block truncate font-mono text-sm font-medium text-indigo-700 hover:underline" title={name}>
          {name}
        </Link>
        <p className={`truncate text-sm ${description ? "text-slate-600" : "text-slate-400"}`} title={description}>
          {description || "No description"}
        </p>
      </div>
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
  const list = useNamedEntities(kind, project, domain, term);
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
  const plural = SECTION_LABELS[kind].toLowerCase();

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
        <p className="text-xs text-slate-500">
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
              return <EntityRow key={name} kind={kind} project={project} domain={domain} name={name} description={e.metadata?.description || blurbs.get(name) || ""} />;
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
