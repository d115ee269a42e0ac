import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ExecutionSchema, ExecutionState } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ExecutionError_ErrorKind, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { executionModeLabel, summarizeExecution } from "./execution";

describe("summarizeExecution", () => {
  it("shapes a failed, archived, relaunched execution the way a row shows it", () => {
    const e = create(ExecutionSchema, {
      id: { project: "flytesnacks", domain: "development", name: "f3a9c" },
      spec: {
        launchPlan: { name: "core.wf", version: "v2" },
        metadata: { principal: "alice@example.com", mode: 3 },
        tags: ["nightly"],
      },
      closure: {
        phase: WorkflowExecution_Phase.FAILED,
        workflowId: { name: "core.wf", version: "v2" },
        startedAt: { seconds: 1_700_000_000n },
        duration: { seconds: 65n },
        outputResult: {
          case: "error",
          value: { kind: ExecutionError_ErrorKind.USER, message: "ValueError: bad", code: "USER:ValueError" },
        },
        stateChangeDetails: { state: ExecutionState.EXECUTION_ARCHIVED },
      },
    });
    const s = summarizeExecution(e);
    expect(s).toMatchObject({
      name: "f3a9c",
      workflowName: "core.wf",
      launchPlanVersion: "v2",
      phase: WorkflowExecution_Phase.FAILED,
      startedMs: 1_700_000_000_000,
      durationMs: 65_000,
      principal: "alice@example.com",
      mode: "Relaunch",
      archived: true,
      error: { kind: "USER", message: "ValueError: bad", code: "USER:ValueError" },
      tags: ["nightly"],
    });
  });

  it("leaves the duration open while the execution has none yet", () => {
    const s = summarizeExecution(create(ExecutionSchema, { closure: { phase: WorkflowExecution_Phase.RUNNING } }));
    expect(s.durationMs).toBeUndefined();
    expect(s.archived).toBe(false);
  });

  it("labels modes, including ones a newer FlyteAdmin may add", () => {
    expect(executionModeLabel(4)).toBe("Child workflow");
    expect(executionModeLabel(0)).toBe("Manual");
    expect(executionModeLabel(99)).toBe("Mode 99");
  });
});
