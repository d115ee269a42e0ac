// Projects, each with its domains (FlyteAdmin gives every project the configured domains).
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { ProjectSchema, Project_ProjectStateSchema, type Project } from "@/lib/gen/flyteidl/admin/project_pb";
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { stmt, type Db } from "./db";
import { filtersToSql, integer, orderBySql, pageFromRequest, pageResult, text, type ListSpec } from "./query";

export const PROJECT_LIST_SPEC: ListSpec = {
  resource: "projects",
  fields: {
    identifier: text("p.id"),
    name: text("p.name"),
    state: integer("p.state", Project_ProjectStateSchema),
    "project.identifier": text("p.id"),
    "project.state": integer("p.state", Project_ProjectStateSchema),
  },
  sortKeys: { identifier: "p.id", name: "p.name", created_at: "p.seq" },
  defaultSort: { column: "p.seq", descending: false },
  tieBreaker: "p.id",
};

export function putProject(db: Db, project: Project): void {
  stmt(
    db,
    `INSERT INTO projects (id, seq, name, state, message) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM projects), ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, state = excluded.state, message = excluded.message`,
  ).run(project.id, project.name, project.state, Buffer.from(toBinary(ProjectSchema, project)));
}

export function getProject(db: Db, id: string): Project | undefined {
  const row = stmt(db, "SELECT message FROM projects WHERE id = ?").get(id) as { message: Buffer } | undefined;
  return row && fromBinary(ProjectSchema, row.message);
}

export function listProjects(
  db: Db,
  q: { filters: string; sort?: Sort; limit: number; token: string },
): { projects: Project[]; token: string } {
  const where = filtersToSql(q.filters, PROJECT_LIST_SPEC);
  const page = pageFromRequest(q.limit === 0 ? 1000 : q.limit, q.token);
  const sql = `SELECT p.message FROM projects p ${where.where.length ? `WHERE ${where.where.join(" AND ")}` : ""}
    ORDER BY ${orderBySql(q.sort, PROJECT_LIST_SPEC)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...where.params, page.limit + 1, page.offset) as { message: Buffer }[];
  const { items, token } = pageResult(rows, page);
  return { projects: items.map((r) => fromBinary(ProjectSchema, r.message)), token };
}
