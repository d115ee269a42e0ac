// Matchable attributes by resource type, project and domain (FlyteAdmin's resources table).
import type { Db } from "./db";
import { stmt } from "./db";

export interface AttributesRow {
  project: string;
  domain: string;
  attributes: Buffer;
}

export function putAttributes(db: Db, resourceType: number, project: string, domain: string, attributes: Uint8Array): void {
  stmt(
    db,
    `INSERT INTO resource_attributes (resource_type, project, domain, attributes) VALUES (?, ?, ?, ?)
     ON CONFLICT(resource_type, project, domain) DO UPDATE SET attributes = excluded.attributes`,
  ).run(resourceType, project, domain, Buffer.from(attributes));
}

/**
 * The most specific setting that applies to a project and domain, as FlyteAdmin's ResourceRepo.Get
 * answers: the project-domain row, else the project's, else the domain's, else the global one.
 */
export function getMostSpecificAttributes(db: Db, resourceType: number, project: string, domain: string): AttributesRow | undefined {
  return stmt(
    db,
    `SELECT project, domain, attributes FROM resource_attributes
     WHERE resource_type = ? AND project IN (?, '') AND domain IN (?, '')
     ORDER BY (project != '') DESC, (domain != '') DESC LIMIT 1`,
  ).get(resourceType, project, domain) as AttributesRow | undefined;
}
