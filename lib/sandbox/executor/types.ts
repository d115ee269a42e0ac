// The contract between the sandbox's store/services and its simulated executor.
//
// The executor plays FlytePropeller as a reconciler: it keeps no state of its own.
// Each round it is handed a snapshot of one non-terminal execution as the store
// holds it, and answers with the actions that move it on. Every state change is an
// event request that goes through the same handlers that serve CreateWorkflowEvent,
// CreateNodeEvent and CreateTaskEvent, so a restart resumes from the store alone.
import type {
  Execution,
  ExecutionCreateRequest,
  ExecutionTerminateRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { Signal, SignalGetOrCreateRequest } from "@/lib/gen/flyteidl/admin/signal_pb";
import type {
  NodeExecutionEventRequest,
  TaskExecutionEventRequest,
  WorkflowExecutionEventRequest,
} from "@/lib/gen/flyteidl/admin/event_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Identifier, TaskExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";

/** What a cached task produced before: the attempt it came from and its outputs. */
export interface CacheEntry {
  source: TaskExecutionIdentifier;
  outputs: LiteralMap;
}

/** Everything the executor may know about one execution, read from the store. */
export interface ExecutionSnapshot {
  /** The execution, with closure.phase, startedAt, and spec (launch plan, inputs, metadata). */
  execution: Execution;
  /** The resolved inputs of the execution (launch plan defaults and fixed inputs applied). */
  inputs: LiteralMap;
  /** The compiled closure of the workflow the execution runs. */
  closure: CompiledWorkflowClosure;
  /** Every node execution of this execution, children of sub-workflow/dynamic nodes included. */
  nodeExecutions: NodeExecution[];
  /** Every task execution (attempt) of this execution. */
  taskExecutions: TaskExecution[];
  /** Inputs and outputs recorded per node execution, keyed by node execution id's nodeId. */
  nodeInputs: Map<string, LiteralMap>;
  nodeOutputs: Map<string, LiteralMap>;
  /** Signals of this execution (gate nodes); a set signal has `value`. */
  signals: Signal[];
  /** Executions started by this execution's launch-plan nodes. */
  childExecutions: Execution[];
  /** For a RECOVERED execution: the node executions and outputs of the execution it recovers. */
  recoverFrom?: {
    nodeExecutions: NodeExecution[];
    nodeOutputs: Map<string, LiteralMap>;
    /**
     * Task attempts each node made in the executions this one recovers (the whole recovery chain), so a
     * simulated task that fails its first N attempts does not fail them all over again after a recover.
     */
    attempts?: ReadonlyMap<string, number>;
  };
  /** Closures of launch plans referenced by launch-plan nodes, by launch plan id key. */
  launchPlanWorkflow(id: Identifier): CompiledWorkflowClosure | undefined;
  /** The cache: outputs of an earlier successful attempt of this task version with these inputs. */
  cacheLookup(task: Identifier, cacheVersion: string, inputs: LiteralMap): CacheEntry | undefined;
}

export type ExecutorAction =
  | { kind: "workflow"; event: WorkflowExecutionEventRequest }
  | { kind: "node"; event: NodeExecutionEventRequest }
  | { kind: "task"; event: TaskExecutionEventRequest }
  /** A launch-plan node starts a child execution (metadata.parentNodeExecution set by the executor). */
  | { kind: "launch"; request: ExecutionCreateRequest }
  /** A gate node asks for its signal to exist, as FlytePropeller does with GetOrCreateSignal. */
  | { kind: "signal"; request: SignalGetOrCreateRequest }
  /**
   * A launch-plan node's running child execution is terminated because its parent aborts or fails
   * (FlytePropeller calls TerminateExecution). Apply like TerminateExecution; an already terminal child is fine.
   */
  | { kind: "terminate"; request: ExecutionTerminateRequest };

export interface ExecutorConfig {
  /** Base simulated duration of a task attempt, in ms (a demo: ~3000; tests: ~50). */
  taskDurationMs: number;
  /** Queued time before an attempt starts running, in ms. */
  queueDelayMs: number;
  /** Share (0..1) of otherwise-healthy task attempts that fail at random (deterministically seeded). */
  failureRate: number;
  /** Of random failures, the share that are SYSTEM errors (the rest are USER). */
  systemErrorShare: number;
  /** Base URL of the sandbox's HTTP server, for TaskLog URIs (e.g. http://127.0.0.1:8088). */
  httpBaseUrl: string;
}

/** One reconcile round: pure, deterministic for (snapshot, now, config). */
export type Reconcile = (snapshot: ExecutionSnapshot, nowMs: number, config: ExecutorConfig) => ExecutorAction[];
