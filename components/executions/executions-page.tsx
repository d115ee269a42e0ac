"use client";

import { Dashboard } from "@/components/dashboard/dashboard";
import type { FirstPage } from "@/lib/query/dashboard";
import { ProjectNav } from "@/components/projects/project-nav";

/** The project dashboard: a domain's executions with counts, a chart and filters. */
export function ExecutionsPage({ project, domain, firstPage }: { project: string; domain: string; firstPage?: FirstPage }) {
  return (
    <section data-testid="executions" className="space-y-4">
      <ProjectNav project={project} domain={domain} section="executions" />
      <Dashboard project={project} domain={domain} firstPage={firstPage} />
    </section>
  );
}
