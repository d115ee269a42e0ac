"use client";

// Projects and domains, as the navigation, the projects page and the switcher list them.
import { useQuery } from "@connectrpc/connect-query";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const listProjects = AdminService.method.listProjects;
export const getDomains = AdminService.method.getDomains;

/** Every project (ListProjects); off while `enabled` is false. */
export function useProjects({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery(listProjects, {}, { enabled });
}

/** The domains FlyteAdmin is configured with (GetDomains). */
export function useDomains() {
  return useQuery(getDomains, {});
}
