// CreateWorkflowEvent / CreateNodeEvent / CreateTaskEvent: THE one code path that changes
// execution, node and task state. The gRPC handlers and the simulated executor both call
// these functions; each runs in one transaction, so a state change is all-or-nothing.
import { clone, create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import {
  NodeExecutionEventRequestSchema,
  NodeExecutionEventResponseSchema,
  TaskExecutionEventResponseSchema,
  WorkflowExecutionEventRequestSchema,
  WorkflowExecutionEventResponseSchema,
  type NodeExecutionEventRequest,
  type WorkflowExecutionEventRequest,
} from "@/lib/gen/flyteidl/admin/event_pb";
import { ExecutionClosureSchema, ExecutionSchema, LiteralMapBlobSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionClosureSchema, NodeExecutionMetaDataSchema, NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { NodeExecution_Phase as NP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { msOf } from "../store/db";
import { setExecutionOutputs, updateExecution } from "../store/executions";
import { getNodeExecution, insertNodeExecution, setNodeExecutionData, updateNodeExecution } from "../store/nodeExecutions";
import { getTaskExecution, taskAttemptKeyOf, updateTaskExecution } from "../store/taskExecutions";
import type { TaskExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { appendEvent } from "../store/events";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound, requireFields } from "./errors";
import { formatExecutionId, mustGetExecution, mustGetExecutionRowId } from "./executions";
import { checkNodeTransition, checkWorkflowTransition, NODE_TERMINAL, WORKFLOW_TERMINAL } from "./phaseRules";
import { populateCache } from "./cache";
import { elapsed, latest, occurredAt } from "./eventTime";
import { recordTaskEvent } from "./taskEvents";
import { offloadedInputsUri, offloadedOutputsUri } from "./offload";

export { recordTaskEvent } from "./taskEvents";

export function recordWorkflowEvent(ctx: SandboxContext, req: WorkflowExecutionEventRequest): void {
  const ev = req.event;
  if (!ev) throw invalidArgument("missing event in workflow execution event request");
  ctx.db.transaction(() => {
    const stored = mustGetExecution(ctx.db, ev.executionId);
    const what = `workflow execution ${formatExecutionId(ev.executionId)}`;
    const e = clone(ExecutionSchema, stored.execution);
    const c = (e.closure ??= create(ExecutionClosureSchema));
    checkWorkflowTransition(what, c.phase, ev.phase);
    const at = occurredAt(ctx, ev.occurredAt);
    c.phase = ev.phase;
    c.updatedAt = latest(c.updatedAt, at);
    if (ev.phase === WP.RUNNING && !c.startedAt) c.startedAt = at;
    if (WORKFLOW_TERMINAL.has(ev.phase)) c.duration = elapsed(at, c.startedAt, c.createdAt);
    if (ev.outputResult.case === "error") c.outputResult = { case: "error", value: ev.outputResult.value };
    if (ev.outputResult.case === "outputUri") {
      c.outputResult = { case: "outputs", value: create(LiteralMapBlobSchema, { data: { case: "uri", value: ev.outputResult.value } }) };
    }
    if (ev.outputResult.case === "outputData") {
      setExecutionOutputs(ctx.db, stored.id, ev.outputResult.value);
      c.outputResult = { case: "outputs", value: create(LiteralMapBlobSchema, { data: { case: "uri", value: offloadedOutputsUri(ev.executionId) } }) };
    }
    updateExecution(ctx.db, stored.id, e, ctx.now());
    appendEvent(ctx.db, stored.id, { kind: "workflow", phase: WP[ev.phase], occurredAt: msOf(at) ?? 0 }, WorkflowExecutionEventRequestSchema, req);
  })();
}

export function recordNodeEvent(ctx: SandboxContext, req: NodeExecutionEventRequest): void {
  const ev = req.event;
  if (!ev) throw invalidArgument("missing event in node execution event request");
  requireFields("node execution event id", { node_id: ev.id?.nodeId });
  ctx.db.transaction(() => {
    const executionRow = mustGetExecutionRowId(ctx.db, ev.id!.executionId);
    const nodeId = ev.id!.nodeId;
    const what = `node execution ${nodeId} of ${formatExecutionId(ev.id!.executionId)}`;
    const at = occurredAt(ctx, ev.occurredAt);
    const existing = getNodeExecution(ctx.db, executionRow, nodeId);

    const n = existing ? clone(NodeExecutionSchema, existing.nodeExecution) : create(NodeExecutionSchema, { id: ev.id, inputUri: "" });
    const c = (n.closure ??= create(NodeExecutionClosureSchema));
    const m = (n.metadata ??= create(NodeExecutionMetaDataSchema));
    if (existing) checkNodeTransition(what, c.phase, ev.phase);
    else c.createdAt = at;

    c.phase = ev.phase;
    c.updatedAt = latest(c.updatedAt, at);
    if ((ev.phase === NP.RUNNING || ev.phase === NP.DYNAMIC_RUNNING) && !c.startedAt) c.startedAt = at;
    if (NODE_TERMINAL.has(ev.phase)) c.duration = elapsed(at, c.startedAt, c.createdAt);
    if (ev.inputValue.case === "inputUri") n.inputUri = ev.inputValue.value;
    if (ev.inputValue.case === "inputData") n.inputUri = offloadedInputsUri(ev.id!.executionId, nodeId);
    if (ev.outputResult.case === "error") c.outputResult = { case: "error", value: ev.outputResult.value };
    if (ev.outputResult.case === "outputUri") c.outputResult = { case: "outputUri", value: ev.outputResult.value };
    if (ev.outputResult.case === "outputData") c.outputResult = { case: "outputUri", value: offloadedOutputsUri(ev.id!.executionId, nodeId) };
    if (ev.deckUri) c.deckUri = ev.deckUri;
    if (ev.targetMetadata.case === "workflowNodeMetadata") {
      c.targetMetadata = { case: "workflowNodeMetadata", value: { $typeName: "flyteidl.admin.WorkflowNodeMetadata", executionId: ev.targetMetadata.value.executionId } };
    } else if (ev.targetMetadata.case === "taskNodeMetadata") {
      const t = ev.targetMetadata.value;
      c.targetMetadata = {
        case: "taskNodeMetadata",
        value: { $typeName: "flyteidl.admin.TaskNodeMetadata", cacheStatus: t.cacheStatus, catalogKey: t.catalogKey, checkpointUri: t.checkpointUri },
      };
      if (t.dynamicWorkflow?.dynamicJobSpecUri) c.dynamicJobSpecUri = t.dynamicWorkflow.dynamicJobSpecUri;
    }
    if (ev.retryGroup) m.retryGroup = ev.retryGroup;
    if (ev.specNodeId) m.specNodeId = ev.specNodeId;
    m.isParentNode ||= ev.isParent;
    m.isDynamic ||= ev.isDynamic;
    m.isArray ||= ev.isArray;
    m.isEager ||= ev.isEager;

    let rowId: number;
    if (existing) {
      rowId = existing.rowId;
      updateNodeExecution(ctx.db, rowId, n, ctx.now());
    } else {
      const parentNodeId = ev.parentNodeMetadata?.nodeId || undefined;
      if (parentNodeId && !getNodeExecution(ctx.db, executionRow, parentNodeId)) {
        throw notFound(`parent node execution ${parentNodeId} of ${what} not found`);
      }
      const parentTask = ev.parentTaskMetadata?.id;
      if (parentTask) markTaskParent(ctx, executionRow, parentTask);
      rowId = insertNodeExecution(ctx.db, executionRow, n, { parentNodeId, parentTaskKey: parentTask ? taskAttemptKeyOf(parentTask) : undefined }, ctx.now());
    }
    setNodeExecutionData(ctx.db, rowId, {
      inputs: ev.inputValue.case === "inputData" ? ev.inputValue.value : undefined,
      outputs: ev.outputResult.case === "outputData" ? ev.outputResult.value : undefined,
      dynamicWorkflow: ev.targetMetadata.case === "taskNodeMetadata" ? ev.targetMetadata.value.dynamicWorkflow?.compiledWorkflow : undefined,
    });
    if (ev.phase === NP.SUCCEEDED && ev.targetMetadata.case === "taskNodeMetadata") populateCache(ctx, executionRow, rowId, n, ev.targetMetadata.value);
    appendEvent(ctx.db, executionRow, { kind: "node", nodeId, phase: NP[ev.phase], occurredAt: msOf(at) ?? 0 }, NodeExecutionEventRequestSchema, req);
  })();
}

function markTaskParent(ctx: SandboxContext, executionRowId: number, id: TaskExecutionIdentifier): void {
  const task = getTaskExecution(ctx.db, executionRowId, id);
  if (!task) throw notFound(`parent task execution ${taskAttemptKeyOf(id)} not found`);
  if (task.taskExecution.isParent) return;
  const t = clone(TaskExecutionSchema, task.taskExecution);
  t.isParent = true;
  updateTaskExecution(ctx.db, task.rowId, t, task.phaseVersion, ctx.now());
}

export function eventService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    createWorkflowEvent(req) {
      recordWorkflowEvent(ctx, req);
      return create(WorkflowExecutionEventResponseSchema);
    },
    createNodeEvent(req) {
      recordNodeEvent(ctx, req);
      return create(NodeExecutionEventResponseSchema);
    },
    createTaskEvent(req) {
      recordTaskEvent(ctx, req);
      return create(TaskExecutionEventResponseSchema);
    },
  };
}
