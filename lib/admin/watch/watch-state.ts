// What a watch knows of its execution, and what to tell a viewer: a snapshot, what changed in one poll,
// or what changed after a cursor. Every poll that changed something gets the next sequence number.
import { create } from "@bufbuild/protobuf";
import type { ConnectError } from "@connectrpc/connect";
import { WatchExecutionResponseSchema, type WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { workflowPhase } from "@/lib/flyte/phases";
import { timestampMs } from "@/lib/flyte/time";
import { ChangeLog, formatCursor, newGeneration, parseCursor } from "./cursor";
import type { SweepState } from "./node-sweep";

export interface WatchUpdate {
  snapshot: boolean;
  execution?: Execution;
  nodeExecutions: NodeExecution[];
  terminal: boolean;
  upstreamError: string;
  /** The parent's node id of each child in nodeExecutions, by the child's node id. */
  parentNodeIds: Record<string, string>;
  /** Where this update leaves its receiver (cursor.ts); empty before the viewer has any data. */
  cursor: string;
  heartbeat: boolean;
  /** This viewer's stream ends with this error. */
  end?: ConnectError;
}

/** The message a WatchExecution stream sends for `u`. */
export function watchResponse(u: WatchUpdate): WatchExecutionResponse {
  return create(WatchExecutionResponseSchema, {
    snapshot: u.snapshot,
    execution: u.execution,
    nodeExecutions: u.nodeExecutions,
    terminal: u.terminal,
    upstreamError: u.upstreamError,
    parentNodeIds: u.parentNodeIds,
    cursor: u.cursor,
    heartbeat: u.heartbeat,
  });
}

export const NO_NEWS: Omit<WatchUpdate, "cursor"> = {
  snapshot: false,
  nodeExecutions: [],
  terminal: false,
  upstreamError: "",
  parentNodeIds: {},
  heartbeat: false,
};

export class WatchState {
  readonly generation = newGeneration();
  private sequence = 0;
  private readonly changes = new ChangeLog();
  readonly sweep: SweepState = { nodes: new Map(), parents: new Map(), listedParents: new Set() };
  private execution?: Execution;
  /** The first poll answered: there is something to show. */
  loaded = false;
  /** FlyteAdmin's error while it fails to answer the poll. */
  error = "";
  /** The execution is over: the last poll was the final sweep. */
  terminal = false;

  get cursor(): string {
    return this.loaded ? formatCursor(this.generation, this.sequence) : "";
  }

  snapshot(): WatchUpdate {
    return {
      ...NO_NEWS,
      snapshot: true,
      execution: this.execution,
      nodeExecutions: [...this.sweep.nodes.values()],
      terminal: this.terminal,
      upstreamError: this.error,
      parentNodeIds: Object.fromEntries(this.sweep.parents),
      cursor: this.cursor,
    };
  }

  /** What changed after `cursor` when it is one of this watch's; a snapshot otherwise. */
  since(cursor: string): WatchUpdate {
    const from = parseCursor(cursor);
    if (!from || from.generation !== this.generation || from.sequence > this.sequence) return this.snapshot();
    const since = this.changes.since(from.sequence);
    const nodes = since.nodeIds.map((id) => this.sweep.nodes.get(id)!);
    return {
      ...NO_NEWS,
      execution: since.execution ? this.execution : undefined,
      nodeExecutions: nodes,
      terminal: this.terminal,
      upstreamError: this.error,
      parentNodeIds: this.parentsOf(nodes),
      cursor: this.cursor,
    };
  }

  /**
   * Takes one good poll: the execution, and the node executions the sweep found changed (already merged into
   * `sweep`). Returns what viewers in step should be told, if anything.
   */
  polled(execution: Execution, changed: NodeExecution[]): WatchUpdate | undefined {
    const execChanged =
      !this.execution ||
      timestampMs(this.execution.closure?.updatedAt) !== timestampMs(execution.closure?.updatedAt) ||
      this.execution.closure?.phase !== execution.closure?.phase;
    this.execution = execution;
    // The execution is over: this sweep was the last, whatever phase FlyteAdmin still shows for some nodes.
    this.terminal = workflowPhase(execution.closure?.phase ?? 0).isTerminal;
    const hadError = this.error !== "";
    this.error = "";
    if (execChanged || changed.length) {
      this.sequence++;
      this.changes.record(this.sequence, changed.map((n) => n.id!.nodeId), execChanged);
    }
    if (!this.loaded) {
      this.loaded = true;
      return this.snapshot();
    }
    if (!execChanged && !changed.length && !this.terminal && !hadError) return undefined;
    return {
      ...NO_NEWS,
      execution: execChanged ? execution : undefined,
      nodeExecutions: changed,
      terminal: this.terminal,
      parentNodeIds: this.parentsOf(changed),
      cursor: this.cursor,
    };
  }

  private parentsOf(nodes: NodeExecution[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const ne of nodes) {
      const parent = this.sweep.parents.get(ne.id!.nodeId);
      if (parent !== undefined) out[ne.id!.nodeId] = parent;
    }
    return out;
  }
}
