// The browser's live copy of one execution: fed by the BFF's WatchExecution stream, read by
// components through subscriptions. No React here; hooks live next to the components.
import type { Client } from "@connectrpc/connect";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { ConsoleService, WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { sleep } from "@/lib/async/sleep";

/** "stopped": the stream ended on an error no reconnect can fix (signed out, not allowed, not found). */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "done" | "stopped";

/** Reconnecting cannot help: the same request gets the same answer (and, signed out, the page is leaving to sign in). */
const FINAL_CODES = new Set<Code>([Code.Unauthenticated, Code.PermissionDenied, Code.NotFound, Code.InvalidArgument]);

export interface LiveState {
  execution?: Execution;
  /** Node executions by FlyteAdmin node id (children included). Replaced, never mutated, on change. */
  nodes: ReadonlyMap<string, NodeExecution>;
  /** A child node's parent node id, by the child's node id (see WatchExecutionResponse.parent_node_ids). */
  parents: ReadonlyMap<string, string>;
  status: LiveStatus;
  /** Why the stream or FlyteAdmin is failing right now; empty when all is well. */
  error: string;
  /** Bumps on every change; cheap to compare. */
  version: number;
}

type Listener = () => void;

export class LiveExecution {
  private state: LiveState = { nodes: new Map(), parents: new Map(), status: "connecting", error: "", version: 0 };
  private readonly listeners = new Set<Listener>();

  get = (): LiveState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<LiveState>) {
    this.state = { ...this.state, ...next, version: this.state.version + 1 };
    for (const l of this.listeners) l();
  }

  apply(update: WatchExecutionResponse) {
    const nodes = new Map(update.snapshot ? [] : this.state.nodes);
    for (const ne of update.nodeExecutions) nodes.set(ne.id?.nodeId ?? "", ne);
    const newParents = Object.entries(update.parentNodeIds);
    const parents = update.snapshot || newParents.length ? new Map([...(update.snapshot ? [] : this.state.parents), ...newParents]) : this.state.parents;
    this.set({
      execution: update.execution ?? this.state.execution,
      nodes,
      parents,
      error: update.upstreamError,
      status: update.terminal ? "done" : "live",
    });
  }

  setStatus(status: LiveStatus, error = "") {
    this.set({ status, error });
  }
}

/**
 * Keeps `live` fed until the execution is terminal or `signal` aborts; reconnects with
 * backoff when the stream breaks (every reconnect starts from a fresh snapshot), except on FINAL_CODES.
 */
export async function followExecution(
  client: Client<typeof ConsoleService>,
  id: { project: string; domain: string; name: string },
  live: LiveExecution,
  signal: AbortSignal,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      for await (const update of client.watchExecution({ id }, { signal })) {
        failures = 0;
        live.apply(update);
        if (update.terminal) return;
      }
      if (live.get().status === "done") return;
    } catch (err) {
      if (signal.aborted) return;
      const ce = ConnectError.from(err);
      if (FINAL_CODES.has(ce.code)) {
        live.setStatus("stopped", ce.rawMessage);
        return;
      }
      failures++;
      live.setStatus("reconnecting", ce.rawMessage);
    }
    await sleep(Math.min(500 * 2 ** failures, 10_000), signal);
  }
}
