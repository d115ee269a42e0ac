// The executor loop: every tick, for each execution that is not terminal, read a snapshot
// from the store, ask `reconcile` what happens next, and apply each action through the same
// handlers the gRPC API serves. It keeps no state of its own (but for events the `leaveNodeRunning`
// fault lost): a restart resumes from the store. It is also where the simulated FlytePropeller's
// faults apply: its clock (the time `reconcile` is given, so every time its events report) runs
// `clockSkewMs` off the sandbox's, while the store stamps the rows it writes with the sandbox's own.
import { Code, ConnectError } from "@connectrpc/connect";
import type { ExecutorAction, ExecutorConfig, Reconcile } from "./executor/types";
import { NO_PROPELLER_FAULTS, type PropellerFaults } from "./faults";
import { LostNodeEvents } from "./lostEvents";
import { activeExecutionIds, getExecutionById } from "./store/executions";
import type { SandboxContext } from "./services/context";
import { recordNodeEvent, recordTaskEvent, recordWorkflowEvent } from "./services/events";
import { launchExecution } from "./services/launch";
import { getOrCreateSignal } from "./services/signals";
import { terminateExecution } from "./services/executionState";
import { buildSnapshot } from "./services/snapshot";
import { formatExecutionId } from "./services/executions";

export function applyAction(ctx: SandboxContext, action: ExecutorAction): void {
  switch (action.kind) {
    case "workflow":
      return recordWorkflowEvent(ctx, action.event);
    case "node":
      return recordNodeEvent(ctx, action.event);
    case "task":
      return recordTaskEvent(ctx, action.event);
    case "launch":
      try {
        launchExecution(ctx, action.request);
      } catch (err) {
        // Launched in an earlier round that ended before its node event was recorded.
        if (!(err instanceof ConnectError && err.code === Code.AlreadyExists)) throw err;
      }
      return;
    case "signal":
      getOrCreateSignal(ctx, action.request);
      return;
    case "terminate":
      try {
        terminateExecution(ctx, action.request.id, action.request.cause);
      } catch (err) {
        // The child ended on its own in the meantime: nothing left to terminate.
        if (!(err instanceof ConnectError && err.code === Code.FailedPrecondition)) throw err;
      }
      return;
  }
}

export interface TickResult {
  executions: number;
  actions: number;
  rejected: number;
}

/** How long one timed round may hold the sandbox before the rest of the executions wait for the next. */
const ROUND_BUDGET_MS = 250;

export class ExecutorLoop {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Where a round cut short by its time budget left off: the next one starts after this execution. */
  private resumeAfter = 0;
  private readonly warned = new Set<string>();
  readonly lost = new LostNodeEvents();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly reconcile: Reconcile,
    private readonly config: () => ExecutorConfig,
    private readonly faults: PropellerFaults = NO_PROPELLER_FAULTS,
  ) {}

  /**
   * One round over every active execution, in one transaction: one commit per round instead of one per
   * event. Each action is still all-or-nothing (the handlers' own transactions nest as savepoints), and
   * nothing here was acknowledged to a client, so a crash mid-round only means the round runs again.
   */
  tick(budgetMs = Infinity): TickResult {
    return this.ctx.db.transaction(() => this.round(budgetMs))();
  }

  /**
   * A round runs synchronously, so while it does the sandbox answers no call: past `budgetMs` it stops after
   * the execution in hand and the next round goes on from there (FlytePropeller's rounds do not hold up
   * FlyteAdmin's API either). A fresh sandbox starts dozens of seeded runs at once.
   */
  private round(budgetMs: number): TickResult {
    const result: TickResult = { executions: 0, actions: 0, rejected: 0 };
    const started = performance.now();
    const propellerNow = this.ctx.now() + this.faults.clockSkewMs;
    const all = activeExecutionIds(this.ctx.db);
    this.lost.retain(all);
    // Sorted ids: those after where the last round stopped come first, then the rest.
    const cut = all.findIndex((id) => id > this.resumeAfter);
    const active = cut <= 0 ? all : [...all.slice(cut), ...all.slice(0, cut)];
    this.resumeAfter = 0;
    for (const [i, id] of active.entries()) {
      if (i > 0 && performance.now() - started > budgetMs) {
        this.resumeAfter = active[i - 1];
        break;
      }
      const stored = getExecutionById(this.ctx.db, id);
      if (!stored) continue;
      const recorded = buildSnapshot(this.ctx.db, stored);
      const name = formatExecutionId(stored.execution.id);
      if (!recorded) {
        this.warnOnce(name, `sandbox: execution ${name} has no registered workflow; the executor leaves it alone`);
        continue;
      }
      result.executions++;
      const snapshot = this.lost.known(id, recorded);
      let actions: ExecutorAction[];
      try {
        actions = this.lost.deliverable(id, snapshot, this.reconcile(snapshot, propellerNow, this.config()), this.faults.leaveNodeRunning);
      } catch (err) {
        this.warnOnce(`${name}:reconcile`, `sandbox: reconcile failed for ${name}: ${String(err)}`);
        continue;
      }
      for (const action of actions) {
        try {
          applyAction(this.ctx, action);
          result.actions++;
        } catch (err) {
          // Later actions of this round build on this one; the next round starts from the store again.
          result.rejected++;
          this.warnOnce(`${name}:${describe(action)}`, `sandbox: executor action ${describe(action)} for ${name} rejected: ${err instanceof Error ? err.message : String(err)}`);
          break;
        }
      }
    }
    return result;
  }

  start(): void {
    if (this.timer) return;
    const schedule = () => {
      this.timer = setTimeout(() => {
        if (!this.running) {
          this.running = true;
          try {
            this.tick(ROUND_BUDGET_MS);
          } catch (err) {
            console.error("sandbox: executor tick failed:", err);
          } finally {
            this.running = false;
          }
        }
        if (this.timer) schedule();
      }, this.ctx.config.tickMs);
    };
    schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    if (this.warned.size > 1000) this.warned.clear();
    this.warned.add(key);
    console.warn(message);
  }
}

function describe(action: ExecutorAction): string {
  switch (action.kind) {
    case "workflow":
      return `workflow→${action.event.event?.phase}`;
    case "node":
      return `node ${action.event.event?.id?.nodeId}→${action.event.event?.phase}`;
    case "task":
      return `task ${action.event.event?.parentNodeExecutionId?.nodeId}#${action.event.event?.retryAttempt}→${action.event.event?.phase}`;
    case "launch":
      return `launch ${action.request.name}`;
    case "signal":
      return `signal ${action.request.id?.signalId}`;
    case "terminate":
      return `terminate ${action.request.id?.name}`;
  }
  return "unknown";
}
