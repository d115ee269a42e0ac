// FlyteAdmin filters for an entity's executions and for entity lists. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { filters as f, formatFilters, supersetFilter, type FilterExpression } from "../filters";
import type { EntityKind } from "../ids";

/** The execution field prefix FlyteAdmin joins on for each entity kind. */
const EXECUTION_ENTITY_FIELD: Record<EntityKind, string> = {
  workflow: "workflow",
  task: "task",
  launch_plan: "launch_plan",
};

function entityParts(kind: EntityKind, name: string, version?: string) {
  const prefix = EXECUTION_ENTITY_FIELD[kind];
  const parts = [supersetFilter("eq", `${prefix}.name`, name)];
  if (version) parts.push(supersetFilter("eq", `${prefix}.version`, version));
  return parts;
}

/**
 * Active (not archived) executions of one entity, optionally of one version. A name or version FlyteAdmin's
 * syntax cannot carry (a version `1.0+g123`) goes as a wider contains: see entityExecutionsExact.
 */
export function entityExecutionsFilter(kind: EntityKind, name: string, version?: string): string {
  const out: FilterExpression[] = entityParts(kind, name, version).flatMap((p) => (p.expression ? [p.expression] : []));
  out.push(f.eq("state", 0));
  return formatFilters(out);
}

/** Whether FlyteAdmin answers entityExecutionsFilter with exactly the entity's runs (else narrow them). */
export function entityExecutionsExact(kind: EntityKind, name: string, version?: string): boolean {
  return entityParts(kind, name, version).every((p) => p.exact);
}

/** Whether a run is of this entity (and version): what narrows a wider answer. */
export function entityExecutionMatches(kind: EntityKind, name: string, version?: string): (e: Execution) => boolean {
  return (e) => {
    // A workflow's runs name it in the closure; launch-plan and single-task runs in the spec's launch plan.
    const id = kind === "workflow" ? e.closure?.workflowId : e.spec?.launchPlan;
    // A task's run names the task there only when FlyteAdmin ran it on its own; otherwise it cannot be told here.
    if (kind === "task" && id?.resourceType !== ResourceType.TASK) return true;
    return id?.name === name && (!version || id.version === version);
  };
}

/**
 * The dashboard URL query that shows the same executions, when the dashboard has a filter for this
 * kind (it filters by workflow and launch plan, not task).
 */
export function entityDashboardQuery(kind: EntityKind, name: string, version?: string): Record<string, string> | undefined {
  if (kind === "task") return undefined;
  // The entity is picked whole: the dashboard matches its name exactly, not by part.
  const q: Record<string, string> = kind === "workflow" ? { workflow: name, match: "exact" } : { launchPlan: name, match: "exact" };
  if (version) q.version = version;
  return q;
}

/**
 * Named-entity list filter: active (or, with `archived`, archived) entities, optionally whose name contains
 * `search` (FlyteAdmin's contains is a case-sensitive LIKE). A term its syntax cannot carry goes as a piece
 * of it: narrow with nameMatchesSearch. FlyteAdmin reads a missing state as active (COALESCE(state, 0)).
 */
export function namedEntityFilter(search = "", archived = false): string {
  const out: FilterExpression[] = [f.eq("state", archived ? 1 : 0)];
  const term = search.trim();
  const piece = term ? supersetFilter("contains", "name", term).expression : undefined;
  if (piece) out.push(piece);
  return formatFilters(out);
}

/** Whether an entity's name contains the search term as typed (the exact form of namedEntityFilter). */
export function nameMatchesSearch(search: string, name: string): boolean {
  const term = search.trim();
  return !term || name.includes(term);
}

/**
 * flytekit registers a `.flytegen.<task>` workflow for every task launched on its own. FlyteAdmin
 * hides them from unfiltered lists only, so the console hides them itself.
 */
export function isSystemGenerated(name: string): boolean {
  return name.startsWith(".flytegen.");
}

/**
 * The launch plans of one workflow version (ListLaunchPlans joins the workflow). A name or version the
 * filter syntax cannot carry goes wider: keep the answer's plans that launchPlanOfWorkflow accepts.
 */
export function workflowLaunchPlansFilter(workflow: string, version: string): string {
  const parts = [supersetFilter("eq", "workflow.name", workflow), supersetFilter("eq", "workflow.version", version)];
  return formatFilters(parts.flatMap((p) => (p.expression ? [p.expression] : [])));
}

/** Whether a launch plan runs exactly this workflow version (what narrows a wider answer). */
export function launchPlanOfWorkflow(workflow: string, version: string): (lp: { spec?: { workflowId?: { name: string; version: string } } }) => boolean {
  return (lp) => lp.spec?.workflowId?.name === workflow && lp.spec.workflowId.version === version;
}
