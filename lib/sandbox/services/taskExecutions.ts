// Task execution (attempt) reads: Get, List for a node, and their data.
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { TaskExecutionGetDataResponseSchema, TaskExecutionListSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { TaskExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Db } from "../store/db";
import { getTaskExecution, getTaskExecutionData, listTaskExecutions, taskAttemptKeyOf, type StoredTaskExecution } from "../store/taskExecutions";
import type { SandboxContext } from "./context";
import { notFound, requireFields, requireLimit } from "./errors";
import { flyteUrls, mustGetNodeExecution } from "./nodeExecutions";

function mustGetTaskExecution(db: Db, id: TaskExecutionIdentifier | undefined): StoredTaskExecution {
  requireFields("task execution id", { task_name: id?.taskId?.name });
  const node = mustGetNodeExecution(db, id!.nodeExecutionId);
  const task = getTaskExecution(db, node.executionRowId, id!);
  if (!task) throw notFound(`task execution ${taskAttemptKeyOf(id!)} not found`);
  return task;
}

export function taskExecutionService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getTaskExecution(req) {
      return mustGetTaskExecution(ctx.db, req.id).taskExecution;
    },

    listTaskExecutions(req) {
      requireLimit(req.limit);
      const node = mustGetNodeExecution(ctx.db, req.nodeExecutionId);
      const { taskExecutions, token } = listTaskExecutions(ctx.db, {
        executionRowId: node.executionRowId,
        nodeId: req.nodeExecutionId!.nodeId,
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(TaskExecutionListSchema, { taskExecutions, token });
    },

    getTaskExecutionData(req) {
      const task = mustGetTaskExecution(ctx.db, req.id);
      const data = getTaskExecutionData(ctx.db, task.rowId);
      return create(TaskExecutionGetDataResponseSchema, {
        fullInputs: data.inputs,
        fullOutputs: data.outputs,
        flyteUrls: flyteUrls(req.id!.nodeExecutionId!, req.id!.retryAttempt),
      });
    },
  };
}
