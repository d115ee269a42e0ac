// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AttemptSegments } from "./attempt-segments";

afterEach(cleanup);

describe("AttemptSegments", () => {
  it("draws each phase of each attempt as its share of the row, titled with its duration and reason", () => {
    const quota = "Exceeded resourcequota: exceeded quota: project-quota";
    render(
      <div>
        <AttemptSegments
          attempts={[
            { retryAttempt: 0, phase: TP.RETRYABLE_FAILED, segments: [{ phase: TP.QUEUED, startMs: 0, endMs: 10 }, { phase: TP.RUNNING, startMs: 10, endMs: 30 }] },
            {
              retryAttempt: 1,
              phase: TP.SUCCEEDED,
              segments: [
                { phase: TP.QUEUED, startMs: 30, endMs: 35 },
                { phase: TP.WAITING_FOR_RESOURCES, startMs: 35, endMs: 75, reason: quota },
                { phase: TP.INITIALIZING, startMs: 75, endMs: 80 },
                { phase: TP.RUNNING, startMs: 80, endMs: 100 },
              ],
            },
          ]}
          left={(ms) => `${ms}%`}
          width={(a, b) => `${b - a}%`}
        />
      </div>,
    );
    const segments = screen.getAllByTestId("attempt-segment");
    expect(segments.map((s) => `${s.dataset.attempt}:${s.dataset.phase}`)).toEqual([
      "0:QUEUED", "0:RUNNING", "1:QUEUED", "1:WAITING_FOR_RESOURCES", "1:INITIALIZING", "1:RUNNING",
    ]);
    const waiting = segments[3];
    expect(waiting.style.left).toBe("35%");
    expect(waiting.style.width).toBe("40%");
    expect(waiting.getAttribute("title")).toBe(`Attempt 2 · Waiting for resources 40ms · ${quota}`);
  });
});
