// A workflow's failure node (WorkflowTemplate.failure_node), run as FlytePropeller runs it
// (flytepropeller/pkg/controller/workflow/executor.go: handleFailingWorkflow, handleFailureNode).
import { describe, expect, test } from "vitest";
import type { JsonObject } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { WorkflowMetadata_OnFailurePolicy } from "@/lib/gen/flyteidl/core/workflow_pb";
import { lit, literalMap } from "./literals";
import { closure, constant, task, taskNode, types, workflow } from "./testing-closures";
import { InMemoryExecution, drive, nodeEvents, nodePhases, taskPhases, workflowPhases } from "./testing";

function failingWorkflow(o: { cleanUp?: JsonObject; validate?: JsonObject; failLate?: boolean } = {}) {
  const validate = task("wf.validate", { inputs: { path: types.str }, sandbox: o.validate ?? { failAttempts: 100, durationMs: 200 } });
  const report = task("wf.report", { inputs: { path: types.str }, sandbox: { durationMs: 600 } });
  const cleanUp = task("wf.clean_up", { inputs: { path: types.str }, sandbox: o.cleanUp ?? { durationMs: 300 } });
  const path = { path: constant(lit.str("s3://bucket/out")) };
  const wf = workflow("wf", [taskNode("n0", validate, path), taskNode("n1", report, path)], {
    onFailure: o.failLate ? WorkflowMetadata_OnFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE : undefined,
  });
  wf.template!.failureNode = taskNode("fn0", cleanUp, path);
  return new InMemoryExecution({ closure: closure(wf, [validate, report, cleanUp]), inputs: literalMap() });
}

const workflowEventAt = (ex: InMemoryExecution, phase: WP) => {
  const a = ex.log.find((x) => x.kind === "workflow" && x.event.event?.phase === phase);
  return a?.kind === "workflow" ? timestampMs(a.event.event!.occurredAt!) : undefined;
};

describe("failure node", () => {
  test("a failed workflow goes FAILING, runs its failure node as a task node, then FAILED with the original error", () => {
    const ex = failingWorkflow();
    drive(ex);
    expect(workflowPhases(ex)).toEqual(["QUEUED", "RUNNING", "FAILING", "FAILED"]);
    expect(nodePhases(ex, "fn0")).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
    expect(taskPhases(ex, "fn0").at(-1)).toBe("0:SUCCEEDED");
    // The failure node starts only once the workflow is FAILING, and FAILED waits for it.
    const failing = workflowEventAt(ex, WP.FAILING)!;
    const fnQueued = timestampMs(nodeEvents(ex, "fn0")[0].occurredAt!);
    const fnDone = timestampMs(nodeEvents(ex, "fn0").at(-1)!.occurredAt!);
    expect(fnQueued).toBeGreaterThanOrEqual(failing);
    expect(workflowEventAt(ex, WP.FAILED)!).toBeGreaterThanOrEqual(fnDone);
    // The running sibling was aborted before the failure node ran.
    expect(nodePhases(ex, "n1").at(-1)).toBe("ABORTED");
    const out = ex.snapshot.execution.closure?.outputResult;
    expect(out?.case).toBe("error");
    expect(out?.case === "error" && out.value.message).toContain("simulated failure of wf.validate");
  });

  test("the FAILING event carries the error that failed the workflow", () => {
    const ex = failingWorkflow();
    drive(ex);
    const failing = ex.log.find((a) => a.kind === "workflow" && a.event.event?.phase === WP.FAILING);
    const r = failing?.kind === "workflow" ? failing.event.event?.outputResult : undefined;
    expect(r?.case === "error" && r.value.message).toContain("wf.validate");
  });

  test("a failure node that fails itself ends the workflow FAILED with the failure node's error", () => {
    const ex = failingWorkflow({ cleanUp: { failAttempts: 100, durationMs: 100, errorMessage: "clean-up could not delete" } });
    drive(ex);
    expect(workflowPhases(ex)).toEqual(["QUEUED", "RUNNING", "FAILING", "FAILED"]);
    expect(nodePhases(ex, "fn0").at(-1)).toBe("FAILED");
    const out = ex.snapshot.execution.closure?.outputResult;
    expect(out?.case === "error" && out.value.message).toContain("clean-up could not delete");
  });

  test("with FAIL_AFTER_EXECUTABLE_NODES_COMPLETE the other nodes finish before the failure node runs", () => {
    const ex = failingWorkflow({ failLate: true });
    drive(ex);
    expect(nodePhases(ex, "n1").at(-1)).toBe("SUCCEEDED");
    expect(nodePhases(ex, "fn0")).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
    expect(ex.phase).toBe(WP.FAILED);
  });

  test("a workflow that succeeds never runs its failure node", () => {
    const ex = failingWorkflow({ validate: { durationMs: 100 } });
    drive(ex);
    expect(ex.phase).toBe(WP.SUCCEEDED);
    expect(ex.node("fn0")).toBeUndefined();
  });

  test("terminating a workflow while its failure node runs aborts the failure node", () => {
    const ex = failingWorkflow({ cleanUp: { durationMs: 60_000 } });
    const { now } = drive(ex, { until: (e) => e.attempts("fn0").length > 0 });
    ex.terminate("stop it");
    drive(ex, { startMs: now });
    expect(ex.phase).toBe(WP.ABORTED);
    expect(nodePhases(ex, "fn0").at(-1)).toBe("ABORTED");
  });
});
