import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ExecutionError_ErrorKind, WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { endNotification, NOT_WATCHED, notifyChoiceKey, observePhase, permissionProblem, type NotifyWatch } from "./notify";

/** Feeds phases one after another as the live stream would, and counts the notifications. */
function run(phases: (number | undefined)[], wanted: boolean | boolean[]) {
  let state: NotifyWatch = NOT_WATCHED;
  let fired = 0;
  phases.forEach((p, i) => {
    const next = observePhase(state, p, Array.isArray(wanted) ? wanted[i] : wanted);
    state = next.state;
    if (next.notify) fired++;
  });
  return fired;
}

describe("observePhase", () => {
  it("notifies once when a run this page saw running ends", () => {
    expect(run([P.QUEUED, P.RUNNING, P.SUCCEEDED], true)).toBe(1);
    expect(run([P.RUNNING, P.FAILING, P.FAILED], true)).toBe(1);
    expect(run([P.RUNNING, P.ABORTING, P.ABORTED], true)).toBe(1);
    expect(run([P.RUNNING, P.TIMED_OUT], true)).toBe(1);
  });

  it("does not notify for a run that had already ended when the page opened", () => {
    expect(run([P.SUCCEEDED], true)).toBe(0);
    expect(run([undefined, P.FAILED, P.FAILED], true)).toBe(0);
  });

  it("does not notify when nobody asked, nor twice when the ended run is seen again", () => {
    expect(run([P.RUNNING, P.SUCCEEDED], false)).toBe(0);
    expect(run([P.RUNNING, P.SUCCEEDED, P.SUCCEEDED, P.SUCCEEDED], true)).toBe(1);
  });

  it("honours the choice as it stands when the run ends, not when it started", () => {
    expect(run([P.RUNNING, P.RUNNING, P.SUCCEEDED], [false, true, true])).toBe(1);
    expect(run([P.RUNNING, P.RUNNING, P.SUCCEEDED], [true, true, false])).toBe(0);
  });

  it("waits while the phase is unknown or unset", () => {
    expect(run([undefined, P.UNDEFINED, P.SUCCEEDED], true)).toBe(1);
    expect(run([undefined, undefined], true)).toBe(0);
  });
});

const execution = (phase: P, closure: Record<string, unknown> = {}) =>
  create(ExecutionSchema, {
    id: { project: "flytesnacks", domain: "development", name: "abc123" },
    closure: { phase, workflowId: { name: "core.flow.wf", version: "v1" }, duration: { seconds: 65n }, ...closure },
  });

describe("endNotification", () => {
  it("names the workflow, the run and how it ended, and says how long it ran", () => {
    expect(endNotification(execution(P.SUCCEEDED))).toEqual({
      title: "core.flow.wf · abc123 succeeded",
      body: "Ran 1m 05s",
      tag: "flyteconsole.notify.flytesnacks/development/abc123",
    });
  });

  it("adds the last line of a failure's error", () => {
    const failed = execution(P.FAILED, {
      outputResult: { case: "error", value: { kind: ExecutionError_ErrorKind.USER, message: "Traceback (most recent call last):\n  File x\nValueError: bad input\n\nUser error.", code: "USER:ValueError" } },
    });
    const n = endNotification(failed);
    expect(n.title).toBe("core.flow.wf · abc123 failed");
    expect(n.body).toBe("Ran 1m 05s\nValueError: bad input");
  });

  it("says why an aborted run stopped, and keeps to the run's name when the workflow is unknown", () => {
    const aborted = create(ExecutionSchema, {
      id: { project: "p", domain: "d", name: "r1" },
      closure: { phase: P.ABORTED, outputResult: { case: "abortMetadata", value: { cause: "Terminated by alice", principal: "alice" } } },
    });
    expect(endNotification(aborted)).toMatchObject({ title: "r1 aborted", body: "Ran —\nTerminated by alice" });
  });
});

describe("notifyChoiceKey and permissionProblem", () => {
  it("keys the choice by project, domain and name", () => {
    expect(notifyChoiceKey({ project: "p", domain: "d", name: "n" })).toBe("flyteconsole.notify.p/d/n");
    expect(notifyChoiceKey({ project: "p", domain: "d", name: "n" })).not.toBe(notifyChoiceKey({ project: "p", domain: "e", name: "n" }));
  });

  it("explains each reason a notification cannot be shown, and nothing when it can or may be asked", () => {
    expect(permissionProblem("granted")).toBeUndefined();
    expect(permissionProblem("default")).toBeUndefined();
    expect(permissionProblem("denied")).toMatch(/blocked for this site/);
    expect(permissionProblem("unsupported")).toMatch(/cannot show notifications/);
    expect(permissionProblem("insecure")).toMatch(/HTTPS/);
  });
});
