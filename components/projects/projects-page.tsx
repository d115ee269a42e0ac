"use client";

import { Link } from "@/components/ui/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { consolePath, withBasePath } from "@/lib/flyte/urls";
import { useProjects } from "@/lib/query/projects";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { useLastProjectDomain } from "./last-project";

/**
 * `/console`: opens the project/domain a person last worked in; `/console?all=1` (the "Projects"
 * crumb) always lists every project.
 */
export function ProjectsPage() {
  const projects = useProjects();
  const router = useRouter();
  const params = useSearchParams();
  const listAll = params.has("all");
  // A search in the link means the person wants the list, not the last project.
  const searching = params.has("q");
  const last = useLastProjectDomain();
  // The search is in the URL (?q=), so a filtered list can be shared and survives a reload.
  const [filter, setFilterState] = useState(() => params.get("q") ?? "");
  const setFilter = (value: string) => {
    setFilterState(value);
    const next = new URLSearchParams(window.location.search);
    if (value.trim()) next.set("q", value.trim());
    else next.delete("q");
    const qs = next.toString();
    window.history.replaceState(null, "", withBasePath(`/${qs ? `?${qs}` : ""}`));
  };

  const resume = useMemo(() => {
    if (listAll || searching || !last.value || !projects.data) return undefined;
    const p = projects.data.projects.find((x) => x.id === last.value!.project);
    return p?.domains.some((d) => d.id === last.value!.domain) ? last.value : undefined;
  }, [listAll, searching, last.value, projects.data]);

  useEffect(() => {
    if (resume) router.replace(consolePath({ page: "executions", ...resume }));
  }, [resume, router]);

  const shown = useMemo(() => {
    const term = filter.trim().toLowerCase();
    const all = projects.data?.projects ?? [];
    return term ? all.filter((p) => `${p.id} ${p.name} ${p.description}`.toLowerCase().includes(term)) : all;
  }, [projects.data, filter]);

  const deciding = !listAll && !searching && (!last.ready || (last.value && projects.isPending) || resume);

  return (
    <section data-testid="projects" className="space-y-4">
      <Breadcrumbs items={[{ label: "Projects" }]} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold">Projects</h1>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Search projects by name, id or description"
          aria-label="Search projects"
          data-testid="project-search"
          className="w-80 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
        />
      </div>
      {projects.isPending || deciding ? (
        <LoadingRows label="Loading projects" />
      ) : projects.isError ? (
        <QueryError error={projects.error} retry={() => void projects.refetch()} />
      ) : projects.data.projects.length === 0 ? (
        <EmptyState title="No projects yet" testId="projects-empty">
          Register one with <code className="font-mono">flytectl create project</code>.
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title={`No project matches “${filter.trim()}”`} testId="projects-no-match">
          <button type="button" className="text-indigo-700 hover:underline" onClick={() => setFilter("")}>
            Clear the search
          </button>
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((p) => (
            <li
              key={p.id}
              data-testid="project-card"
              data-project-id={p.id}
              className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h2 className="font-semibold text-slate-900">{p.name || p.id}</h2>
              {p.name && p.name !== p.id ? <p className="font-mono text-xs text-slate-500">{p.id}</p> : null}
              <p className="mt-1 line-clamp-2 flex-1 text-sm text-slate-600">{p.description || "No description."}</p>
              <ul className="mt-3 flex flex-wrap gap-2" aria-label={`Domains of ${p.name || p.id}`}>
                {p.domains.map((d) => (
                  <li key={d.id}>
                    <Link
                      href={consolePath({ page: "executions", project: p.id, domain: d.id })}
                      className="rounded-full border border-slate-300 px-2.5 py-0.5 text-xs text-slate-700 hover:border-indigo-400 hover:text-indigo-700"
                    >
                      {d.name || d.id}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
