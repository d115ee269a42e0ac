// Registered entities (tasks, workflows, launch plans): immutable versions keyed by
// project/domain/name/version, plus the named-entity metadata (state, description) per name.
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { NamedEntityState, NamedEntityStateSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { LaunchPlanStateSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { stmt, type Db } from "./db";
import { filtersToSql, integer, orderBySql, pageFromRequest, pageResult, text, timestamp, type FieldSpec, type ListSpec, type SqlValue } from "./query";

export type EntityTable = "tasks" | "workflows" | "launch_plans";

export const TABLE_OF: Partial<Record<ResourceType, EntityTable>> = {
  [ResourceType.TASK]: "tasks",
  [ResourceType.WORKFLOW]: "workflows",
  [ResourceType.LAUNCH_PLAN]: "launch_plans",
};

const common: Record<string, FieldSpec> = {
  project: text("x.project"),
  domain: text("x.domain"),
  name: text("x.name"),
  version: text("x.version"),
  created_at: timestamp("x.created_at"),
};

function entitySpec(resource: EntityTable, extra: Record<string, FieldSpec> = {}, sortExtra: Record<string, string> = {}): ListSpec {
  const prefix = { tasks: "task.", workflows: "workflow.", launch_plans: "launch_plan." }[resource];
  const own = { ...common, ...extra };
  return {
    resource,
    fields: { ...own, ...Object.fromEntries(Object.entries(own).map(([k, v]) => [`${prefix}${k}`, v])) },
    sortKeys: { name: "x.name", version: "x.version", created_at: "x.created_at", ...sortExtra },
    defaultSort: { column: "x.created_at", descending: true },
    tieBreaker: "x.id",
    aliasPrefix: prefix,
  };
}

export const LIST_SPECS: Record<EntityTable, ListSpec> = {
  tasks: entitySpec("tasks"),
  workflows: entitySpec("workflows"),
  launch_plans: entitySpec(
    "launch_plans",
    {
      state: integer("x.state", LaunchPlanStateSchema),
      updated_at: timestamp("x.updated_at"),
      schedule_type: text("x.schedule_type"),
      "workflow.name": text("x.workflow_name"),
      "workflow.version": text("x.workflow_version"),
    },
    { updated_at: "x.updated_at", state: "x.state" },
  ),
};

export interface EntityRow {
  id: number;
  digest: string;
  message: Buffer;
}

export function insertEntity(
  db: Db,
  table: EntityTable,
  id: Identifier,
  createdMs: number,
  digest: string,
  message: Uint8Array,
  extra: Record<string, SqlValue> = {},
): void {
  const cols = { project: id.project, domain: id.domain, name: id.name, version: id.version, created_at: createdMs, digest, message: Buffer.from(message), ...extra };
  stmt(db, `INSERT INTO ${table} (${Object.keys(cols).join(", ")}) VALUES (${Object.keys(cols).map((k) => `@${k}`).join(", ")})`).run(cols);
}

export function updateEntity(db: Db, table: EntityTable, rowId: number, message: Uint8Array, extra: Record<string, SqlValue> = {}): void {
  const cols = { message: Buffer.from(message), ...extra };
  stmt(db, `UPDATE ${table} SET ${Object.keys(cols).map((k) => `${k} = @${k}`).join(", ")} WHERE id = @rowId`).run({ ...cols, rowId });
}

export function getEntityRow(db: Db, table: EntityTable, id: Pick<Identifier, "project" | "domain" | "name" | "version">): EntityRow | undefined {
  return stmt(db, `SELECT id, digest, message FROM ${table} WHERE project = ? AND domain = ? AND name = ? AND version = ?`).get(
    id.project,
    id.domain,
    id.name,
    id.version,
  ) as EntityRow | undefined;
}

export interface EntityListQuery {
  project: string;
  domain: string;
  /** Only versions of this name (empty: every name). */
  name?: string;
  filters: string;
  sort?: Sort;
  limit: number;
  token: string;
  /** Extra fixed conditions (e.g. state = ACTIVE). */
  where?: { sql: string; params: SqlValue[] };
}

export function listEntityRows(db: Db, table: EntityTable, q: EntityListQuery): { rows: Buffer[]; token: string } {
  const spec = LIST_SPECS[table];
  const where = filtersToSql(q.filters, spec);
  const conditions = ["x.project = ?", "x.domain = ?"];
  const params: SqlValue[] = [q.project, q.domain];
  if (q.name) {
    conditions.push("x.name = ?");
    params.push(q.name);
  }
  if (q.where) {
    conditions.push(q.where.sql);
    params.push(...q.where.params);
  }
  const page = pageFromRequest(q.limit, q.token);
  const sql = `SELECT x.message FROM ${table} x WHERE ${[...conditions, ...where.where].join(" AND ")}
    ORDER BY ${orderBySql(q.sort, spec)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...params, ...where.params, page.limit + 1, page.offset) as { message: Buffer }[];
  const result = pageResult(rows, page);
  return { rows: result.items.map((r) => r.message), token: result.token };
}

// ---- named entities --------------------------------------------------------------

export const NAMED_ENTITY_SPEC: ListSpec = {
  resource: "named entities",
  fields: {
    name: text("n.name"),
    project: text("n.project"),
    domain: text("n.domain"),
    state: integer("n.state", NamedEntityStateSchema),
    description: text("n.description"),
    "named_entity_metadata.state": integer("n.state", NamedEntityStateSchema),
    "named_entity_metadata.description": text("n.description"),
    "entities.name": text("n.name"),
  },
  sortKeys: { name: "n.name", created_at: "n.created_at", updated_at: "n.created_at" },
  defaultSort: { column: "n.name", descending: false },
  tieBreaker: "n.name",
};

export interface NamedEntityRow {
  project: string;
  domain: string;
  name: string;
  state: number;
  description: string;
}

/** Distinct names registered in a project/domain, with their metadata. */
export function listNamedEntities(
  db: Db,
  resourceType: ResourceType,
  q: { project: string; domain: string; filters: string; sort?: Sort; limit: number; token: string },
): { entities: NamedEntityRow[]; token: string } {
  const table = TABLE_OF[resourceType];
  if (!table) return { entities: [], token: "" };
  const where = filtersToSql(q.filters, NAMED_ENTITY_SPEC);
  // FlyteAdmin hides system-generated workflows (flytekit's `.flytegen.` wrappers) from every workflow list.
  if (resourceType === ResourceType.WORKFLOW) where.where.push(`n.state != ${NamedEntityState.SYSTEM_GENERATED}`);
  const page = pageFromRequest(q.limit, q.token);
  const sql = `SELECT * FROM (
      SELECT x.project, x.domain, x.name, MAX(x.created_at) AS created_at,
             COALESCE(m.state, 0) AS state, COALESCE(m.description, '') AS description
      FROM ${table} x
      LEFT JOIN named_entities m ON m.resource_type = ? AND m.project = x.project AND m.domain = x.domain AND m.name = x.name
      WHERE x.project = ? AND x.domain = ?
      GROUP BY x.name
    ) n ${where.where.length ? `WHERE ${where.where.join(" AND ")}` : ""}
    ORDER BY ${orderBySql(q.sort, NAMED_ENTITY_SPEC)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(resourceType, q.project, q.domain, ...where.params, page.limit + 1, page.offset) as NamedEntityRow[];
  const { items, token } = pageResult(rows, page);
  return { entities: items, token };
}

export function getNamedEntity(db: Db, resourceType: ResourceType, project: string, domain: string, name: string): NamedEntityRow | undefined {
  const table = TABLE_OF[resourceType];
  if (!table) return undefined;
  const exists = stmt(db, `SELECT 1 FROM ${table} WHERE project = ? AND domain = ? AND name = ? LIMIT 1`).get(project, domain, name);
  if (!exists) return undefined;
  const meta = stmt(db, "SELECT state, description FROM named_entities WHERE resource_type = ? AND project = ? AND domain = ? AND name = ?").get(
    resourceType,
    project,
    domain,
    name,
  ) as { state: number; description: string } | undefined;
  return { project, domain, name, state: meta?.state ?? 0, description: meta?.description ?? "" };
}

export function putNamedEntityMetadata(db: Db, resourceType: ResourceType, row: NamedEntityRow): void {
  stmt(
    db,
    `INSERT INTO named_entities (resource_type, project, domain, name, state, description) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(resource_type, project, domain, name) DO UPDATE SET state = excluded.state, description = excluded.description`,
  ).run(resourceType, row.project, row.domain, row.name, row.state, row.description);
}

// ---- description entities ----------------------------------------------------------

export function putDescriptionEntity(db: Db, resourceType: ResourceType, id: Identifier, createdMs: number, message: Uint8Array): void {
  stmt(
    db,
    `INSERT OR REPLACE INTO description_entities (resource_type, project, domain, name, version, created_at, message) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(resourceType, id.project, id.domain, id.name, id.version, createdMs, Buffer.from(message));
}

export function getDescriptionEntity(db: Db, resourceType: ResourceType, id: Identifier): Buffer | undefined {
  const row = stmt(
    db,
    "SELECT message FROM description_entities WHERE resource_type = ? AND project = ? AND domain = ? AND name = ? AND version = ?",
  ).get(resourceType, id.project, id.domain, id.name, id.version) as { message: Buffer } | undefined;
  return row?.message;
}

const descriptionFields: Record<string, FieldSpec> = {
  project: text("d.project"),
  domain: text("d.domain"),
  name: text("d.name"),
  version: text("d.version"),
  created_at: timestamp("d.created_at"),
};

/** FlyteAdmin filters description entities as the entity they describe: `workflow.*` for workflows, `task.*` for tasks. */
export function descriptionSpec(resourceType: ResourceType): ListSpec {
  const prefix = resourceType === ResourceType.TASK ? "task." : resourceType === ResourceType.WORKFLOW ? "workflow." : "";
  return {
    ...DESCRIPTION_SPEC,
    fields: { ...descriptionFields, ...(prefix ? Object.fromEntries(Object.entries(descriptionFields).map(([k, v]) => [`${prefix}${k}`, v])) : {}) },
    aliasPrefix: prefix || undefined,
  };
}

export const DESCRIPTION_SPEC: ListSpec = {
  resource: "description entities",
  fields: descriptionFields,
  sortKeys: { version: "d.version", created_at: "d.created_at" },
  defaultSort: { column: "d.created_at", descending: true },
  tieBreaker: "d.version",
};

export function listDescriptionEntities(
  db: Db,
  resourceType: ResourceType,
  q: { project: string; domain: string; name: string; filters: string; sort?: Sort; limit: number; token: string },
): { rows: Buffer[]; token: string } {
  const where = filtersToSql(q.filters, descriptionSpec(resourceType));
  const page = pageFromRequest(q.limit, q.token);
  const conditions = ["d.resource_type = ?", "d.project = ?", "d.domain = ?", ...(q.name ? ["d.name = ?"] : []), ...where.where];
  const sql = `SELECT d.message FROM description_entities d WHERE ${conditions.join(" AND ")}
    ORDER BY ${orderBySql(q.sort, DESCRIPTION_SPEC)} LIMIT ? OFFSET ?`;
  const params: SqlValue[] = [resourceType, q.project, q.domain, ...(q.name ? [q.name] : []), ...where.params];
  const rows = db.prepare(sql).all(...params, page.limit + 1, page.offset) as { message: Buffer }[];
  const result = pageResult(rows, page);
  return { rows: result.items.map((r) => r.message), token: result.token };
}
