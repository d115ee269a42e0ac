// Execution reads: GetExecution, ListExecutions, GetExecutionData.
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ExecutionListSchema, WorkflowExecutionGetDataResponseSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getExecution, getExecutionData, getExecutionRowId, listExecutions, type StoredExecution } from "../store/executions";
import type { Db } from "../store/db";
import type { SandboxContext } from "./context";
import { notFound, requireFields, requireLimit } from "./errors";

export function formatExecutionId(id: WorkflowExecutionIdentifier | undefined): string {
  return `${id?.project ?? ""}/${id?.domain ?? ""}/${id?.name ?? ""}`;
}

/** The stored execution, or NotFound / InvalidArgument as FlyteAdmin answers. */
export function mustGetExecution(db: Db, id: WorkflowExecutionIdentifier | undefined): StoredExecution {
  requireFields("execution id", { project: id?.project, domain: id?.domain, name: id?.name });
  const found = getExecution(db, { project: id!.project, domain: id!.domain, name: id!.name });
  if (!found) throw notFound(`execution ${formatExecutionId(id)} not found`);
  return found;
}

/** The store's row id of execution `id`, or NotFound. */
export function mustGetExecutionRowId(db: Db, id: WorkflowExecutionIdentifier | undefined): number {
  requireFields("execution id", { project: id?.project, domain: id?.domain, name: id?.name });
  const rowId = getExecutionRowId(db, { project: id!.project, domain: id!.domain, name: id!.name });
  if (rowId === undefined) throw notFound(`execution ${formatExecutionId(id)} not found`);
  return rowId;
}

export function executionReadService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getExecution(req) {
      return mustGetExecution(ctx.db, req.id).execution;
    },

    listExecutions(req) {
      requireFields("list executions request", { project: req.id?.project, domain: req.id?.domain });
      requireLimit(req.limit);
      const { executions, token } = listExecutions(ctx.db, {
        project: req.id!.project,
        domain: req.id!.domain,
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(ExecutionListSchema, { executions, token });
    },

    getExecutionData(req) {
      const { id } = mustGetExecution(ctx.db, req.id);
      const data = getExecutionData(ctx.db, id);
      const inputs = data.inputs ?? data.userInputs;
      return create(WorkflowExecutionGetDataResponseSchema, {
        fullInputs: inputs,
        fullOutputs: data.outputs,
      });
    },
  };
}
