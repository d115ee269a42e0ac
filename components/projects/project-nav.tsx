"use client";

import { Link } from "@/components/ui/link";
import { consolePath } from "@/lib/flyte/urls";
import { useHydrated } from "@/lib/query/hydrated";
import { useDomains, useProjects } from "@/lib/query/projects";
import { Breadcrumbs } from "@/components/shell/breadcrumbs";
import { useRememberProjectDomain } from "./last-project";
import { SECTION_LABELS, scopeCrumbs, sectionRoute, type ProjectSection } from "./sections";

function Tab({ href, current, children, testId }: { href: string; current: boolean; children: string; testId?: string }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      aria-current={current ? "page" : undefined}
      className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm ${
        current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
      }`}
    >
      {children}
    </Link>
  );
}

/** Breadcrumbs, the project's name and description, and tabs for domains and sections. */
export function ProjectNav({ project, domain, section }: { project: string; domain: string; section: ProjectSection }) {
  useRememberProjectDomain(project, domain);
  const projects = useProjects();
  const domains = useDomains();
  // The header's project switcher asks ListProjects too: its answer may come before this hydrates.
  const hydrated = useHydrated();
  const info = hydrated ? projects.data?.projects.find((p) => p.id === project) : undefined;
  const domainList = info?.domains.length ? info.domains : (domains.data?.domains ?? []);
  return (
    <header className="space-y-3" data-testid="project-nav">
      <Breadcrumbs items={scopeCrumbs(project, domain).map((c, i) => (i === 2 ? { label: c.label } : c))} />
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{info?.name || project}</h1>
        {info?.description ? <p className="mt-0.5 text-sm text-slate-600">{info.description}</p> : null}
      </div>
      <div className="flex flex-wrap items-end justify-between gap-x-6 border-b border-slate-200">
        <nav aria-label="Sections" className="flex gap-1 overflow-x-auto">
          {(Object.keys(SECTION_LABELS) as ProjectSection[]).map((s) => (
            <Tab key={s} href={consolePath(sectionRoute(s, project, domain))} current={s === section} testId={`section-${s}`}>
              {SECTION_LABELS[s]}
            </Tab>
          ))}
        </nav>
        {domainList.length > 0 ? (
          <nav aria-label="Domains" className="flex gap-1">
            {domainList.map((d) => (
              <Tab key={d.id} href={consolePath(sectionRoute(section, project, d.id))} current={d.id === domain}>
                {d.name || d.id}
              </Tab>
            ))}
          </nav>
        ) : null}
      </div>
    </header>
  );
}
