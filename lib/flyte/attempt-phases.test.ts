import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { TaskExecutionSchema, type TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSegments, attemptStatus } from "./attempt-phases";

const T = Date.UTC(2024, 5, 1, 12);
const QUOTA = 'Exceeded resourcequota: pods "abc" is forbidden: exceeded quota: project-quota';
const PULL = '[ContainerCreating]: Pulling image "cr.flyte.org/flyteorg/flytekit:py3.11"';

function attempt(o: { phase: TP; retry?: number; started?: number; updated: number; reasons: [number, string][] }): TaskExecution {
  return create(TaskExecutionSchema, {
    id: { retryAttempt: o.retry ?? 0, nodeExecutionId: { nodeId: "n0" } },
    closure: {
      phase: o.phase,
      createdAt: timestampFromMs(T),
      startedAt: o.started !== undefined ? timestampFromMs(T + o.started) : undefined,
      updatedAt: timestampFromMs(T + o.updated),
      reasons: o.reasons.map(([at, message]) => ({ occurredAt: timestampFromMs(T + at), message })),
      reason: o.reasons.at(-1)?.[1] ?? "",
    },
  });
}

const shape = (te: TaskExecution, now = T + 60_000) =>
  attemptSegments(te, now).map((s) => [TP[s.phase], s.startMs - T, s.endMs - T, s.reason ?? ""]);

describe("attemptSegments", () => {
  it("splits a finished attempt into queued, waiting for resources, initializing and running, with their reasons", () => {
    const te = attempt({
      phase: TP.SUCCEEDED,
      started: 9_000,
      updated: 12_000,
      reasons: [[0, "task submitted to K8s"], [200, QUOTA], [8_000, PULL], [9_000, "pod is running"]],
    });
    expect(shape(te)).toEqual([
      ["QUEUED", 0, 200, "task submitted to K8s"],
      ["WAITING_FOR_RESOURCES", 200, 8_000, QUOTA],
      ["INITIALIZING", 8_000, 9_000, PULL],
      ["RUNNING", 9_000, 12_000, "pod is running"],
    ]);
  });

  it("a live attempt's current phase runs until now, even when no reason names it", () => {
    const te = attempt({ phase: TP.WAITING_FOR_RESOURCES, updated: 300, reasons: [[0, "task submitted to K8s"], [300, "Pending"]] });
    expect(shape(te, T + 5_000)).toEqual([
      ["QUEUED", 0, 300, "task submitted to K8s"],
      ["WAITING_FOR_RESOURCES", 300, 5_000, "Pending"],
    ]);
  });

  it("an attempt aborted while waiting ends where it was aborted, with no running segment", () => {
    const te = attempt({ phase: TP.ABORTED, updated: 4_000, reasons: [[0, "submitted"], [100, "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu."]] });
    expect(shape(te).map((s) => s.slice(0, 3))).toEqual([
      ["QUEUED", 0, 100],
      ["WAITING_FOR_RESOURCES", 100, 4_000],
    ]);
  });

  it("an attempt without reasons is queued then running", () => {
    const te = attempt({ phase: TP.RUNNING, started: 1_000, updated: 1_000, reasons: [] });
    expect(shape(te, T + 3_000)).toEqual([
      ["QUEUED", 0, 1_000, ""],
      ["RUNNING", 1_000, 3_000, ""],
    ]);
  });
});

describe("attemptStatus", () => {
  it("names the phase and reason of the latest attempt while it waits or initialises", () => {
    const first = attempt({ phase: TP.RETRYABLE_FAILED, started: 100, updated: 500, reasons: [] });
    const second = attempt({ phase: TP.INITIALIZING, retry: 1, updated: 900, reasons: [[600, "submitted"], [900, PULL]] });
    expect(attemptStatus([second, first])).toEqual({ phase: TP.INITIALIZING, reason: PULL, sinceMs: T + 900, retryAttempt: 1 });
  });

  it("says nothing once the attempt runs or ended", () => {
    expect(attemptStatus([attempt({ phase: TP.RUNNING, started: 1, updated: 1, reasons: [[1, "pod is running"]] })])).toBeUndefined();
    expect(attemptStatus([])).toBeUndefined();
  });
});
