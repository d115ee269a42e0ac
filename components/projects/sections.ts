// A project's sections (executions, failures, the entity lists, the domain's settings) and where each one lives.
import type { EntityKind } from "@/lib/flyte/ids";
import { consolePath, type PageRoute } from "@/lib/flyte/urls";

export type ProjectSection = "executions" | "failures" | EntityKind | "settings";

export const SECTION_LABELS: Record<ProjectSection, string> = {
  executions: "Executions",
  failures: "Failures",
  workflow: "Workflows",
  task: "Tasks",
  launch_plan: "Launch plans",
  settings: "Settings",
};

/** The page of a section in a project/domain. */
export function sectionRoute(section: ProjectSection, project: string, domain: string): PageRoute {
  if (section === "executions") return { page: "executions", project, domain };
  if (section === "settings") return { page: "settings", project, domain };
  if (section === "failures") return { page: "failures", project, domain };
  return { page: "entities", kind: section, project, domain };
}

/** Link to the projects list that does not jump back to the remembered project. */
export const ALL_PROJECTS_HREF = "/?all=1";

/**
 * The breadcrumbs every page under a project and domain starts with, spelled one way:
 * Projects / <project> / <domain>, the last two leading to the domain's executions.
 */
export function scopeCrumbs(project: string, domain: string): { label: string; href?: string }[] {
  const executions = consolePath({ page: "executions", project, domain });
  return [
    { label: "Projects", href: ALL_PROJECTS_HREF },
    { label: project, href: executions },
    { label: domain, href: executions },
  ];
}
