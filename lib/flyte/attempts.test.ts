import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { lastErrorLine, newestFirst } from "./attempts";

describe("attempts as the panel lists them", () => {
  it("puts the newest attempt first whatever order FlyteAdmin answered in", () => {
    const list = [1, 3, 0, 2].map((retryAttempt) => create(TaskExecutionSchema, { id: { retryAttempt } }));
    expect(newestFirst(list).map((a) => a.id?.retryAttempt)).toEqual([3, 2, 1, 0]);
    expect(list.map((a) => a.id?.retryAttempt)).toEqual([1, 3, 0, 2]);
  });

  it("reads a traceback's last line, skipping trailing blank lines", () => {
    const traceback = 'Traceback (most recent call last):\n  File "wf.py", line 42, in t\n    raise RuntimeError("x")\nRuntimeError: simulated failure\n\n';
    expect(lastErrorLine(traceback)).toBe("RuntimeError: simulated failure");
    expect(lastErrorLine("  one line  ")).toBe("one line");
    expect(lastErrorLine("")).toBe("");
  });
});
