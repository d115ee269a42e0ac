// GetExecutionMetrics: a span tree (workflow → nodes → child nodes / task attempts → phases)
// built from the stored executions and the event log.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { WorkflowExecutionGetMetricsResponseSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { SpanSchema, type Span } from "@/lib/gen/flyteidl/core/metrics_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { msOf } from "../store/db";
import { eventsOf, type StoredEvent } from "../store/events";
import { allNodeExecutions } from "../store/nodeExecutions";
import { allTaskExecutions } from "../store/taskExecutions";
import type { SandboxContext } from "./context";
import { mustGetExecution } from "./executions";
import { NODE_TERMINAL, TASK_TERMINAL, WORKFLOW_TERMINAL } from "./phaseRules";

const DEFAULT_DEPTH = 10;

/** One operation span per phase the entity went through, from its events. */
function phaseSpans(events: StoredEvent[], endMs: number): Span[] {
  return events.map((e, i) =>
    create(SpanSchema, {
      startTime: timestampFromMs(e.occurredAt),
      endTime: timestampFromMs(i + 1 < events.length ? events[i + 1].occurredAt : Math.max(e.occurredAt, endMs)),
      id: { case: "operationId", value: e.phase },
    }),
  );
}

export function executionSpan(ctx: SandboxContext, id: Parameters<typeof mustGetExecution>[1], depth: number): Span {
  const stored = mustGetExecution(ctx.db, id);
  const now = ctx.now();
  const nodes = allNodeExecutions(ctx.db, stored.id);
  const tasks = allTaskExecutions(ctx.db, stored.id);
  const events = eventsOf(ctx.db, stored.id);
  const childrenOf = new Map<string | null, NodeExecution[]>();
  for (const n of nodes) {
    const list = childrenOf.get(n.parentNodeId) ?? [];
    list.push(n.nodeExecution);
    childrenOf.set(n.parentNodeId, list);
  }
  const attemptsOf = new Map<string, TaskExecution[]>();
  for (const t of tasks) {
    const nodeId = t.id?.nodeExecutionId?.nodeId ?? "";
    attemptsOf.set(nodeId, [...(attemptsOf.get(nodeId) ?? []), t]);
  }

  const taskSpan = (t: TaskExecution, level: number): Span => {
    const c = t.closure;
    const end = TASK_TERMINAL.has(c?.phase ?? 0) ? (msOf(c?.updatedAt) ?? now) : now;
    const own = events.filter((e) => e.kind === "task" && e.nodeId === t.id?.nodeExecutionId?.nodeId && e.retryAttempt === t.id?.retryAttempt);
    return create(SpanSchema, {
      startTime: c?.createdAt,
      endTime: timestampFromMs(end),
      id: { case: "taskId", value: t.id! },
      spans: level < depth ? phaseSpans(own, end) : [],
    });
  };

  const nodeSpan = (n: NodeExecution, level: number): Span => {
    const c = n.closure;
    const nodeId = n.id?.nodeId ?? "";
    const end = NODE_TERMINAL.has(c?.phase ?? 0) ? (msOf(c?.updatedAt) ?? now) : now;
    let spans: Span[] = [];
    if (level < depth) {
      const children = childrenOf.get(nodeId) ?? [];
      const attempts = attemptsOf.get(nodeId) ?? [];
      spans = [...attempts.map((t) => taskSpan(t, level + 1)), ...children.map((ch) => nodeSpan(ch, level + 1))];
      if (spans.length === 0) spans = phaseSpans(events.filter((e) => e.kind === "node" && e.nodeId === nodeId), end);
    }
    return create(SpanSchema, { startTime: c?.createdAt, endTime: timestampFromMs(end), id: { case: "nodeId", value: n.id! }, spans });
  };

  const c = stored.execution.closure;
  const end = WORKFLOW_TERMINAL.has(c?.phase ?? 0) ? (msOf(c?.updatedAt) ?? now) : now;
  return create(SpanSchema, {
    startTime: c?.createdAt,
    endTime: timestampFromMs(end),
    id: { case: "workflowId", value: stored.execution.id! },
    spans: depth > 0 ? (childrenOf.get(null) ?? []).map((n) => nodeSpan(n, 1)) : [],
  });
}

export function metricsService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getExecutionMetrics(req) {
      return create(WorkflowExecutionGetMetricsResponseSchema, { span: executionSpan(ctx, req.id, req.depth > 0 ? req.depth : DEFAULT_DEPTH) });
    },
  };
}
