// Builders for the actions a round emits: event requests shaped as FlytePropeller sends them
// (producer id, occurred_at/reported_at, unique node ids with parent metadata and retry group).
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  NodeExecutionEventRequestSchema,
  TaskExecutionEventRequestSchema,
  WorkflowExecutionEventRequestSchema,
} from "@/lib/gen/flyteidl/admin/event_pb";
import {
  NodeExecutionEventSchema,
  TaskExecutionEventSchema,
  WorkflowExecutionEventSchema,
} from "@/lib/gen/flyteidl/event/event_pb";
import {
  ExecutionError_ErrorKind,
  ExecutionErrorSchema,
  NodeExecution_Phase,
  TaskExecution_Phase,
  TaskLog_MessageFormat,
  TaskLogSchema,
  WorkflowExecution_Phase,
  type ExecutionError,
  type TaskLog,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { NodeCtx, Round } from "./context";
import { generatedTaskName } from "./ids";
import type { InitOf } from "./literals";

/** FlytePropeller's default cluster id; FlyteAdmin accepts events from it for any execution. */
export const PRODUCER_ID = "propeller";
/** Event version 1: events carry unique node ids, parent metadata, is_parent and is_dynamic. */
const NODE_EVENT_VERSION = 1;
const TASK_EVENT_VERSION = 1;

export type NodeEventInit = InitOf<typeof NodeExecutionEventSchema>;
type TaskEventInit = InitOf<typeof TaskExecutionEventSchema>;
type WorkflowEventInit = InitOf<typeof WorkflowExecutionEventSchema>;

export function executionError(
  code: string,
  message: string,
  kind: ExecutionError_ErrorKind,
  at: number,
): ExecutionError {
  return create(ExecutionErrorSchema, { code, message, kind, timestamp: timestampFromMs(at) });
}

function nodeKindFlags(n: NodeCtx): Partial<NodeEventInit> {
  const t = n.node.target;
  if (t.case === "workflowNode" && t.value.reference.case === "subWorkflowRef") {
    return { isParent: true, targetEntity: t.value.reference.value };
  }
  if (t.case === "branchNode") return { isParent: true };
  if (t.case === "arrayNode") return { isArray: true };
  return {};
}

export function emitNodeEvent(n: NodeCtx, phase: NodeExecution_Phase, at: number, init: NodeEventInit = {}): void {
  const when = timestampFromMs(at);
  const event = create(NodeExecutionEventSchema, {
    id: { executionId: n.r.execId, nodeId: n.id },
    producerId: PRODUCER_ID,
    phase,
    occurredAt: when,
    reportedAt: when,
    specNodeId: n.node.id,
    nodeName: n.node.metadata?.name || n.node.id,
    retryGroup: n.parent ? String(n.parent.attempt) : "",
    parentNodeMetadata: n.parent ? { nodeId: n.parent.uniqueId } : undefined,
    eventVersion: NODE_EVENT_VERSION,
    isInDynamicChain: n.parent?.inDynamicChain ?? false,
    ...nodeKindFlags(n),
    ...init,
  });
  n.r.actions.push({
    kind: "node",
    event: create(NodeExecutionEventRequestSchema, {
      requestId: `node/${n.r.execId.name}/${n.id}/${NodeExecution_Phase[phase]}`,
      event,
    }),
  });
}

/**
 * Where an attempt's Flyte Deck is: deck.html beside its outputs.pb in the attempt's output directory, which
 * FlytePropeller names in the node's terminal event (deck_uri) once the task has written it.
 */
export function deckUri(n: NodeCtx, attempt: number): string {
  const { project, domain, name } = n.r.execId;
  return `s3://flyte-sandbox/metadata/propeller/${[`${project}-${domain}-${name}`, n.id, "data", String(attempt)].map(encodeURIComponent).join("/")}/deck.html`;
}

/** The TaskLog of one attempt, served by the sandbox's HTTP server. */
export function taskLog(n: NodeCtx, attempt: number, format: "text" | "json", query = ""): TaskLog {
  const { project, domain, name } = n.r.execId;
  const path = [project, domain, name, n.id, String(attempt)].map(encodeURIComponent).join("/");
  return create(TaskLogSchema, {
    uri: `${n.r.config.httpBaseUrl}/logs/${path}${query}`,
    name: "Sandbox logs",
    messageFormat: format === "json" ? TaskLog_MessageFormat.JSON : TaskLog_MessageFormat.UNKNOWN,
  });
}

export type TaskEventOptions = TaskEventInit & {
  /** Defaults to "container"; array tasks report "k8s-array". */
  pluginIdentifier?: string;
};

export function emitTaskEvent(
  n: NodeCtx,
  taskId: Identifier | undefined,
  taskType: string,
  attempt: number,
  phase: TaskExecution_Phase,
  at: number,
  options: TaskEventOptions = {},
): void {
  const { pluginIdentifier = "container", metadata, ...init } = options;
  const when = timestampFromMs(at);
  const phaseVersion = typeof init.phaseVersion === "number" ? init.phaseVersion : 0;
  const event = create(TaskExecutionEventSchema, {
    taskId,
    parentNodeExecutionId: { executionId: n.r.execId, nodeId: n.id },
    retryAttempt: attempt,
    phase,
    producerId: PRODUCER_ID,
    occurredAt: when,
    reportedAt: when,
    taskType,
    eventVersion: TASK_EVENT_VERSION,
    ...init,
    metadata: {
      generatedName: generatedTaskName(n.r.execId.name, n.id, attempt),
      pluginIdentifier,
      ...metadata,
    },
  });
  n.r.actions.push({
    kind: "task",
    event: create(TaskExecutionEventRequestSchema, {
      requestId: `task/${n.r.execId.name}/${n.id}/${attempt}/${TaskExecution_Phase[phase]}/${phaseVersion}`,
      event,
    }),
  });
}

export function emitWorkflowEvent(r: Round, phase: WorkflowExecution_Phase, at: number, init: WorkflowEventInit = {}): void {
  const event = create(WorkflowExecutionEventSchema, {
    executionId: r.execId,
    producerId: PRODUCER_ID,
    phase,
    occurredAt: timestampFromMs(at),
    ...init,
  });
  r.actions.push({
    kind: "workflow",
    event: create(WorkflowExecutionEventRequestSchema, {
      requestId: `workflow/${r.execId.name}/${WorkflowExecution_Phase[phase]}`,
      event,
    }),
  });
}
