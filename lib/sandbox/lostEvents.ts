// The `leaveNodeRunning` fault: the final event of one node per execution never reaches the store, as when
// FlytePropeller ends a workflow without reporting how a node ended (flyte#3931, flyteconsole#332). FlyteAdmin
// then shows the execution ended and that node RUNNING for good. FlytePropeller itself knows the node ended
// (it keeps its own state), so the executor is shown the lost event on top of the store and goes on.
//
// Which node, deterministically: in one round's actions, the last final event (SUCCEEDED, FAILED, ABORTED,
// TIMED_OUT, SKIPPED, RECOVERED) of a top-level node other than start-node/end-node that the store holds as
// RUNNING, and only when after this round the workflow ends (a failed or terminated execution aborting its
// running nodes) or every such top-level node has ended (the workflow's last node; end-node and the
// workflow's own events follow in the next rounds). A last node that never ran (a cache hit, a skip) is
// not RUNNING, so nothing is lost then. The memory is the loop's: after a restart the executor emits the
// event again and, with the fault still on, it is lost again.
import { clone } from "@bufbuild/protobuf";
import type { NodeExecutionEventRequest } from "@/lib/gen/flyteidl/admin/event_pb";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { END_NODE_ID, START_NODE_ID } from "@/lib/flyte/closure";
import type { ExecutionSnapshot, ExecutorAction } from "./executor/types";
import { NODE_TERMINAL, WORKFLOW_TERMINAL } from "./services/phaseRules";

type NodeAction = Extract<ExecutorAction, { kind: "node" }>;

/** A final event of a top-level node (its unique id is its spec id). */
function topLevelFinal(action: ExecutorAction, nodeIds: ReadonlySet<string>): action is NodeAction {
  if (action.kind !== "node") return false;
  const ev = action.event.event;
  return !!ev && !ev.parentNodeMetadata && nodeIds.has(ev.id?.nodeId ?? "") && NODE_TERMINAL.has(ev.phase);
}

/** The node execution as the lost event would have left it: what the executor reads of an ended node. */
function withLostEvent(n: NodeExecution, req: NodeExecutionEventRequest): NodeExecution {
  const ev = req.event!;
  const next = clone(NodeExecutionSchema, n);
  if (next.closure) {
    next.closure.phase = ev.phase;
    next.closure.updatedAt = ev.occurredAt;
    if (ev.outputResult.case === "error") next.closure.outputResult = { case: "error", value: ev.outputResult.value };
  }
  return next;
}

export class LostNodeEvents {
  private readonly lost = new Map<number, NodeExecutionEventRequest>();

  /** The node ids whose final event was lost, by execution row id (for tests and logs). */
  lostNodes(): Map<number, string> {
    return new Map([...this.lost].map(([id, req]) => [id, req.event?.id?.nodeId ?? ""]));
  }

  /** Forgets executions that are no longer running. */
  retain(activeExecutionIds: readonly number[]): void {
    const active = new Set(activeExecutionIds);
    for (const id of this.lost.keys()) if (!active.has(id)) this.lost.delete(id);
  }

  /** What the executor knows of an execution: the store's snapshot with the lost event applied. */
  known(executionRowId: number, snapshot: ExecutionSnapshot): ExecutionSnapshot {
    const req = this.lost.get(executionRowId);
    const nodeId = req?.event?.id?.nodeId;
    if (!req || nodeId === undefined) return snapshot;
    const out = req.event!.outputResult;
    return {
      ...snapshot,
      nodeExecutions: snapshot.nodeExecutions.map((n) => (n.id?.nodeId === nodeId ? withLostEvent(n, req) : n)),
      nodeOutputs: out.case === "outputData" ? new Map(snapshot.nodeOutputs).set(nodeId, out.value) : snapshot.nodeOutputs,
    };
  }

  /** The actions that reach the store: with the fault on, one node's final event may be taken out (and kept). */
  deliverable(executionRowId: number, snapshot: ExecutionSnapshot, actions: ExecutorAction[], enabled: boolean): ExecutorAction[] {
    if (!enabled || this.lost.has(executionRowId)) return actions;
    const template = snapshot.closure.primary?.template;
    if (!template) return actions;
    const nodeIds = new Set(template.nodes.map((n) => n.id).filter((id) => id !== START_NODE_ID && id !== END_NODE_ID));
    const recorded = new Map(snapshot.nodeExecutions.filter((n) => nodeIds.has(n.id?.nodeId ?? "")).map((n) => [n.id!.nodeId, n.closure?.phase]));
    const finals = actions.filter((a) => topLevelFinal(a, nodeIds));
    const ended = new Set([...recorded].filter(([, phase]) => phase !== undefined && NODE_TERMINAL.has(phase)).map(([id]) => id));
    for (const a of finals) ended.add(a.event.event!.id!.nodeId);
    const workflowEnds = actions.some((a) => a.kind === "workflow" && WORKFLOW_TERMINAL.has(a.event.event?.phase ?? 0));
    if (!workflowEnds && ended.size < nodeIds.size) return actions;
    const victim = finals.findLast((a) => recorded.get(a.event.event!.id!.nodeId) === NP.RUNNING);
    if (!victim) return actions;
    this.lost.set(executionRowId, victim.event);
    return actions.filter((a) => a !== victim);
  }
}
