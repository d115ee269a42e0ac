// CreateTaskEvent: one task attempt's phase, logs, sub-task (external resource) states,
// reasons and data. Later events of the same phase need a higher phase_version.
import { clone, create } from "@bufbuild/protobuf";
import { TaskExecutionEventRequestSchema, type TaskExecutionEventRequest } from "@/lib/gen/flyteidl/admin/event_pb";
import { ReasonSchema, TaskExecutionClosureSchema, TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { TaskExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { TaskLog } from "@/lib/gen/flyteidl/core/execution_pb";
import { TaskExecutionMetadataSchema, type ExternalResourceInfo, type TaskExecutionMetadata } from "@/lib/gen/flyteidl/event/event_pb";
import { msOf } from "../store/db";
import { appendEvent } from "../store/events";
import { getNodeExecution } from "../store/nodeExecutions";
import { getTaskExecution, insertTaskExecution, setTaskExecutionData, updateTaskExecution } from "../store/taskExecutions";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound, requireFields } from "./errors";
import { elapsed, latest, occurredAt } from "./eventTime";
import { formatExecutionId, mustGetExecutionRowId } from "./executions";
import { checkTaskTransition, TASK_TERMINAL } from "./phaseRules";

function mergeLogs(current: TaskLog[], incoming: TaskLog[]): TaskLog[] {
  const out = [...current];
  for (const log of incoming) {
    const i = out.findIndex((l) => l.name === log.name && l.uri === log.uri);
    if (i >= 0) out[i] = log;
    else out.push(log);
  }
  return out;
}

// Sub-tasks of an array node are reported again on every event; keep the latest of each.
function mergeResources(current: ExternalResourceInfo[], incoming: ExternalResourceInfo[]): ExternalResourceInfo[] {
  const key = (r: ExternalResourceInfo) => `${r.index}/${r.retryAttempt}`;
  const byKey = new Map(current.map((r) => [key(r), r]));
  for (const r of incoming) byKey.set(key(r), r);
  return [...byKey.values()].sort((a, b) => a.index - b.index || a.retryAttempt - b.retryAttempt);
}

function mergeMetadata(current: TaskExecutionMetadata | undefined, incoming: TaskExecutionMetadata | undefined): TaskExecutionMetadata | undefined {
  if (!incoming) return current;
  if (!current) return incoming;
  const merged = clone(TaskExecutionMetadataSchema, incoming);
  merged.generatedName ||= current.generatedName;
  merged.pluginIdentifier ||= current.pluginIdentifier;
  merged.externalResources = mergeResources(current.externalResources, incoming.externalResources);
  if (merged.resourcePoolInfo.length === 0) merged.resourcePoolInfo = current.resourcePoolInfo;
  return merged;
}

export function recordTaskEvent(ctx: SandboxContext, req: TaskExecutionEventRequest): void {
  const ev = req.event;
  if (!ev) throw invalidArgument("missing event in task execution event request");
  const nodeExecId = ev.parentNodeExecutionId;
  requireFields("task execution event", { node_id: nodeExecId?.nodeId, task_name: ev.taskId?.name });
  ctx.db.transaction(() => {
    const executionRow = mustGetExecutionRowId(ctx.db, nodeExecId!.executionId);
    const node = getNodeExecution(ctx.db, executionRow, nodeExecId!.nodeId);
    if (!node) throw notFound(`node execution ${nodeExecId!.nodeId} of ${formatExecutionId(nodeExecId!.executionId)} not found`);
    const id = create(TaskExecutionIdentifierSchema, { taskId: ev.taskId, nodeExecutionId: nodeExecId, retryAttempt: ev.retryAttempt });
    const what = `task execution ${ev.taskId!.name} attempt ${ev.retryAttempt} of node ${nodeExecId!.nodeId} in ${formatExecutionId(nodeExecId!.executionId)}`;
    const at = occurredAt(ctx, ev.occurredAt);
    const existing = getTaskExecution(ctx.db, executionRow, id);

    const t = existing ? clone(TaskExecutionSchema, existing.taskExecution) : create(TaskExecutionSchema, { id, inputUri: "" });
    const c = (t.closure ??= create(TaskExecutionClosureSchema));
    if (existing) checkTaskTransition(what, c.phase, existing.phaseVersion, ev.phase, ev.phaseVersion);
    else c.createdAt = at;

    c.phase = ev.phase;
    c.updatedAt = latest(c.updatedAt, at);
    if (ev.phase === TP.RUNNING && !c.startedAt) c.startedAt = at;
    if (TASK_TERMINAL.has(ev.phase)) c.duration = elapsed(at, c.startedAt, c.createdAt);
    c.logs = mergeLogs(c.logs, ev.logs);
    if (ev.customInfo) c.customInfo = ev.customInfo;
    if (ev.taskType) c.taskType = ev.taskType;
    if (ev.logContext) c.logContext = ev.logContext;
    c.eventVersion = ev.eventVersion;
    c.metadata = mergeMetadata(c.metadata, ev.metadata);
    if (ev.reason) {
      c.reason = ev.reason;
      c.reasons.push(create(ReasonSchema, { occurredAt: at, message: ev.reason }));
    }
    for (const r of ev.reasons) {
      c.reasons.push(create(ReasonSchema, { occurredAt: r.occurredAt ?? at, message: r.reason }));
      c.reason = r.reason;
    }
    if (ev.inputValue.case === "inputUri") t.inputUri = ev.inputValue.value;
    if (ev.outputResult.case === "error") c.outputResult = { case: "error", value: ev.outputResult.value };
    if (ev.outputResult.case === "outputUri") c.outputResult = { case: "outputUri", value: ev.outputResult.value };

    const writtenAt = ctx.now();
    const rowId = existing ? existing.rowId : insertTaskExecution(ctx.db, executionRow, t, ev.phaseVersion, writtenAt);
    if (existing) updateTaskExecution(ctx.db, rowId, t, ev.phaseVersion, writtenAt);
    setTaskExecutionData(ctx.db, rowId, {
      inputs: ev.inputValue.case === "inputData" ? ev.inputValue.value : undefined,
      outputs: ev.outputResult.case === "outputData" ? ev.outputResult.value : undefined,
    });
    appendEvent(
      ctx.db,
      executionRow,
      { kind: "task", nodeId: nodeExecId!.nodeId, retryAttempt: ev.retryAttempt, phase: TP[ev.phase], occurredAt: msOf(at) ?? 0 },
      TaskExecutionEventRequestSchema,
      req,
    );
  })();
}
