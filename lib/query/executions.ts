import { create } from "@bufbuild/protobuf";
import { ResourceListRequestSchema, Sort_Direction, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import {
  WorkflowExecutionGetDataRequestSchema,
  WorkflowExecutionGetRequestSchema,
  type WorkflowExecutionGetDataRequest,
  type WorkflowExecutionGetRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { executionNameFilter } from "@/lib/flyte/entities/search";

export const listExecutions = AdminService.method.listExecutions;
export const getExecution = AdminService.method.getExecution;
export const getExecutionData = AdminService.method.getExecutionData;

export const EXECUTIONS_PAGE_SIZE = 50;

export interface ExecutionSort {
  /** A FlyteAdmin execution column: created_at, duration, execution_name, … */
  key: string;
  ascending?: boolean;
}

/** The request for one project/domain's executions, newest first unless `sort` says otherwise. */
export function executionListRequest(
  project: string,
  domain: string,
  filters = "",
  sort: ExecutionSort = { key: "created_at" },
  limit = EXECUTIONS_PAGE_SIZE,
): ResourceListRequest {
  return create(ResourceListRequestSchema, {
    id: { project, domain },
    limit,
    filters,
    sortBy: { key: sort.key, direction: sort.ascending ? Sort_Direction.ASCENDING : Sort_Direction.DESCENDING },
  });
}

/** A project/domain's executions whose names contain `term` (the search palette's), newest first. */
export function executionSearchRequest(project: string, domain: string, term: string, limit: number): ResourceListRequest {
  return executionListRequest(project, domain, executionNameFilter(term), { key: "created_at" }, limit);
}

/** GetExecution for one execution, by project, domain and name only. */
export function executionGetRequest(project: string, domain: string, name: string): WorkflowExecutionGetRequest {
  return create(WorkflowExecutionGetRequestSchema, { id: { project, domain, name } });
}

/** GetExecutionData (its inputs and outputs) for one execution. */
export function executionDataRequest(project: string, domain: string, name: string): WorkflowExecutionGetDataRequest {
  return create(WorkflowExecutionGetDataRequestSchema, { id: { project, domain, name } });
}
