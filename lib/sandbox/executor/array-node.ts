// Array nodes (ArrayNode) and legacy map tasks (task type "container_array"): one task execution whose
// sub-tasks are reported as external resources (index, retry attempt, phase, logs), as FlytePropeller's
// array event recorder does; the node succeeds when enough sub-tasks do (min_successes / min_success_ratio).
import type { JsonValue } from "@bufbuild/protobuf";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import {
  ExecutionError_ErrorKind,
  NodeExecution_Phase,
  TaskExecution_Phase,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { ExternalResourceInfoSchema } from "@/lib/gen/flyteidl/event/event_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Literal, LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { nodeTaskTemplate } from "@/lib/flyte/closure";
import { subTaskErrorSummary } from "@/lib/flyte/sub-tasks";
import { failure, plannedRunMs, taskBehaviour, type TaskBehaviour } from "./behaviour";
import { simulateArray, type ArrayPlan, type ArrayState } from "./array-sim";
import { isTaskTerminal, ms, seedOf, type NodeCtx } from "./context";
import { emitNodeEvent, emitTaskEvent, executionError, taskLog } from "./events";
import { generatedTaskName, seededUnit } from "./ids";
import { generateLiteral } from "./literal-gen";
import { lit, literalFromJson, literalMap, type InitOf } from "./literals";
import { failNode, nodeInputs, nodeRetries } from "./node-common";

interface ArrayRun {
  n: NodeCtx;
  /** The template each sub-task runs (for a map task: the map task's own template). */
  template: TaskTemplate;
  b: TaskBehaviour;
  taskId: Identifier | undefined;
  taskType: string;
  /** A map task's interface is lists of the sub-task's types; an ArrayNode's is the sub-task's. */
  listInterface: boolean;
  minSuccesses?: number;
  minSuccessRatio: number;
  parallelism: number;
  boundInputs: ReadonlySet<string>;
}

const num = (v: JsonValue | undefined): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function arrayRun(n: NodeCtx): ArrayRun | undefined {
  const template = nodeTaskTemplate(n.scope.closure, n.node);
  if (!template) return undefined;
  const b = taskBehaviour(template);
  const t = n.node.target;
  if (t.case === "arrayNode") {
    const a = t.value;
    return {
      n, template, b,
      taskId: template.id,
      taskType: "container_array",
      listInterface: false,
      minSuccesses: a.successCriteria.case === "minSuccesses" ? a.successCriteria.value : undefined,
      minSuccessRatio: a.successCriteria.case === "minSuccessRatio" ? a.successCriteria.value : 1,
      parallelism: a.parallelismOption.case === "parallelism" ? a.parallelismOption.value : 0,
      boundInputs: new Set(a.boundInputs),
    };
  }
  const custom = template.custom ?? {};
  return {
    n, template, b,
    taskId: template.id,
    taskType: template.type,
    listInterface: true,
    minSuccesses: num(custom.minSuccesses),
    minSuccessRatio: num(custom.minSuccessRatio) ?? 1,
    parallelism: num(custom.parallelism) ?? 0,
    boundInputs: new Set(),
  };
}

function arraySize(run: ArrayRun): number {
  for (const [name, value] of Object.entries(nodeInputs(run.n).literals)) {
    if (!run.boundInputs.has(name) && value.value.case === "collection") return value.value.value.literals.length;
  }
  return Math.floor(run.b.size ?? num(run.template.custom?.size) ?? 0);
}

function plan(run: ArrayRun): ArrayPlan {
  const { n, b } = run;
  const failIndices = new Set(b.failIndices);
  return {
    size: arraySize(run),
    parallelism: run.parallelism,
    retries: nodeRetries(n, run.template),
    queueMs: b.queueMs ?? n.r.config.queueDelayMs,
    runMs: (i, attempt) => plannedRunMs(b, n.r.config, seedOf(n, attempt, `sub${i}`)),
    fails: (i, attempt) =>
      failIndices.has(i) ||
      attempt < b.failAttempts ||
      (!b.configured && seededUnit(`${seedOf(n, attempt, `sub${i}`)}/fail`) < n.r.config.failureRate),
  };
}

function requiredSuccesses(run: ArrayRun, size: number): number {
  if (run.minSuccesses !== undefined) return Math.min(size, run.minSuccesses);
  return Math.ceil(size * run.minSuccessRatio);
}

function externalResources(run: ArrayRun, state: ArrayState, aborted = false): InitOf<typeof ExternalResourceInfoSchema>[] {
  const podName = generatedTaskName(run.n.r.execId.name, run.n.id, 0);
  return state.subTasks.map((s) => {
    const log = taskLog(run.n, 0, run.b.logFormat, `?index=${s.index}&attempt=${s.retryAttempt}`);
    log.name = `${log.name}-${s.index}`;
    const phase = aborted && !isTaskTerminal(s.phase) ? TaskExecution_Phase.ABORTED : s.phase;
    return {
      externalId: `${podName}-n${s.index}-${s.retryAttempt}`,
      index: s.index,
      retryAttempt: s.retryAttempt,
      phase,
      logs: s.started ? [log] : [],
    };
  });
}

function sameResources(te: TaskExecution, resources: InitOf<typeof ExternalResourceInfoSchema>[]): boolean {
  const recorded = te.closure?.metadata?.externalResources ?? [];
  return (
    recorded.length === resources.length &&
    recorded.every((r, i) => r.index === resources[i].index && r.phase === resources[i].phase && r.retryAttempt === resources[i].retryAttempt)
  );
}

/**
 * The errors of the sub-tasks that failed for good, as FlytePropeller's ArrayNode collects them (each sub-node's
 * error message under its index, in the error collector's summary form); empty when none has.
 */
function failedSubTasksSummary(run: ArrayRun, state: ArrayState): string {
  const name = run.taskId?.name ?? run.n.id;
  const failures = state.subTasks
    .filter((s) => s.phase === TaskExecution_Phase.FAILED)
    .map((s) => ({ index: s.index, message: failure(run.b, run.b.errorKind, `${name}[${s.index}]`, s.retryAttempt).message }));
  return subTaskErrorSummary(failures);
}

function outputs(run: ArrayRun, state: ArrayState): LiteralMap {
  const { n, template, b } = run;
  const entries: Record<string, Literal> = {};
  for (const [name, variable] of Object.entries(template.interface?.outputs?.variables ?? {})) {
    const itemType = run.listInterface && variable.type?.type.case === "collectionType" ? variable.type.type.value : variable.type;
    const given = b.outputs?.[name];
    entries[name] = lit.list(
      state.subTasks.map((s) => {
        if (s.phase !== TaskExecution_Phase.SUCCEEDED) return lit.none();
        if (Array.isArray(given) && given[s.index] !== undefined) return literalFromJson(given[s.index], itemType);
        return generateLiteral(itemType, `${seedOf(n, s.retryAttempt, `sub${s.index}`)}/outputs/${name}`);
      }),
    );
  }
  return literalMap(entries);
}

function finish(run: ArrayRun, state: ArrayState, atMs: number, lastReason: string | undefined): void {
  const { n } = run;
  const required = requiredSuccesses(run, state.subTasks.length);
  const metadata = { externalResources: externalResources(run, state) };
  const summary = failedSubTasksSummary(run, state);
  const common = { pluginIdentifier: "k8s-array", metadata, phaseVersion: 0 };
  if (state.succeeded >= required) {
    const out = outputs(run, state);
    // FlytePropeller drops the collected errors of a node that succeeds anyway; the sandbox keeps them as the
    // attempt's reason, so that a map task within its success ratio still shows why its failed items failed.
    emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.SUCCEEDED, atMs, {
      ...common,
      ...(summary && summary !== lastReason ? { reason: summary } : {}),
      outputResult: { case: "outputData", value: out },
    });
    emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, atMs, { outputResult: { case: "outputData", value: out } });
    return;
  }
  // As FlytePropeller's ArrayNode fails: with the collected sub-task errors as the message.
  const error = executionError(
    "SubTasksFailed",
    summary || `${state.failed} of ${state.subTasks.length} sub-tasks failed; ${required} had to succeed, ${state.succeeded} did`,
    ExecutionError_ErrorKind.USER,
    atMs,
  );
  emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.FAILED, atMs, { ...common, outputResult: { case: "error", value: error } });
  emitNodeEvent(n, NodeExecution_Phase.FAILED, atMs, { outputResult: { case: "error", value: error } });
}

export function stepArrayNode(n: NodeCtx): void {
  const run = arrayRun(n);
  if (!run) return failNode(n, "TaskNotFound", `the task of array node [${n.node.id}] is not in the workflow closure`);
  const p = plan(run);
  const te = (n.r.attempts.get(n.id) ?? []).at(-1);
  const now = n.r.now;
  if (!te) {
    emitNodeEvent(n, NodeExecution_Phase.RUNNING, now);
    emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.QUEUED, now, {
      pluginIdentifier: "k8s-array",
      inputValue: { case: "inputData", value: nodeInputs(n) },
      metadata: { externalResources: externalResources(run, simulateArray(p, -1)) },
    });
    return;
  }
  const phase = te.closure?.phase ?? TaskExecution_Phase.UNDEFINED;
  if (isTaskTerminal(phase)) {
    // The task ended but the node event did not follow: finish the node from the same timeline.
    return finish(run, simulateArray(p, Number.MAX_SAFE_INTEGER), ms(te.closure?.updatedAt) ?? now, te.closure?.reason);
  }
  if (phase !== TaskExecution_Phase.RUNNING) {
    const due = (ms(te.closure?.createdAt) ?? ms(te.closure?.updatedAt) ?? now) + p.queueMs;
    if (now < due) return;
    emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.RUNNING, due, {
      pluginIdentifier: "k8s-array",
      logs: [taskLog(n, 0, run.b.logFormat)],
      metadata: { externalResources: externalResources(run, simulateArray(p, 0)) },
    });
    return;
  }
  const started = ms(te.closure?.startedAt) ?? ms(te.closure?.updatedAt) ?? now;
  const state = simulateArray(p, now - started);
  if (state.done) return finish(run, state, started + state.finishedAt, te.closure?.reason);
  const resources = externalResources(run, state);
  if (sameResources(te, resources)) return;
  const summary = failedSubTasksSummary(run, state);
  emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.RUNNING, now, {
    pluginIdentifier: "k8s-array",
    phaseVersion: state.version,
    ...(summary && summary !== te.closure?.reason ? { reason: summary } : {}),
    logs: [taskLog(n, 0, run.b.logFormat)],
    metadata: { externalResources: resources },
  });
}

export function abortArrayNode(n: NodeCtx, reason: string): void {
  const run = arrayRun(n);
  const te = (n.r.attempts.get(n.id) ?? []).at(-1);
  if (!run || !te || isTaskTerminal(te.closure?.phase)) return;
  const started = ms(te.closure?.startedAt) ?? ms(te.closure?.updatedAt) ?? n.r.now;
  const state = simulateArray(plan(run), n.r.now - started);
  emitTaskEvent(n, run.taskId, run.taskType, 0, TaskExecution_Phase.ABORTED, n.r.now, {
    pluginIdentifier: "k8s-array",
    reason,
    metadata: { externalResources: externalResources(run, state, true) },
  });
}
