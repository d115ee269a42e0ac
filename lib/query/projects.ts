import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const listProjects = AdminService.method.listProjects;
export const getDomains = AdminService.method.getDomains;
