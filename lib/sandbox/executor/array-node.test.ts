// An array node's failed sub-tasks report their errors as FlytePropeller's ArrayNode collects them.
import { describe, expect, test } from "vitest";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { subTaskErrors } from "@/lib/flyte/sub-tasks";
import { lit, literalMap } from "./literals";
import { closure, constant, node, task, types, workflow } from "./testing-closures";
import { InMemoryExecution, drive, nodePhases, taskEvents } from "./testing";

function mapRun(minSuccessRatio: number) {
  const item = task("wf.item", { inputs: { a: types.int }, outputs: { o0: types.str }, sandbox: { failIndices: [2], durationMs: 100 } });
  const n0 = node(
    "n0",
    {
      target: {
        case: "arrayNode",
        value: {
          node: { id: "n0", target: { case: "taskNode", value: { reference: { case: "referenceId", value: item.id! } } } },
          successCriteria: { case: "minSuccessRatio", value: minSuccessRatio },
        },
      },
    },
    { a: constant(lit.list([1, 2, 3, 4].map((i) => lit.int(i)))) },
  );
  return new InMemoryExecution({ closure: closure(workflow("wf", [n0]), [item]), inputs: literalMap() });
}

describe("array node sub-task errors", () => {
  test("a node within its success ratio keeps the failed item's error as its attempt's reason", () => {
    const ex = mapRun(0.5);
    drive(ex);
    expect(nodePhases(ex, "n0").at(-1)).toBe("SUCCEEDED");
    const events = taskEvents(ex, "n0");
    const last = events.at(-1)!;
    expect(last.phase).toBe(TP.SUCCEEDED);
    const reasons = events.map((e) => e.reason).filter(Boolean);
    expect(reasons).toHaveLength(1);
    const errors = subTaskErrors(reasons[0]);
    expect([...errors.keys()]).toEqual([2]);
    expect(errors.get(2)).toMatch(/RuntimeError: simulated failure of wf\.item\[2\]/);
  });

  test("a node below its success ratio fails with the collected errors as its message", () => {
    const ex = mapRun(1);
    drive(ex);
    expect(nodePhases(ex, "n0").at(-1)).toBe("FAILED");
    const last = taskEvents(ex, "n0").at(-1)!;
    expect(last.phase).toBe(TP.FAILED);
    const message = last.outputResult.case === "error" ? last.outputResult.value.message : "";
    expect(message).toMatch(/^\[2\]: Traceback/);
    expect([...subTaskErrors(message).keys()]).toEqual([2]);
  });
});
