// Node execution reads: Get, List (top level, or children of `unique_parent_id`), the children
// of a task attempt (dynamic tasks), their data and generated (dynamic) workflows.
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import {
  DynamicNodeWorkflowResponseSchema,
  NodeExecutionGetDataResponseSchema,
  NodeExecutionListSchema,
} from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { NodeExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Db } from "../store/db";
import { getNodeExecution, getNodeExecutionData, listNodeExecutions, type StoredNodeExecution } from "../store/nodeExecutions";
import { getTaskExecution, taskAttemptKeyOf } from "../store/taskExecutions";
import type { SandboxContext } from "./context";
import { notFound, requireFields, requireLimit } from "./errors";
import { formatExecutionId, mustGetExecution } from "./executions";
import { remoteData } from "./remoteData";

export function mustGetNodeExecution(db: Db, id: NodeExecutionIdentifier | undefined): StoredNodeExecution & { executionRowId: number } {
  requireFields("node execution id", { node_id: id?.nodeId });
  const exec = mustGetExecution(db, id!.executionId);
  const node = getNodeExecution(db, exec.id, id!.nodeId);
  if (!node) throw notFound(`node execution ${id!.nodeId} of ${formatExecutionId(id!.executionId)} not found`);
  return { ...node, executionRowId: exec.id };
}

/** The flyte:// URIs flytekit's FlyteRemote understands for a node's data. */
export function flyteUrls(id: NodeExecutionIdentifier, attempt?: number) {
  const base = `flyte://v1/${id.executionId?.project}/${id.executionId?.domain}/${id.executionId?.name}/${id.nodeId}${attempt === undefined ? "" : `/${attempt}`}`;
  return { inputs: `${base}/i`, outputs: `${base}/o`, deck: `${base}/d` };
}

export function nodeExecutionService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getNodeExecution(req) {
      return mustGetNodeExecution(ctx.db, req.id).nodeExecution;
    },

    listNodeExecutions(req) {
      requireLimit(req.limit);
      const exec = mustGetExecution(ctx.db, req.workflowExecutionId);
      if (req.uniqueParentId && !getNodeExecution(ctx.db, exec.id, req.uniqueParentId)) {
        throw notFound(`parent node execution ${req.uniqueParentId} of ${formatExecutionId(req.workflowExecutionId)} not found`);
      }
      const { nodeExecutions, token } = listNodeExecutions(ctx.db, {
        executionRowId: exec.id,
        parentNodeId: req.uniqueParentId || undefined,
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(NodeExecutionListSchema, { nodeExecutions, token });
    },

    listNodeExecutionsForTask(req) {
      requireLimit(req.limit);
      const id = req.taskExecutionId;
      const node = mustGetNodeExecution(ctx.db, id?.nodeExecutionId);
      if (!getTaskExecution(ctx.db, node.executionRowId, id!)) throw notFound(`task execution ${taskAttemptKeyOf(id!)} not found`);
      const { nodeExecutions, token } = listNodeExecutions(ctx.db, {
        executionRowId: node.executionRowId,
        parentTaskKey: taskAttemptKeyOf(id!),
        filters: req.filters,
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
      });
      return create(NodeExecutionListSchema, { nodeExecutions, token });
    },

    getNodeExecutionData(req) {
      const node = mustGetNodeExecution(ctx.db, req.id);
      const data = getNodeExecutionData(ctx.db, node.rowId);
      const dynamic = data.dynamicWorkflow;
      const result = node.nodeExecution.closure?.outputResult;
      const inputs = remoteData(ctx, data.inputs, node.nodeExecution.inputUri);
      const outputs = remoteData(ctx, data.outputs, result?.case === "outputUri" ? result.value : "");
      return create(NodeExecutionGetDataResponseSchema, {
        fullInputs: inputs.full,
        inputs: inputs.blob,
        fullOutputs: outputs.full,
        outputs: outputs.blob,
        dynamicWorkflow: dynamic
          ? { id: dynamic.primary?.template?.id, compiledWorkflow: dynamic, dynamicJobSpecUri: node.nodeExecution.closure?.dynamicJobSpecUri ?? "" }
          : undefined,
        flyteUrls: flyteUrls(req.id!),
      });
    },

    getDynamicNodeWorkflow(req) {
      const node = mustGetNodeExecution(ctx.db, req.id);
      const dynamic = getNodeExecutionData(ctx.db, node.rowId).dynamicWorkflow;
      if (!dynamic) throw notFound(`node execution ${req.id!.nodeId} has no dynamic workflow`);
      return create(DynamicNodeWorkflowResponseSchema, { compiledWorkflow: dynamic });
    },
  };
}
