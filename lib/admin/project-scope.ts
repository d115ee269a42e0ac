// Server side of the project pages (their layouts load it through lib/admin's public entry).
// Whether a project (and a domain of it) exists, asked of FlyteAdmin while the server renders a project page,
// so an unknown one answers a not-found page (HTTP 404) instead of an empty dashboard.
import { Code, ConnectError } from "@connectrpc/connect";
import { headers } from "next/headers";
import { cache } from "react";
import { credentialsFor } from "./credentials";
import { upstream } from "./upstream";
import type { Project } from "@/lib/gen/flyteidl/admin/project_pb";

export type ProjectScope =
  | { state: "found" }
  | { state: "no-project" }
  | { state: "no-domain"; domains: string[] }
  /** FlyteAdmin could not say (signed out, slow, down, too old for GetProject): the page renders as usual. */
  | { state: "unknown" };

export async function checkProjectScope(getProject: (id: string) => Promise<Project>, project: string, domain?: string): Promise<ProjectScope> {
  let found: Project;
  try {
    found = await getProject(project);
  } catch (err) {
    return ConnectError.from(err).code === Code.NotFound ? { state: "no-project" } : { state: "unknown" };
  }
  const domains = found.domains.map((d) => d.id);
  if (domain !== undefined && !domains.includes(domain)) return { state: "no-domain", domains };
  return { state: "found" };
}

/** A slow FlyteAdmin must not hold the page: past this, it renders without the check. */
const CHECK_MS = 1_500;

/** One GetProject per request, shared by the project and domain layouts. */
const fetchProject = cache(async (project: string): Promise<Project> => {
  const up = upstream();
  const credentials = credentialsFor(await headers(), up.config);
  if (!credentials.ok) throw new ConnectError("signed out", Code.Unauthenticated);
  return up.admin.getProject({ id: project }, { headers: credentials.headers, timeoutMs: CHECK_MS });
});

export function loadProjectScope(project: string, domain?: string): Promise<ProjectScope> {
  return checkProjectScope(fetchProject, project, domain);
}
