import { create } from "@bufbuild/protobuf";
import { ResourceListRequestSchema, Sort_Direction, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";

export const listExecutions = AdminService.method.listExecutions;
export const getExecution = AdminService.method.getExecution;

export const EXECUTIONS_PAGE_SIZE = 50;

/** The request for one project/domain's executions, newest first. */
export function executionListRequest(project: string, domain: string, filters = ""): ResourceListRequest {
  return create(ResourceListRequestSchema, {
    id: { project, domain },
    limit: EXECUTIONS_PAGE_SIZE,
    filters,
    sortBy: { key: "created_at", direction: Sort_Direction.DESCENDING },
  });
}
