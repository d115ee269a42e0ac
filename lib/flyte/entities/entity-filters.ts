// FlyteAdmin filters for an entity's executions and for entity lists. Pure.
import { filters as f, formatFilters, type FilterExpression } from "../filters";
import type { EntityKind } from "../ids";

/** The execution field prefix FlyteAdmin joins on for each entity kind. */
const EXECUTION_ENTITY_FIELD: Record<EntityKind, string> = {
  workflow: "workflow",
  task: "task",
  launch_plan: "launch_plan",
};

/** Active (not archived) executions of one entity, optionally of one version. */
export function entityExecutionsFilter(kind: EntityKind, name: string, version?: string): string {
  const prefix = EXECUTION_ENTITY_FIELD[kind];
  const out: FilterExpression[] = [f.eq(`${prefix}.name`, name)];
  if (version) out.push(f.eq(`${prefix}.version`, version));
  out.push(f.eq("state", 0));
  return formatFilters(out);
}

/**
 * The dashboard URL query that shows the same executions, when the dashboard has a filter for this
 * kind (it filters by workflow and launch plan, not task).
 */
export function entityDashboardQuery(kind: EntityKind, name: string, version?: string): Record<string, string> | undefined {
  if (kind === "task") return undefined;
  const q: Record<string, string> = kind === "workflow" ? { workflow: name } : { launchPlan: name };
  if (version) q.version = version;
  return q;
}

/**
 * Named-entity list filter: active entities, optionally whose name contains `search`
 * (FlyteAdmin's contains is a case-sensitive LIKE).
 */
export function namedEntityFilter(search = ""): string {
  const out: FilterExpression[] = [f.eq("state", 0)];
  const term = search.trim().replace(/;/g, "");
  if (term) out.push(f.contains("name", term));
  return formatFilters(out);
}

/**
 * flytekit registers a `.flytegen.<task>` workflow for every task launched on its own. FlyteAdmin
 * hides them from unfiltered lists only, so the console hides them itself.
 */
export function isSystemGenerated(name: string): boolean {
  return name.startsWith(".flytegen.");
}
