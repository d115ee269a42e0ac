import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { ExecutionSchema, ExecutionState, ExecutionStateChangeDetailsSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { defaultTerminateCause, executionActions, latestStateChange, newExecutionName, REASONS } from "./availability";

function execution(phase: WP, opts: { archivedAt?: number; launchPlan?: boolean } = {}) {
  return create(ExecutionSchema, {
    id: { project: "p", domain: "d", name: "e1" },
    spec: opts.launchPlan === false ? {} : { launchPlan: { project: "p", domain: "d", name: "lp", version: "v1" } },
    closure: {
      phase,
      stateChangeDetails: opts.archivedAt !== undefined ? { state: ExecutionState.EXECUTION_ARCHIVED, occurredAt: timestampFromMs(opts.archivedAt) } : undefined,
    },
  });
}

describe("executionActions", () => {
  it("offers terminate only while the execution runs, with the reason otherwise", () => {
    for (const p of [WP.UNDEFINED, WP.QUEUED, WP.RUNNING, WP.SUCCEEDING, WP.FAILING]) {
      expect(executionActions(execution(p)).terminate).toEqual({ available: true });
    }
    for (const p of [WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]) {
      expect(executionActions(execution(p)).terminate).toEqual({ available: false, reason: REASONS.terminateFinished });
    }
    expect(executionActions(execution(WP.ABORTING)).terminate).toEqual({ available: false, reason: REASONS.terminateAborting });
  });

  it("offers recover for failed, aborted and timed-out executions only", () => {
    const ok = [WP.FAILED, WP.ABORTED, WP.TIMED_OUT].map((p) => executionActions(execution(p)).recover.available);
    expect(ok).toEqual([true, true, true]);
    for (const p of [WP.RUNNING, WP.SUCCEEDED, WP.QUEUED, WP.ABORTING]) {
      expect(executionActions(execution(p)).recover).toEqual({ available: false, reason: REASONS.recoverPhase });
    }
  });

  it("archives finished executions and says unarchive once archived", () => {
    expect(executionActions(execution(WP.RUNNING)).archive).toMatchObject({ available: false, archived: false, reason: REASONS.archiveRunning });
    expect(executionActions(execution(WP.SUCCEEDED)).archive).toMatchObject({ available: true, archived: false });
    expect(executionActions(execution(WP.SUCCEEDED, { archivedAt: 1000 })).archive).toMatchObject({ available: true, archived: true });
  });

  it("relaunches when the execution names its launch plan", () => {
    expect(executionActions(execution(WP.RUNNING)).relaunch.available).toBe(true);
    expect(executionActions(execution(WP.RUNNING, { launchPlan: false })).relaunch).toEqual({ available: false, reason: REASONS.relaunchNoLaunchPlan });
  });

  it("takes the newer archive state when the live copy is stale", () => {
    const fresh = create(ExecutionStateChangeDetailsSchema, { state: ExecutionState.EXECUTION_ACTIVE, occurredAt: timestampFromMs(2000) });
    const stale = execution(WP.SUCCEEDED, { archivedAt: 1000 });
    expect(executionActions(stale, { stateChange: fresh }).archive.archived).toBe(false);
    const older = create(ExecutionStateChangeDetailsSchema, { state: ExecutionState.EXECUTION_ACTIVE, occurredAt: timestampFromMs(500) });
    expect(executionActions(stale, { stateChange: older }).archive.archived).toBe(true);
    expect(latestStateChange(undefined, fresh)).toBe(fresh);
  });
});

describe("defaultTerminateCause", () => {
  it("names the user when the console knows who they are", () => {
    expect(defaultTerminateCause("jane@example.com")).toBe("Terminated from the console by jane@example.com");
    expect(defaultTerminateCause("  ")).toBe("Terminated from the console");
    expect(defaultTerminateCause(undefined)).toBe("Terminated from the console");
  });
});

describe("newExecutionName", () => {
  it("makes names FlyteAdmin accepts: a letter, then 19 lowercase letters or digits", () => {
    for (let i = 0; i < 50; i++) expect(newExecutionName()).toMatch(/^[a-z][a-z0-9]{19}$/);
    expect(newExecutionName(() => 0.999)).toMatch(/^z9{19}$/);
  });
});
