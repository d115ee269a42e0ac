// One upstream poll loop for one execution (and one set of credentials), shared by every
// viewer: it asks FlyteAdmin only for node executions updated since the last poll, stops
// when everything is terminal, backs off while FlyteAdmin fails, and ends at once when polling
// again cannot help (the session expired, FlyteAdmin refuses the caller, the execution is gone).
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { Code, type ConnectError } from "@connectrpc/connect";
export type ExecutionRef = { project: string; domain: string; name: string };
import { workflowPhase } from "@/lib/flyte/phases";
import { timestampMs } from "@/lib/flyte/time";
import { SIGN_IN_MESSAGES } from "../credentials";
import { upstreamError } from "../errors";
import { unauthenticated, withSignIn } from "../session/sign-in";
import { outsideRequest } from "../log";
import { metrics } from "../metrics";
import type { Upstream } from "../upstream";
import { isNodeTerminal, liveParents, mergeNodeExecutions, newestUpdate } from "./node-changes";
import { sleep } from "@/lib/async/sleep";

export interface WatchUpdate {
  snapshot: boolean;
  execution?: Execution;
  nodeExecutions: NodeExecution[];
  terminal: boolean;
  upstreamError: string;
  /** The parent's node id of each child in nodeExecutions, by the child's node id. */
  parentNodeIds: Record<string, string>;
  /** The watch ended for good: every stream ends with this error. */
  end?: ConnectError;
}

/** Upstream answers that end a watch instead of being retried. */
const ENDS_WATCH = new Set([Code.Unauthenticated, Code.PermissionDenied, Code.NotFound]);

export interface WatchSession {
  /** When the credentials' ID token expires: the watch ends then instead of calling FlyteAdmin. */
  expiresAtMs?: number;
  /** Called once when the watch ended for good (see WatchUpdate.end). */
  onEnd?: () => void;
}

export interface WatchOptions {
  intervalMs: number;
  maxBackoffMs: number;
  /** Updates within this many ms before the watermark are asked for again (clock skew, same-ms writes). */
  overlapMs: number;
  pageSize: number;
}

type Listener = (update: WatchUpdate) => void;

export class ExecutionWatch {
  private readonly listeners = new Set<Listener>();
  private readonly nodes = new Map<string, NodeExecution>();
  /** Child node id → the parent node id it was listed under. */
  private readonly parents = new Map<string, string>();
  private execution?: Execution;
  private watermarkMs = 0;
  /** Parent nodes whose children were listed at least once. */
  private readonly listedParents = new Set<string>();
  private loaded = false;
  private error = "";
  private abort?: AbortController;
  private ended?: ConnectError;
  terminal = false;

  constructor(
    private readonly up: Upstream,
    private readonly id: ExecutionRef,
    private readonly headers: Headers,
    private readonly options: WatchOptions,
    private readonly onIdle: () => void,
    private readonly session: WatchSession = {},
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.ended) listener(this.endUpdate(this.ended));
    else if (this.loaded) listener(this.snapshot());
    // The loop serves every viewer, so its logs are not the first viewer's request's.
    if (!this.abort && !this.terminal && !this.ended) void outsideRequest(() => this.run());
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.abort?.abort();
        this.abort = undefined;
        this.onIdle();
      }
    };
  }

  private snapshot(): WatchUpdate {
    return {
      snapshot: true,
      execution: this.execution,
      nodeExecutions: [...this.nodes.values()],
      terminal: this.terminal,
      upstreamError: this.error,
      parentNodeIds: Object.fromEntries(this.parents),
    };
  }

  private parentsOf(nodes: NodeExecution[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const ne of nodes) {
      const parent = this.parents.get(ne.id!.nodeId);
      if (parent !== undefined) out[ne.id!.nodeId] = parent;
    }
    return out;
  }

  private emit(update: WatchUpdate) {
    for (const l of this.listeners) l(update);
  }

  private endUpdate(end: ConnectError): WatchUpdate {
    return { snapshot: false, nodeExecutions: [], terminal: false, upstreamError: "", parentNodeIds: {}, end };
  }

  private finish(end: ConnectError) {
    this.ended = end;
    this.emit(this.endUpdate(end));
    this.session.onEnd?.();
  }

  private async run() {
    const abort = new AbortController();
    this.abort = abort;
    const loops = metrics().watchPollLoops;
    loops.inc();
    try {
      let failures = 0;
      while (!abort.signal.aborted && !this.terminal) {
        const { expiresAtMs } = this.session;
        if (expiresAtMs !== undefined && Date.now() >= expiresAtMs) {
          return this.finish(unauthenticated(SIGN_IN_MESSAGES.expired, this.up.config.signIn));
        }
        try {
          await this.poll(abort.signal);
          failures = 0;
        } catch (err) {
          if (abort.signal.aborted) return;
          const ce = upstreamError(err, this.up.config.endpoint, this.up.config.tls);
          if (ENDS_WATCH.has(ce.code)) return this.finish(withSignIn(ce, this.up.config.signIn));
          failures++;
          this.error = ce.rawMessage;
          this.emit({ snapshot: false, nodeExecutions: [], terminal: false, upstreamError: this.error, parentNodeIds: {} });
        }
        const delay = Math.min(this.options.intervalMs * 2 ** failures, this.options.maxBackoffMs);
        if (!this.terminal) await sleep(delay, abort.signal);
      }
    } finally {
      loops.dec();
    }
  }

  private call() {
    return { headers: this.headers, timeoutMs: this.up.config.deadlineMs };
  }

  private async listNodes(parentId: string, since: number, signal: AbortSignal): Promise<NodeExecution[]> {
    const out: NodeExecution[] = [];
    const filters = since > 0 ? `gte(updated_at,${new Date(since).toISOString()})` : "";
    let token = "";
    do {
      const res = await this.up.admin.listNodeExecutions(
        { workflowExecutionId: this.id, limit: this.options.pageSize, token, filters, uniqueParentId: parentId },
        { ...this.call(), signal },
      );
      out.push(...res.nodeExecutions);
      token = res.token;
    } while (token);
    return out;
  }

  private async poll(signal: AbortSignal) {
    const execution = await this.up.admin.getExecution({ id: this.id }, { ...this.call(), signal });
    const since = this.loaded ? this.watermarkMs - this.options.overlapMs : 0;
    const changed = mergeNodeExecutions(this.nodes, await this.listNodes("", since, signal));
    // Children: of parents still running, and of parents first seen or finished in this poll.
    const swept = new Set<string>();
    let pending = [...new Set([...liveParents(this.nodes), ...changed.filter((n) => n.metadata?.isParentNode).map((n) => n.id!.nodeId)])];
    while (pending.length) {
      const next: string[] = [];
      for (const parent of pending) {
        if (swept.has(parent)) continue;
        swept.add(parent);
        const firstLook = !this.listedParents.has(parent);
        const listed = await this.listNodes(parent, firstLook ? 0 : since, signal);
        for (const kid of listed) this.parents.set(kid.id!.nodeId, parent);
        const kids = mergeNodeExecutions(this.nodes, listed);
        this.listedParents.add(parent);
        changed.push(...kids);
        next.push(...kids.filter((n) => n.metadata?.isParentNode).map((n) => n.id!.nodeId));
      }
      pending = next;
    }
    const execChanged =
      !this.execution ||
      timestampMs(this.execution.closure?.updatedAt) !== timestampMs(execution.closure?.updatedAt) ||
      this.execution.closure?.phase !== execution.closure?.phase;
    this.execution = execution;
    this.watermarkMs = Math.max(this.watermarkMs, newestUpdate(changed));
    this.terminal =
      workflowPhase(execution.closure?.phase ?? 0).isTerminal && [...this.nodes.values()].every(isNodeTerminal);
    const hadError = this.error !== "";
    this.error = "";
    if (!this.loaded) {
      this.loaded = true;
      this.emit(this.snapshot());
      return;
    }
    if (execChanged || changed.length || this.terminal || hadError) {
      this.emit({
        snapshot: false,
        execution: execChanged ? execution : undefined,
        nodeExecutions: changed,
        terminal: this.terminal,
        upstreamError: "",
        parentNodeIds: this.parentsOf(changed),
      });
    }
  }
}
