// Task nodes: the catalog cache, attempts QUEUED → (WAITING_FOR_RESOURCES) → INITIALIZING → RUNNING → SUCCEEDED | RETRYABLE_FAILED | FAILED,
// retries within metadata.retries (SYSTEM errors on their own budget, as FlytePropeller), per-attempt
// timeouts (metadata.timeout) and the node's active deadline (node metadata.timeout) → TIMED_OUT.
import { durationMs, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import {
  ExecutionError_ErrorKind,
  NodeExecution_Phase,
  TaskExecution_Phase,
  type ExecutionError,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { nodeTaskTemplate } from "@/lib/flyte/closure";
import { planAttempt, simulatedOutputs, taskBehaviour, formatSeconds, type TaskBehaviour } from "./behaviour";
import { cacheKeyMetadata, isCacheable } from "./cache";
import { isTaskTerminal, ms, seedOf, type NodeCtx } from "./context";
import { abortDynamicNode, enterDynamic, stepDynamicNode } from "./dynamic-node";
import { deckUri, emitNodeEvent, emitTaskEvent, executionError, taskLog } from "./events";
import { generatedTaskName } from "./ids";
import { failNode, nodeInputs, nodeRetries } from "./node-common";
import { preRunStages, stagesAfter } from "./pre-run";

/** FlytePropeller's default max-node-retries-system-failures. */
export const SYSTEM_RETRY_BUDGET = 3;

interface TaskRun {
  n: NodeCtx;
  template: TaskTemplate;
  b: TaskBehaviour;
}

const attemptOf = (te: TaskExecution) => te.id?.retryAttempt ?? 0;
const phaseOf = (te: TaskExecution) => te.closure?.phase ?? TaskExecution_Phase.UNDEFINED;
const errorOf = (te: TaskExecution): ExecutionError | undefined =>
  te.closure?.outputResult.case === "error" ? te.closure.outputResult.value : undefined;
const at = (t: Timestamp | undefined, fallback: number) => ms(t) ?? fallback;

/** What attempt this is for the task's behaviour: a recovered execution continues the count of the ones it recovers. */
function behaviourAttempt(n: NodeCtx, attempt: number): number {
  return attempt + (n.r.recovered?.attempts?.get(n.id) ?? 0);
}

function logs(run: TaskRun, attempt: number) {
  return [taskLog(run.n, attempt, run.b.logFormat)];
}

function queueAttempt(run: TaskRun, attempt: number): void {
  emitTaskEvent(run.n, run.template.id, run.template.type, attempt, TaskExecution_Phase.QUEUED, run.n.r.now, {
    inputValue: { case: "inputData", value: nodeInputs(run.n) },
    reason: "task submitted to the sandbox",
  });
}

function startFirstAttempt(run: TaskRun): void {
  const { n, template } = run;
  const overwrite = n.r.snap.execution.spec?.overwriteCache ?? false;
  let cacheStatus = CatalogCacheStatus.CACHE_DISABLED;
  if (isCacheable(template)) {
    cacheStatus = overwrite ? CatalogCacheStatus.CACHE_SKIPPED : CatalogCacheStatus.CACHE_MISS;
    const inputs = nodeInputs(n);
    const hit = overwrite ? undefined : n.r.snap.cacheLookup(template.id!, template.metadata!.discoveryVersion, inputs);
    if (hit) {
      emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, n.r.now, {
        outputResult: { case: "outputData", value: hit.outputs },
        targetMetadata: {
          case: "taskNodeMetadata",
          value: { cacheStatus: CatalogCacheStatus.CACHE_HIT, catalogKey: cacheKeyMetadata(n, template, inputs, hit.source) },
        },
      });
      return;
    }
  }
  emitNodeEvent(n, NodeExecution_Phase.RUNNING, n.r.now, {
    targetMetadata: { case: "taskNodeMetadata", value: { cacheStatus } },
  });
  queueAttempt(run, 0);
}

/** The node-level error once no retry is left (FlytePropeller's RetriesExhausted message). */
function exhaustedError(error: ExecutionError, done: number, max: number, atMs: number): ExecutionError {
  return executionError(
    `RetriesExhausted|${error.code}`,
    `[${done}/${max}] currentAttempt done. Last Error: ${ExecutionError_ErrorKind[error.kind]}::${error.message}`,
    error.kind,
    atMs,
  );
}

/** Whether a failed attempt may be retried; else the node's final error. */
function retryDecision(run: TaskRun, failedAttempt: number, error: ExecutionError, atMs: number) {
  const previous = (run.n.r.attempts.get(run.n.id) ?? []).filter((te) => attemptOf(te) < failedAttempt);
  const systemBefore = previous.filter((te) => errorOf(te)?.kind === ExecutionError_ErrorKind.SYSTEM).length;
  if (error.kind === ExecutionError_ErrorKind.SYSTEM) {
    const done = systemBefore + 1;
    return done <= SYSTEM_RETRY_BUDGET ? undefined : exhaustedError(error, done, SYSTEM_RETRY_BUDGET + 1, atMs);
  }
  const done = failedAttempt + 1 - systemBefore;
  const max = nodeRetries(run.n, run.template) + 1;
  return done < max ? undefined : exhaustedError(error, done, max, atMs);
}

function succeed(run: TaskRun, attempt: number, outputs: LiteralMap, atMs: number): void {
  const { n, template, b } = run;
  if (b.dynamic && !n.parent?.inDynamicChain) {
    enterDynamic(n, template, b, atMs);
    return;
  }
  const cacheable = isCacheable(template) && !(n.r.snap.execution.spec?.overwriteCache ?? false);
  emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, atMs, {
    outputResult: { case: "outputData", value: outputs },
    ...(template.metadata?.generatesDeck ? { deckUri: deckUri(n, attempt) } : {}),
    targetMetadata: {
      case: "taskNodeMetadata",
      value: cacheable
        ? {
            cacheStatus: CatalogCacheStatus.CACHE_POPULATED,
            catalogKey: cacheKeyMetadata(n, template, nodeInputs(n), {
              taskId: template.id,
              nodeExecutionId: { executionId: n.r.execId, nodeId: n.id },
              retryAttempt: attempt,
            }),
          }
        : { cacheStatus: CatalogCacheStatus.CACHE_DISABLED },
    },
  });
}

function finishAttempt(run: TaskRun, te: TaskExecution, atMs: number): void {
  const { n, template, b } = run;
  const attempt = attemptOf(te);
  const plan = planAttempt(b, template, n.r.config, seedOf(n, attempt, "attempt"), behaviourAttempt(n, attempt), { execution: n.r.execId.name, node: n.id });
  const base = { logs: logs(run, attempt), phaseVersion: 0 };
  if (!plan.error) {
    const outputs = simulatedOutputs(template.interface?.outputs, b, seedOf(n, attempt, "outputs"));
    emitTaskEvent(n, template.id, template.type, attempt, TaskExecution_Phase.SUCCEEDED, atMs, {
      ...base,
      outputResult: { case: "outputData", value: outputs },
    });
    succeed(run, attempt, outputs, atMs);
    return;
  }
  const error = executionError(plan.error.code, plan.error.message, plan.error.kind, atMs);
  const final = retryDecision(run, attempt, error, atMs);
  if (!final) {
    emitTaskEvent(n, template.id, template.type, attempt, TaskExecution_Phase.RETRYABLE_FAILED, atMs, {
      ...base,
      outputResult: { case: "error", value: error },
      reason: `attempt ${attempt} failed; retrying`,
    });
    return;
  }
  emitTaskEvent(n, template.id, template.type, attempt, TaskExecution_Phase.FAILED, atMs, {
    ...base,
    outputResult: { case: "error", value: error },
  });
  emitNodeEvent(n, plan.error.timedOut ? NodeExecution_Phase.TIMED_OUT : NodeExecution_Phase.FAILED, atMs, {
    outputResult: { case: "error", value: final },
  });
}

function advanceAttempt(run: TaskRun, te: TaskExecution): void {
  const { n, template, b } = run;
  const attempt = attemptOf(te);
  const c = te.closure;
  if (phaseOf(te) === TaskExecution_Phase.RUNNING) {
    const plan = planAttempt(b, template, n.r.config, seedOf(n, attempt, "attempt"), behaviourAttempt(n, attempt), { execution: n.r.execId.name, node: n.id });
    const end = at(c?.startedAt, at(c?.updatedAt, n.r.now)) + plan.runMs;
    if (n.r.now >= end) finishAttempt(run, te, end);
    return;
  }
  const queued = at(c?.createdAt, at(c?.updatedAt, n.r.now));
  const podName = generatedTaskName(n.r.execId.name, n.id, attempt);
  const stages = preRunStages(b, template, n.r.config, seedOf(n, attempt, "attempt"), podName);
  // A slow round reports every phase that became due since, each at its own time.
  for (const stage of stagesAfter(stages, phaseOf(te))) {
    const due = queued + stage.offsetMs;
    if (n.r.now < due) return;
    emitTaskEvent(n, template.id, template.type, attempt, stage.phase, due, { logs: logs(run, attempt), reason: stage.reason });
  }
}

/** Catches the node up with an attempt that ended while the node event did not follow. */
function settleAfterAttempt(run: TaskRun, te: TaskExecution): void {
  const { n } = run;
  const attempt = attemptOf(te);
  const done = at(te.closure?.updatedAt, n.r.now);
  switch (phaseOf(te)) {
    case TaskExecution_Phase.RETRYABLE_FAILED:
      return queueAttempt(run, attempt + 1);
    case TaskExecution_Phase.SUCCEEDED: {
      const out = te.closure?.outputResult;
      const outputs =
        out?.case === "outputData" ? out.value : simulatedOutputs(run.template.interface?.outputs, run.b, seedOf(n, attempt, "outputs"));
      return succeed(run, attempt, outputs, done);
    }
    case TaskExecution_Phase.FAILED: {
      const error = errorOf(te) ?? executionError("TaskFailed", "task attempt failed", ExecutionError_ErrorKind.UNKNOWN, done);
      return emitNodeEvent(n, NodeExecution_Phase.FAILED, done, {
        outputResult: { case: "error", value: retryDecision(run, attempt, error, done) ?? error },
      });
    }
    default:
      return failNode(n, "TaskAborted", `attempt ${attempt} was aborted`, ExecutionError_ErrorKind.SYSTEM);
  }
}

function abortAttempts(n: NodeCtx, template: TaskTemplate | undefined, reason: string): void {
  for (const te of n.r.attempts.get(n.id) ?? []) {
    if (isTaskTerminal(phaseOf(te))) continue;
    emitTaskEvent(n, te.id?.taskId ?? template?.id, template?.type ?? "", attemptOf(te), TaskExecution_Phase.ABORTED, n.r.now, {
      reason,
      logs: [taskLog(n, attemptOf(te), taskBehaviour(template).logFormat)],
      phaseVersion: 0,
    });
  }
}

/** FlytePropeller's active deadline: the whole node, retries included, from when it was queued. */
function activeDeadlineExpired(n: NodeCtx, template: TaskTemplate): boolean {
  const limit = n.node.metadata?.timeout ? durationMs(n.node.metadata.timeout) : 0;
  if (limit <= 0) return false;
  const queued = ms(n.ne?.closure?.createdAt) ?? ms(n.ne?.closure?.updatedAt) ?? n.r.now;
  if (n.r.now < queued + limit) return false;
  const reason = `task active timeout [${formatSeconds(limit)}] expired`;
  abortAttempts(n, template, reason);
  emitNodeEvent(n, NodeExecution_Phase.TIMED_OUT, queued + limit, {
    outputResult: { case: "error", value: executionError("TimeoutExpired", reason, ExecutionError_ErrorKind.USER, queued + limit) },
  });
  return true;
}

export function stepTaskNode(n: NodeCtx): void {
  const template = nodeTaskTemplate(n.scope.closure, n.node);
  if (!template?.id) {
    const ref = n.node.target.case === "taskNode" ? n.node.target.value.reference.value?.name : undefined;
    return failNode(n, "TaskNotFound", `task [${ref ?? "?"}] of node [${n.node.id}] is not in the workflow closure`);
  }
  const run: TaskRun = { n, template, b: taskBehaviour(template) };
  if (n.ne?.closure?.phase === NodeExecution_Phase.DYNAMIC_RUNNING) return stepDynamicNode(n, template, run.b);
  if (activeDeadlineExpired(n, template)) return;
  const attempts = n.r.attempts.get(n.id) ?? [];
  const last = attempts.at(-1);
  if (!last) return startFirstAttempt(run);
  if (!isTaskTerminal(phaseOf(last))) return advanceAttempt(run, last);
  settleAfterAttempt(run, last);
}

export function abortTaskNode(n: NodeCtx, reason: string): void {
  const template = nodeTaskTemplate(n.scope.closure, n.node);
  if (n.ne?.closure?.phase === NodeExecution_Phase.DYNAMIC_RUNNING && template) {
    abortDynamicNode(n, template, taskBehaviour(template), reason);
    return;
  }
  abortAttempts(n, template, reason);
}
