// Workflows, tasks and launch plans: method descriptors and request builders. Fetch only;
// lib/flyte/entities shapes.
import { create } from "@bufbuild/protobuf";
import {
  NamedEntityGetRequestSchema,
  NamedEntityListRequestSchema,
  ObjectGetRequestSchema,
  ResourceListRequestSchema,
  Sort_Direction,
  type NamedEntityGetRequest,
  type NamedEntityListRequest,
  type ObjectGetRequest,
  type ResourceListRequest,
} from "@/lib/gen/flyteidl/admin/common_pb";
import { DescriptionEntityListRequestSchema, type DescriptionEntityListRequest } from "@/lib/gen/flyteidl/admin/description_entity_pb";
import {
  ActiveLaunchPlanListRequestSchema,
  LaunchPlanUpdateRequestSchema,
  LaunchPlanState,
  type ActiveLaunchPlanListRequest,
  type LaunchPlanUpdateRequest,
} from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { entityExecutionsFilter, namedEntityFilter } from "@/lib/flyte/entities/entity-filters";
import { resourceTypeOfKind, type EntityKind } from "@/lib/flyte/ids";
import { executionListRequest } from "./executions";

export const listNamedEntities = AdminService.method.listNamedEntities;
export const getNamedEntity = AdminService.method.getNamedEntity;
export const listWorkflows = AdminService.method.listWorkflows;
export const listTasks = AdminService.method.listTasks;
export const listLaunchPlans = AdminService.method.listLaunchPlans;
export const getWorkflow = AdminService.method.getWorkflow;
export const getTask = AdminService.method.getTask;
export const getLaunchPlan = AdminService.method.getLaunchPlan;
export const getDescriptionEntity = AdminService.method.getDescriptionEntity;
export const listDescriptionEntities = AdminService.method.listDescriptionEntities;
export const updateLaunchPlan = AdminService.method.updateLaunchPlan;
export const listActiveLaunchPlans = AdminService.method.listActiveLaunchPlans;

export const ENTITY_PAGE_SIZE = 50;
export const VERSIONS_PAGE_SIZE = 10;

/**
 * FlyteAdmin pages the names before it filters them by state (its ListNamedEntities limits the subquery
 * of names, then joins their state), so a page of archived names holds only those among that page's
 * names and ends the paging early. The archived list asks for this many names at once instead.
 */
export const ARCHIVED_PAGE_SIZE = 2000;

/** Named entities of one kind in a project/domain, by name, optionally whose name contains `search`; archived ones with `archived`. */
export function namedEntityListRequest(
  kind: EntityKind,
  project: string,
  domain: string,
  search = "",
  limit = ENTITY_PAGE_SIZE,
  archived = false,
): NamedEntityListRequest {
  return create(NamedEntityListRequestSchema, {
    resourceType: resourceTypeOfKind(kind),
    project,
    domain,
    limit: archived ? Math.max(limit, ARCHIVED_PAGE_SIZE) : limit,
    filters: namedEntityFilter(search, archived),
    sortBy: { key: "name", direction: Sort_Direction.ASCENDING },
  });
}

/** The active launch plan versions of a project/domain (at most one per name): one call for a whole list's states and schedules. */
export function activeLaunchPlansRequest(project: string, domain: string, limit = 2000): ActiveLaunchPlanListRequest {
  return create(ActiveLaunchPlanListRequestSchema, { project, domain, limit, sortBy: { key: "name", direction: Sort_Direction.ASCENDING } });
}

/** Versions of one entity, newest first (ListWorkflows / ListTasks / ListLaunchPlans). */
export function versionListRequest(project: string, domain: string, name: string, limit = VERSIONS_PAGE_SIZE): ResourceListRequest {
  return create(ResourceListRequestSchema, {
    id: { project, domain, name },
    limit,
    sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
  });
}

/** A named entity's metadata (its description), by kind and name. */
export function namedEntityGetRequest(kind: EntityKind, project: string, domain: string, name: string): NamedEntityGetRequest {
  return create(NamedEntityGetRequestSchema, { resourceType: resourceTypeOfKind(kind), id: { project, domain, name } });
}

/** An entity's executions (of one version, when given), newest first. */
export function entityExecutionsRequest(kind: EntityKind, project: string, domain: string, name: string, version: string | undefined, limit: number): ResourceListRequest {
  return executionListRequest(project, domain, entityExecutionsFilter(kind, name, version), { key: "created_at" }, limit);
}

/** One version of an entity (GetWorkflow / GetTask / GetLaunchPlan / GetDescriptionEntity). */
export function entityGetRequest(kind: EntityKind, project: string, domain: string, name: string, version: string): ObjectGetRequest {
  return create(ObjectGetRequestSchema, { id: { resourceType: resourceTypeOfKind(kind), project, domain, name, version } });
}

export function launchPlanStateRequest(
  id: { project: string; domain: string; name: string; version: string },
  active: boolean,
): LaunchPlanUpdateRequest {
  return create(LaunchPlanUpdateRequestSchema, {
    id: { resourceType: resourceTypeOfKind("launch_plan"), ...id },
    state: active ? LaunchPlanState.ACTIVE : LaunchPlanState.INACTIVE,
  });
}

/** The latest description of every entity of a kind in a project/domain (one call for a list's blurbs). */
export function descriptionListRequest(kind: EntityKind, project: string, domain: string, limit = 200): DescriptionEntityListRequest {
  return create(DescriptionEntityListRequestSchema, {
    resourceType: resourceTypeOfKind(kind),
    id: { project, domain },
    limit,
    sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
  });
}
