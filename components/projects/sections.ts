// A project's sections (executions and the entity lists) and where each one lives.
import type { EntityKind } from "@/lib/flyte/ids";
import type { PageRoute } from "@/lib/flyte/urls";

export type ProjectSection = "executions" | EntityKind;

export const SECTION_LABELS: Record<ProjectSection, string> = {
  executions: "Executions",
  workflow: "Workflows",
  task: "Tasks",
  launch_plan: "Launch plans",
};

/** The list page of a section in a project/domain. */
export function sectionRoute(section: ProjectSection, project: string, domain: string): PageRoute {
  return section === "executions"
    ? { page: "executions", project, domain }
    : { page: "entities", kind: section, project, domain };
}

/** Link to the projects list that does not jump back to the remembered project. */
export const ALL_PROJECTS_HREF = "/?all=1";
