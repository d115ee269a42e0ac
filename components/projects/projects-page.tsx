"use client";

import { useQuery } from "@connectrpc/connect-query";
import Link from "next/link";
import { consolePath } from "@/lib/flyte/urls";
import { listProjects } from "@/lib/query/projects";
import { Breadcrumbs } from "@/components/shell/app-header";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";

export function ProjectsPage() {
  const projects = useQuery(listProjects, {});
  return (
    <section data-testid="projects" className="space-y-4">
      <Breadcrumbs items={[{ label: "Projects" }]} />
      <h1 className="text-xl font-semibold">Projects</h1>
      {projects.isPending ? (
        <LoadingRows label="Loading projects" />
      ) : projects.isError ? (
        <QueryError error={projects.error} retry={() => void projects.refetch()} />
      ) : projects.data.projects.length === 0 ? (
        <EmptyState title="No projects yet" testId="projects-empty">
          Register one with <code className="font-mono">flytectl create project</code>.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {projects.data.projects.map((p) => (
            <li
              key={p.id}
              data-testid="project-card"
              data-project-id={p.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            >
              <h2 className="font-semibold text-slate-900">{p.name || p.id}</h2>
              {p.name && p.name !== p.id ? <p className="font-mono text-xs text-slate-500">{p.id}</p> : null}
              <p className="mt-1 line-clamp-2 text-sm text-slate-600">{p.description || "No description."}</p>
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
