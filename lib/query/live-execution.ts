// The browser's live copy of one execution: fed by the BFF's WatchExecution stream, read by
// components through subscriptions. No React here; hooks live next to the components.
import type { Client } from "@connectrpc/connect";
import { ConnectError } from "@connectrpc/connect";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { ConsoleService, WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { sleep as abortableSleep } from "@/lib/async/sleep";
import { backoffDelay, isRetryable, WATCH_BACKOFF, type Backoff } from "./reconnect";

/**
 * "done": the execution ended and the stream with it. "stopped": the stream ended on an error no
 * reconnect can fix (signed out, not allowed, not found). "reconnecting": waiting to retry, or retrying.
 */
export type LiveStatus = "connecting" | "live" | "reconnecting" | "done" | "stopped";

/**
 * The BFF sends a heartbeat after 10 s without a message (FLYTE_CONSOLE_WATCH_HEARTBEAT_MS), so a
 * stream silent for three of those is dead even if the connection looks open: a proxy or load
 * balancer dropped it without closing it. The client then gives up on it and reconnects.
 */
export const WATCH_IDLE_TIMEOUT_MS = 35_000;

export interface LiveState {
  execution?: Execution;
  /** Node executions by FlyteAdmin node id (children included). Replaced, never mutated, on change. */
  nodes: ReadonlyMap<string, NodeExecution>;
  /** A child node's parent node id, by the child's node id (see WatchExecutionResponse.parent_node_ids). */
  parents: ReadonlyMap<string, string>;
  status: LiveStatus;
  /** Why the stream or FlyteAdmin is failing right now; empty when all is well. */
  error: string;
  /** While "reconnecting": when (epoch ms) the next attempt starts; in the past once it has. */
  retryAt?: number;
  /** Bumps on every change; cheap to compare. */
  version: number;
}

type Listener = () => void;

export class LiveExecution {
  private state: LiveState = { nodes: new Map(), parents: new Map(), status: "connecting", error: "", version: 0 };
  private readonly listeners = new Set<Listener>();

  /**
   * `snapshot`: one the page already holds (the server's, sent with the HTML), to start from while the stream
   * connects; its status stays "connecting" until the stream answers (or "done" when it was the last word).
   */
  constructor(snapshot?: WatchExecutionResponse) {
    if (!snapshot) return;
    this.apply(snapshot);
    this.state = { ...this.state, status: snapshot.terminal ? "done" : "connecting", error: "" };
  }

  get = (): LiveState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<LiveState>) {
    this.state = { ...this.state, ...next, version: this.state.version + 1 };
    for (const l of this.listeners) l();
  }

  /** A change: a snapshot replaces what is known, anything else (a resumed stream's first message too) merges into it. */
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
      retryAt: undefined,
    });
  }

  /** A heartbeat changes nothing, except that a stream being reconnected is live again. */
  heartbeat() {
    if (this.state.status !== "live") this.set({ status: "live", error: "", retryAt: undefined });
  }

  setStatus(status: LiveStatus, error = "", retryAt?: number) {
    this.set({ status, error, retryAt });
  }
}

export interface FollowOptions {
  /** The cursor of the snapshot `live` started from: the stream resumes there and sends only what changed since. */
  cursor?: string;
  idleTimeoutMs?: number;
  backoff?: Backoff;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** One attempt's abort signal, which also fires when nothing at all arrived for `idleMs`. */
function idleWatchdog(parent: AbortSignal, idleMs: number) {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  parent.addEventListener("abort", onAbort, { once: true });
  let lastMessageAt = Date.now();
  let idle = false;
  let timer: ReturnType<typeof setTimeout>;
  // One timer per attempt, not one per message: on firing it checks the clock and re-arms for the rest.
  const check = () => {
    const quietMs = Date.now() - lastMessageAt;
    if (quietMs < idleMs) {
      timer = setTimeout(check, idleMs - quietMs);
      return;
    }
    idle = true;
    controller.abort();
  };
  timer = setTimeout(check, idleMs);
  return {
    signal: controller.signal,
    alive: () => void (lastMessageAt = Date.now()),
    timedOut: () => idle,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * Keeps `live` fed until the execution is terminal or `signal` aborts. When the stream breaks on
 * a retryable code, ends early, or falls silent, reconnects after a jittered backoff and resumes
 * from the last cursor (the BFF then sends only what changed since); never on other codes.
 */
export async function followExecution(
  client: Client<typeof ConsoleService>,
  id: { project: string; domain: string; name: string },
  live: LiveExecution,
  signal: AbortSignal,
  opts: FollowOptions = {},
): Promise<void> {
  const idleMs = opts.idleTimeoutMs ?? WATCH_IDLE_TIMEOUT_MS;
  const sleep = opts.sleep ?? abortableSleep;
  let cursor = opts.cursor ?? "";
  let failures = 0;
  while (!signal.aborted) {
    const attempt = idleWatchdog(signal, idleMs);
    let reason: string;
    try {
      for await (const update of client.watchExecution({ id, cursor }, { signal: attempt.signal })) {
        attempt.alive();
        failures = 0;
        if (update.cursor) cursor = update.cursor;
        if (update.heartbeat) live.heartbeat();
        else live.apply(update);
        if (update.terminal) return;
      }
      reason = "The live stream ended before the execution did";
    } catch (err) {
      if (signal.aborted) return;
      if (attempt.timedOut()) {
        reason = `Nothing arrived on the live stream for ${Math.round(idleMs / 1000)} s`;
      } else {
        const ce = ConnectError.from(err);
        if (!isRetryable(ce.code)) {
          live.setStatus("stopped", ce.rawMessage);
          return;
        }
        reason = ce.rawMessage;
      }
    } finally {
      attempt.dispose();
    }
    failures++;
    const delayMs = backoffDelay(failures, opts.backoff ?? WATCH_BACKOFF, opts.random);
    live.setStatus("reconnecting", reason, Date.now() + delayMs);
    await sleep(delayMs, signal);
  }
}
