// GetVersion, GetDomains, projects.
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DomainSchema, GetDomainsResponseSchema, ProjectsSchema, type Domain } from "@/lib/gen/flyteidl/admin/project_pb";
import { GetVersionResponseSchema, VersionSchema } from "@/lib/gen/flyteidl/admin/version_pb";
import { getProject, listProjects } from "../store/projects";
import type { SandboxContext } from "./context";
import { notFound, requireFields } from "./errors";

/** The domains every project has, as in a default FlyteAdmin configuration. */
export const DOMAINS: readonly Domain[] = ["development", "staging", "production"].map((id) =>
  create(DomainSchema, { id, name: id }),
);

export const SANDBOX_VERSION = "sandbox-1.0.0";
const BUILD_TIME = new Date().toISOString();

export function projectService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getVersion() {
      return create(GetVersionResponseSchema, {
        controlPlaneVersion: create(VersionSchema, { Build: "flyte-console-sandbox", Version: SANDBOX_VERSION, BuildTime: BUILD_TIME }),
      });
    },

    getDomains() {
      return create(GetDomainsResponseSchema, { domains: [...DOMAINS] });
    },

    listProjects(req) {
      const { projects, token } = listProjects(ctx.db, { filters: req.filters, sort: req.sortBy, limit: req.limit, token: req.token });
      return create(ProjectsSchema, { projects, token });
    },

    getProject(req) {
      requireFields("project request", { id: req.id });
      const project = getProject(ctx.db, req.id);
      if (!project) throw notFound(`project ${req.id} not found`);
      return project;
    },
  };
}
