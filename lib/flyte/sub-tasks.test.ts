import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { latestSubTasks, subTaskPhaseCounts } from "./sub-tasks";

const attempt = (retryAttempt: number, resources: [index: number, retry: number, phase: P][]) =>
  create(TaskExecutionSchema, {
    id: { retryAttempt },
    closure: { metadata: { externalResources: resources.map(([index, retry, phase]) => ({ index, retryAttempt: retry, phase })) } },
  });

describe("map sub-tasks", () => {
  it("a retried index counts once, with its latest retry", () => {
    const a = attempt(0, [[0, 0, P.SUCCEEDED], [1, 0, P.FAILED], [1, 1, P.SUCCEEDED], [2, 0, P.RUNNING]]);
    expect(latestSubTasks(a.closure!.metadata!.externalResources).map((r) => [r.index, r.retryAttempt])).toEqual([[0, 0], [1, 1], [2, 0]]);
    expect(subTaskPhaseCounts([a])).toEqual({ [P.SUCCEEDED]: 2, [P.RUNNING]: 1 });
  });

  it("only the node's latest attempt counts; none reported is undefined", () => {
    const first = attempt(0, [[0, 0, P.FAILED], [1, 0, P.FAILED]]);
    const second = attempt(1, [[0, 0, P.SUCCEEDED], [1, 0, P.QUEUED]]);
    expect(subTaskPhaseCounts([second, first])).toEqual({ [P.SUCCEEDED]: 1, [P.QUEUED]: 1 });
    expect(subTaskPhaseCounts([attempt(0, [])])).toBeUndefined();
    expect(subTaskPhaseCounts([])).toBeUndefined();
  });
});
