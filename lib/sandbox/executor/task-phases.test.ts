// Task attempts pass through FlytePropeller's phases between QUEUED and RUNNING, with reasons:
// QUEUED → (WAITING_FOR_RESOURCES) → INITIALIZING → RUNNING → terminal; ABORTED from any of them.
import { describe, expect, test } from "vitest";
import type { JsonObject } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { literalMap } from "./literals";
import { closure, task, taskNode, workflow } from "./testing-closures";
import { InMemoryExecution, TEST_CONFIG, drive, taskEvents, taskPhases } from "./testing";

function oneTask(sandbox?: JsonObject, name = "exec1") {
  const t = task("wf.train", sandbox ? { sandbox } : {});
  const wf = workflow("wf", [taskNode("n0", t)]);
  return new InMemoryExecution({ closure: closure(wf, [t]), inputs: literalMap(), name });
}

const reasonOf = (ex: InMemoryExecution, phase: TP) => taskEvents(ex, "n0").find((e) => e.phase === phase)?.reason ?? "";
const atOf = (ex: InMemoryExecution, phase: TP) => {
  const e = taskEvents(ex, "n0").find((x) => x.phase === phase);
  return e ? timestampMs(e.occurredAt!) : undefined;
};

describe("task phases between QUEUED and RUNNING", () => {
  test("an attempt waiting for resources goes QUEUED → WAITING_FOR_RESOURCES → INITIALIZING → RUNNING → SUCCEEDED, each with a reason", () => {
    const ex = oneTask({ durationMs: 300, waitingMs: 2000 });
    drive(ex);
    expect(taskPhases(ex, "n0")).toEqual(["0:QUEUED", "0:WAITING_FOR_RESOURCES", "0:INITIALIZING", "0:RUNNING", "0:SUCCEEDED"]);
    expect(reasonOf(ex, TP.WAITING_FOR_RESOURCES)).toMatch(/Exceeded resourcequota|Insufficient/);
    expect(reasonOf(ex, TP.INITIALIZING)).toMatch(/ContainerCreating/);
    // The wait is as long as configured, on top of the usual queue time.
    expect(atOf(ex, TP.INITIALIZING)! - atOf(ex, TP.WAITING_FOR_RESOURCES)!).toBeGreaterThanOrEqual(2000);
  });

  test("without a wait the attempt still initialises before it runs, and reaches RUNNING after the configured queue time", () => {
    const ex = oneTask({ durationMs: 300, waitingMs: 0 });
    drive(ex, { stepMs: 10 });
    expect(taskPhases(ex, "n0")).toEqual(["0:QUEUED", "0:INITIALIZING", "0:RUNNING", "0:SUCCEEDED"]);
    const queuedToRunning = atOf(ex, TP.RUNNING)! - atOf(ex, TP.QUEUED)!;
    expect(queuedToRunning).toBe(TEST_CONFIG.queueDelayMs);
  });

  test("some unconfigured attempts wait for resources and others do not, the same way every time", () => {
    const sequences = Array.from({ length: 40 }, (_, i) => {
      const ex = oneTask(undefined, `exec${i}`);
      drive(ex);
      return taskPhases(ex, "n0").join(",");
    });
    const waited = sequences.filter((s) => s.includes("WAITING_FOR_RESOURCES")).length;
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThan(40);
    const again = oneTask(undefined, "exec3");
    drive(again);
    expect(taskPhases(again, "n0").join(",")).toBe(sequences[3]);
  });

  test("terminating while an attempt waits for resources aborts it", () => {
    const ex = oneTask({ durationMs: 300, waitingMs: 60_000 });
    const { now } = drive(ex, { until: (e) => e.attempts("n0")[0]?.closure?.phase === TP.WAITING_FOR_RESOURCES });
    ex.terminate("no quota today");
    drive(ex, { startMs: now });
    expect(ex.phase).toBe(WP.ABORTED);
    expect(taskPhases(ex, "n0")).toEqual(["0:QUEUED", "0:WAITING_FOR_RESOURCES", "0:ABORTED"]);
  });

  test("a slow round catches up: every phase that became due is reported, in order and at its own time", () => {
    const ex = oneTask({ durationMs: 300, waitingMs: 500 });
    drive(ex, { stepMs: 5_000 });
    expect(taskPhases(ex, "n0")).toEqual(["0:QUEUED", "0:WAITING_FOR_RESOURCES", "0:INITIALIZING", "0:RUNNING", "0:SUCCEEDED"]);
    expect(atOf(ex, TP.INITIALIZING)!).toBeLessThan(atOf(ex, TP.RUNNING)!);
  });
});
