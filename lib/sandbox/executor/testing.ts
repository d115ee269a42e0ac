// Test helper (not a product mock): a tiny in-memory stand-in for the store that applies executor
// actions to a snapshot with FlyteAdmin's bookkeeping (created/started/updated times from occurred_at,
// inputs/outputs, target metadata), and refuses what FlyteAdmin refuses: events for terminal or unknown
// executions, duplicate or backwards phases, stale task phase versions, time running backwards.
import { create } from "@bufbuild/protobuf";
import { timestampMs, timestampFromMs, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  AbortMetadataSchema,
  ExecutionMetadata_ExecutionMode,
  ExecutionSchema,
  type Execution,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import {
  NodeExecutionSchema,
  TaskNodeMetadataSchema,
  WorkflowNodeMetadataSchema,
  type NodeExecution,
} from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema, type TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { SignalSchema } from "@/lib/gen/flyteidl/admin/signal_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import {
  NodeExecution_Phase as NP,
  TaskExecution_Phase as TP,
  WorkflowExecution_Phase as WP,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Literal, LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { NodeExecutionEvent, TaskExecutionEvent, WorkflowExecutionEvent } from "@/lib/gen/flyteidl/event/event_pb";
import { referenceKey } from "@/lib/flyte/closure";
import { inputsHash } from "./cache";
import { isNodeTerminal, isTaskTerminal } from "./context";
import { literalMap } from "./literals";
import { reconcile } from "./reconcile";
import type { CacheEntry, ExecutionSnapshot, ExecutorAction, ExecutorConfig } from "./types";

export const TEST_CONFIG: ExecutorConfig = {
  taskDurationMs: 1000,
  queueDelayMs: 100,
  failureRate: 0,
  systemErrorShare: 0,
  httpBaseUrl: "http://127.0.0.1:8088",
};
export const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);

/** Outputs of successful cached attempts, shared between executions like the catalog. */
export class TestCache {
  readonly entries = new Map<string, CacheEntry>();
  lookup(task: Identifier, version: string, inputs: LiteralMap): CacheEntry | undefined {
    return this.entries.get(`${referenceKey(task)}@${version}-${inputsHash(inputs)}`);
  }
}

const WORKFLOW_TERMINAL = new Set([WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);
export const isWorkflowTerminal = (p: WP) => WORKFLOW_TERMINAL.has(p);
const nodeRank = (p: NP) => (p === NP.QUEUED ? 1 : p === NP.RUNNING ? 2 : p === NP.DYNAMIC_RUNNING ? 3 : isNodeTerminal(p) ? 4 : 0);
const taskRank = (p: TP) =>
  p === TP.QUEUED ? 1 : p === TP.WAITING_FOR_RESOURCES ? 2 : p === TP.INITIALIZING ? 3 : p === TP.RUNNING ? 4 : isTaskTerminal(p) ? 5 : 0;
const wfRank = (p: WP) => (p === WP.QUEUED ? 1 : p === WP.RUNNING ? 2 : isWorkflowTerminal(p) ? 4 : p === WP.UNDEFINED ? 0 : 3);

export interface TestExecutionOptions {
  closure: CompiledWorkflowClosure;
  inputs?: LiteralMap;
  name?: string;
  mode?: ExecutionMetadata_ExecutionMode;
  recoverFrom?: InMemoryExecution;
  launchPlans?: ReadonlyMap<string, CompiledWorkflowClosure>;
  cache?: TestCache;
}

export class InMemoryExecution {
  readonly snapshot: ExecutionSnapshot;
  readonly log: ExecutorAction[] = [];
  readonly cache: TestCache;
  private readonly versions = new Map<string, number>();

  constructor(o: TestExecutionOptions) {
    const name = o.name ?? "exec1";
    this.cache = o.cache ?? new TestCache();
    const execution = create(ExecutionSchema, {
      id: { project: "flytesnacks", domain: "development", name },
      spec: { metadata: { mode: o.mode ?? ExecutionMetadata_ExecutionMode.MANUAL, principal: "tester" } },
      closure: { phase: WP.UNDEFINED, createdAt: timestampFromMs(T0), updatedAt: timestampFromMs(T0) },
    });
    const cache = this.cache;
    this.snapshot = {
      execution,
      inputs: o.inputs ?? literalMap(),
      closure: o.closure,
      nodeExecutions: [],
      taskExecutions: [],
      nodeInputs: new Map(),
      nodeOutputs: new Map(),
      signals: [],
      childExecutions: [],
      recoverFrom: o.recoverFrom && {
        nodeExecutions: o.recoverFrom.snapshot.nodeExecutions,
        nodeOutputs: o.recoverFrom.snapshot.nodeOutputs,
        attempts: o.recoverFrom.attemptCounts(),
      },
      launchPlanWorkflow: (id) => o.launchPlans?.get(referenceKey(id)),
      cacheLookup: (task, version, inputs) => cache.lookup(task, version, inputs),
    };
  }

  get phase(): WP {
    return this.snapshot.execution.closure?.phase ?? WP.UNDEFINED;
  }
  node(nodeId: string): NodeExecution | undefined {
    return this.snapshot.nodeExecutions.find((n) => n.id?.nodeId === nodeId);
  }
  nodePhase(nodeId: string): NP | undefined {
    return this.node(nodeId)?.closure?.phase;
  }
  attempts(nodeId: string): TaskExecution[] {
    return this.snapshot.taskExecutions.filter((t) => t.id?.nodeExecutionId?.nodeId === nodeId);
  }
  /** Task attempts per node id, this execution's and those of the executions it recovers. */
  attemptCounts(): Map<string, number> {
    const counts = new Map(this.snapshot.recoverFrom?.attempts ?? []);
    for (const te of this.snapshot.taskExecutions) {
      const nodeId = te.id!.nodeExecutionId!.nodeId;
      counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
    }
    return counts;
  }
  child(name: string): Execution | undefined {
    return this.snapshot.childExecutions.find((e) => e.id?.name === name);
  }

  apply(actions: readonly ExecutorAction[]): void {
    for (const a of actions) {
      this.log.push(a);
      if (a.kind === "workflow") this.workflowEvent(a.event.event!);
      else if (a.kind === "node") this.nodeEvent(a.event.event!);
      else if (a.kind === "task") this.taskEvent(a.event.event!);
      else if (a.kind === "signal") {
        const signalId = a.request.id!.signalId;
        if (!this.snapshot.signals.some((s) => s.id?.signalId === signalId)) {
          this.snapshot.signals.push(create(SignalSchema, { id: a.request.id, type: a.request.type }));
        }
      } else if (a.kind === "launch") {
        const r = a.request;
        if (!this.child(r.name)) {
          this.snapshot.childExecutions.push(
            create(ExecutionSchema, {
              id: { project: r.project, domain: r.domain, name: r.name },
              spec: r.spec,
              closure: { phase: WP.QUEUED },
            }),
          );
        }
      } else if (a.kind === "terminate") {
        const child = this.child(a.request.id!.name);
        if (child?.closure && !isWorkflowTerminal(child.closure.phase)) child.closure.phase = WP.ABORTED;
      }
    }
  }

  setSignal(signalId: string, value: Literal): void {
    const signal = this.snapshot.signals.find((s) => s.id?.signalId === signalId);
    if (!signal) throw new Error(`signal ${signalId} does not exist`);
    signal.value = value;
  }

  /** What TerminateExecution does in FlyteAdmin: the execution goes ABORTING with the cause. */
  terminate(cause: string): void {
    const c = this.snapshot.execution.closure!;
    c.phase = WP.ABORTING;
    c.outputResult = { case: "abortMetadata", value: create(AbortMetadataSchema, { cause, principal: "tester" }) };
  }

  finishChild(name: string, phase: WP, outputs?: LiteralMap): void {
    const child = this.child(name);
    if (!child?.closure) throw new Error(`no child execution ${name}`);
    child.closure.phase = phase;
    if (outputs) child.closure.outputResult = { case: "outputData", value: outputs };
  }

  private checkTime(what: string, updatedAt: Timestamp | undefined, at: number): void {
    const last = updatedAt ? timestampMs(updatedAt) : undefined;
    if (last !== undefined && at < last) throw new Error(`${what}: event at ${at} is before the last one at ${last}`);
  }

  private workflowEvent(e: WorkflowExecutionEvent): void {
    const c = this.snapshot.execution.closure!;
    if (isWorkflowTerminal(c.phase)) throw new Error(`execution is already ${WP[c.phase]}; got ${WP[e.phase]}`);
    if (e.phase === c.phase || wfRank(e.phase) < wfRank(c.phase)) throw new Error(`execution ${WP[c.phase]} → ${WP[e.phase]}`);
    const at = timestampMs(e.occurredAt!);
    this.checkTime("execution", c.updatedAt, at);
    c.phase = e.phase;
    c.updatedAt = e.occurredAt;
    if (e.phase === WP.RUNNING) c.startedAt = e.occurredAt;
    if (e.outputResult.case === "outputData") c.outputResult = { case: "outputData", value: e.outputResult.value };
    if (e.outputResult.case === "error") c.outputResult = { case: "error", value: e.outputResult.value };
  }

  private nodeEvent(e: NodeExecutionEvent): void {
    const id = e.id!.nodeId;
    let ne = this.node(id);
    const at = timestampMs(e.occurredAt!);
    if (!ne) {
      const parent = e.parentNodeMetadata?.nodeId;
      if (parent && !this.node(parent)) throw new Error(`node ${id}: parent ${parent} does not exist`);
      ne = create(NodeExecutionSchema, { id: e.id, closure: { createdAt: e.occurredAt }, metadata: {} });
      this.snapshot.nodeExecutions.push(ne);
    } else {
      const p = ne.closure!.phase;
      if (isNodeTerminal(p)) throw new Error(`node ${id} is already ${NP[p]}; got ${NP[e.phase]}`);
      if (e.phase === p || nodeRank(e.phase) < nodeRank(p)) throw new Error(`node ${id}: ${NP[p]} → ${NP[e.phase]}`);
      this.checkTime(`node ${id}`, ne.closure!.updatedAt, at);
    }
    const c = ne.closure!;
    c.phase = e.phase;
    c.updatedAt = e.occurredAt;
    if ((e.phase === NP.RUNNING || e.phase === NP.DYNAMIC_RUNNING) && !c.startedAt) c.startedAt = e.occurredAt;
    const m = ne.metadata!;
    m.retryGroup = e.retryGroup;
    m.specNodeId = e.specNodeId;
    m.isParentNode ||= e.isParent;
    m.isDynamic ||= e.isDynamic;
    m.isArray ||= e.isArray;
    if (e.inputValue.case === "inputData") this.snapshot.nodeInputs.set(id, e.inputValue.value);
    if (e.outputResult.case === "outputData") {
      this.snapshot.nodeOutputs.set(id, e.outputResult.value);
      c.outputResult = { case: "outputData", value: e.outputResult.value };
    }
    if (e.outputResult.case === "error") c.outputResult = { case: "error", value: e.outputResult.value };
    const t = e.targetMetadata;
    if (t.case === "workflowNodeMetadata") {
      c.targetMetadata = { case: "workflowNodeMetadata", value: create(WorkflowNodeMetadataSchema, { executionId: t.value.executionId }) };
    } else if (t.case === "taskNodeMetadata") {
      const { cacheStatus, catalogKey, checkpointUri } = t.value;
      c.targetMetadata = { case: "taskNodeMetadata", value: create(TaskNodeMetadataSchema, { cacheStatus, catalogKey, checkpointUri }) };
      const source = catalogKey?.sourceExecution;
      if (cacheStatus === CatalogCacheStatus.CACHE_POPULATED && source?.case === "sourceTaskExecution" && e.outputResult.case === "outputData") {
        this.cache.entries.set(`${referenceKey(source.value.taskId)}@${catalogKey!.datasetId!.version}`, {
          source: source.value,
          outputs: e.outputResult.value,
        });
      }
    }
  }

  private taskEvent(e: TaskExecutionEvent): void {
    const nodeId = e.parentNodeExecutionId!.nodeId;
    if (!this.node(nodeId)) throw new Error(`task event for unknown node ${nodeId}`);
    const attempts = this.attempts(nodeId);
    let te = attempts.find((t) => t.id?.retryAttempt === e.retryAttempt);
    const key = `${nodeId}/${e.retryAttempt}`;
    const at = timestampMs(e.occurredAt!);
    if (!te) {
      if (attempts.some((t) => !isTaskTerminal(t.closure?.phase))) throw new Error(`${key}: an earlier attempt is still running`);
      te = create(TaskExecutionSchema, {
        id: { taskId: e.taskId, nodeExecutionId: e.parentNodeExecutionId, retryAttempt: e.retryAttempt },
        closure: { createdAt: e.occurredAt, taskType: e.taskType },
      });
      this.snapshot.taskExecutions.push(te);
    } else {
      const p = te.closure!.phase;
      if (isTaskTerminal(p)) throw new Error(`task ${key} is already ${TP[p]}; got ${TP[e.phase]}`);
      if (taskRank(e.phase) < taskRank(p)) throw new Error(`task ${key}: ${TP[p]} → ${TP[e.phase]}`);
      if (e.phase === p && e.phaseVersion <= (this.versions.get(key) ?? 0)) throw new Error(`task ${key}: stale phase version`);
      this.checkTime(`task ${key}`, te.closure!.updatedAt, at);
    }
    this.versions.set(key, e.phaseVersion);
    const c = te.closure!;
    c.phase = e.phase;
    c.updatedAt = e.occurredAt;
    if (e.phase === TP.RUNNING && !c.startedAt) c.startedAt = e.occurredAt;
    if (e.logs.length) c.logs = e.logs;
    if (e.reason) c.reason = e.reason;
    if (e.metadata) c.metadata = e.metadata;
    if (e.outputResult.case === "outputData") c.outputResult = { case: "outputData", value: e.outputResult.value };
    if (e.outputResult.case === "error") c.outputResult = { case: "error", value: e.outputResult.value };
  }
}

export interface DriveOptions {
  config?: ExecutorConfig;
  startMs?: number;
  stepMs?: number;
  maxSteps?: number;
  /** Stop (before the execution ends) once this holds. */
  until?: (ex: InMemoryExecution) => boolean;
}

/** Runs reconcile rounds against the execution until it ends (or `until`), like the sandbox's loop. */
export function drive(ex: InMemoryExecution, o: DriveOptions = {}): { now: number; steps: number } {
  const config = o.config ?? TEST_CONFIG;
  const stepMs = o.stepMs ?? 50;
  let now = o.startMs ?? T0;
  for (let steps = 0; steps < (o.maxSteps ?? 2000); steps++) {
    if (isWorkflowTerminal(ex.phase) || o.until?.(ex)) return { now, steps };
    ex.apply(reconcile(ex.snapshot, now, config));
    now += stepMs;
  }
  throw new Error(`execution did not finish: ${WP[ex.phase]}`);
}

/** The node events the executor emitted for one node id, in order. */
export function nodeEvents(ex: InMemoryExecution, nodeId: string): NodeExecutionEvent[] {
  return ex.log.flatMap((a) => (a.kind === "node" && a.event.event?.id?.nodeId === nodeId ? [a.event.event] : []));
}
export const nodePhases = (ex: InMemoryExecution, nodeId: string) => nodeEvents(ex, nodeId).map((e) => NP[e.phase]);

/** The task events the executor emitted for one node id (all attempts), in order. */
export function taskEvents(ex: InMemoryExecution, nodeId: string): TaskExecutionEvent[] {
  return ex.log.flatMap((a) =>
    a.kind === "task" && a.event.event?.parentNodeExecutionId?.nodeId === nodeId ? [a.event.event] : [],
  );
}
export const taskPhases = (ex: InMemoryExecution, nodeId: string) =>
  taskEvents(ex, nodeId).map((e) => `${e.retryAttempt}:${TP[e.phase]}`);

export const workflowPhases = (ex: InMemoryExecution) =>
  ex.log.flatMap((a) => (a.kind === "workflow" && a.event.event ? [WP[a.event.event.phase]] : []));
