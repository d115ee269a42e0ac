import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { attemptSubTaskErrors, countSubTasksByPhase, latestSubTasks, subTaskErrors, subTaskErrorSummary, subTaskPhaseCounts } from "./sub-tasks";

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

describe("sub-task counts and errors", () => {
  const res = (list: [index: number, retry: number, phase: P][]) =>
    attempt(0, list).closure!.metadata!.externalResources;

  it("counts each index once by its latest retry, in phase order", () => {
    expect(countSubTasksByPhase(res([[0, 0, P.SUCCEEDED], [1, 0, P.RETRYABLE_FAILED], [1, 1, P.FAILED], [2, 0, P.RUNNING], [3, 0, P.SUCCEEDED]]))).toEqual([
      { phase: P.RUNNING, count: 1 },
      { phase: P.SUCCEEDED, count: 2 },
      { phase: P.FAILED, count: 1 },
    ]);
    expect(countSubTasksByPhase([])).toEqual([]);
  });

  it("reads FlytePropeller's collector summary: ranges, multi-line messages, a cut summary", () => {
    const summary = [
      "[0][3-5]: Traceback (most recent call last):",
      '  File "x.py", line 1',
      "ValueError: bad item",
      "[7]: OOMKilled",
      "... and many more.",
    ].join("\n");
    const errors = subTaskErrors(summary);
    expect([...errors.keys()]).toEqual([0, 3, 4, 5, 7]);
    expect(errors.get(4)).toBe('Traceback (most recent call last):\n  File "x.py", line 1\nValueError: bad item');
    expect(errors.get(7)).toBe("OOMKilled");
    expect(subTaskErrors("RuntimeError: not a summary").size).toBe(0);
    expect(subTaskErrors(undefined).size).toBe(0);
    expect(subTaskErrors("[5-3]: backwards").size).toBe(0);
  });

  it("writes the summary FlytePropeller writes, which reads back to the same errors", () => {
    const summary = subTaskErrorSummary([
      { index: 5, message: "B" },
      { index: 2, message: "A\nline 2" },
      { index: 3, message: "A\nline 2" },
      { index: 9, message: "A\nline 2" },
    ]);
    expect(summary).toBe("[2-3][9]: A\nline 2\n[5]: B\n");
    expect(Object.fromEntries(subTaskErrors(summary))).toEqual({ 2: "A\nline 2", 3: "A\nline 2", 9: "A\nline 2", 5: "B" });
    expect(subTaskErrorSummary([])).toBe("");
  });

  it("an attempt's sub-task errors come from its error, else from its latest reason that carries them", () => {
    const failed = create(TaskExecutionSchema, {
      closure: { outputResult: { case: "error", value: { message: "[1]: boom\n" } }, reasons: [{ message: "[2]: older" }] },
    });
    expect(Object.fromEntries(attemptSubTaskErrors(failed))).toEqual({ 1: "boom" });
    const succeeded = create(TaskExecutionSchema, { closure: { reasons: [{ message: "[2]: older" }, { message: "[2][4]: newer" }, { message: "running" }] } });
    expect(Object.fromEntries(attemptSubTaskErrors(succeeded))).toEqual({ 2: "newer", 4: "newer" });
    expect(attemptSubTaskErrors(create(TaskExecutionSchema, {})).size).toBe(0);
  });
});
