// Each attempt of a task node as its phases' shares of time: queued, waiting for resources, initializing, running.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { buildTimeline, timelineAttempts } from "./timeline";

const T0 = 1_700_000_000_000;
const ts = (ms: number) => timestampFromMs(T0 + ms);

const node = create(NodeExecutionSchema, {
  id: { nodeId: "n0" },
  metadata: { specNodeId: "n0" },
  closure: { phase: NP.SUCCEEDED, createdAt: ts(0), startedAt: ts(0), updatedAt: ts(20_000), duration: { seconds: 20n } },
});
const attempts = [
  create(TaskExecutionSchema, {
    id: { retryAttempt: 1, nodeExecutionId: { nodeId: "n0" } },
    closure: {
      phase: TP.SUCCEEDED,
      createdAt: ts(6_000),
      startedAt: ts(16_000),
      updatedAt: ts(20_000),
      reasons: [
        { occurredAt: ts(6_000), message: "task submitted to K8s" },
        { occurredAt: ts(6_500), message: "Exceeded resourcequota: exceeded quota: project-quota" },
        { occurredAt: ts(15_000), message: '[ContainerCreating]: Pulling image "x"' },
      ],
    },
  }),
  create(TaskExecutionSchema, {
    id: { retryAttempt: 0, nodeExecutionId: { nodeId: "n0" } },
    closure: { phase: TP.RETRYABLE_FAILED, createdAt: ts(0), startedAt: ts(1_000), updatedAt: ts(5_000) },
  }),
];

describe("timeline attempts", () => {
  it("splits each attempt of a node into its phases, attempts in order, each with its own span", () => {
    const list = timelineAttempts(attempts, T0 + 30_000);
    expect(list.map((a) => [a.retryAttempt, a.startMs - T0, a.endMs - T0])).toEqual([[0, 0, 5_000], [1, 6_000, 20_000]]);
    expect(list[1].segments.map((s) => [TP[s.phase], s.startMs - T0, s.endMs - T0])).toEqual([
      ["QUEUED", 0 + 6_000, 6_500],
      ["WAITING_FOR_RESOURCES", 6_500, 15_000],
      ["INITIALIZING", 15_000, 16_000],
      ["RUNNING", 16_000, 20_000],
    ]);
    expect(list[0].phase).toBe(TP.RETRYABLE_FAILED);
  });

  it("a node whose attempts are not known keeps its queued and running bar", () => {
    expect(timelineAttempts(undefined, T0)).toEqual([]);
    const t = buildTimeline(new Map([["n0", node]]), { expanded: new Set(), upstream: {}, nowMs: T0 + 30_000 });
    expect(t.bars[0].startMs).toBe(T0);
    expect(t.bars[0].endMs).toBe(T0 + 20_000);
  });
});
