// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AttemptSegments } from "./attempt-segments";

afterEach(cleanup);

const quota = "Exceeded resourcequota: exceeded quota: project-quota";
const attempts = [
  { retryAttempt: 0, phase: TP.RETRYABLE_FAILED, startMs: 0, endMs: 30, segments: [{ phase: TP.QUEUED, startMs: 0, endMs: 10 }, { phase: TP.RUNNING, startMs: 10, endMs: 30 }] },
  {
    retryAttempt: 1,
    phase: TP.SUCCEEDED,
    startMs: 30,
    endMs: 100,
    segments: [
      { phase: TP.QUEUED, startMs: 30, endMs: 35 },
      { phase: TP.WAITING_FOR_RESOURCES, startMs: 35, endMs: 75, reason: quota },
      { phase: TP.INITIALIZING, startMs: 75, endMs: 80 },
      { phase: TP.RUNNING, startMs: 80, endMs: 100 },
    ],
  },
];

describe("AttemptSegments", () => {
  it("draws each attempt as a block of its own, numbered, titled with its outcome", () => {
    render(<div><AttemptSegments attempts={attempts} x={(ms) => ms * 2} /></div>);
    const blocks = screen.getAllByTestId("timeline-attempt");
    expect(blocks.map((b) => [b.dataset.attempt, b.dataset.phase, b.style.left, b.style.width])).toEqual([
      ["0", "RETRYABLE_FAILED", "0px", "60px"],
      ["1", "SUCCEEDED", "60px", "140px"],
    ]);
    expect(blocks[0].textContent).toBe("#1");
    expect(blocks[1].getAttribute("title")).toBe("Attempt 2 · Succeeded · 70ms");
  });

  it("splits an attempt into its phases' shares, placed within the attempt, titled with duration and reason", () => {
    render(<div><AttemptSegments attempts={attempts} x={(ms) => ms * 2} /></div>);
    const segments = screen.getAllByTestId("attempt-segment");
    expect(segments.map((s) => `${s.dataset.attempt}:${s.dataset.phase}`)).toEqual([
      "0:QUEUED", "0:RUNNING", "1:QUEUED", "1:WAITING_FOR_RESOURCES", "1:INITIALIZING", "1:RUNNING",
    ]);
    const waiting = segments[3];
    expect(waiting.style.left).toBe("10px");
    expect(waiting.style.width).toBe("80px");
    expect(waiting.getAttribute("title")).toBe(`Attempt 2 · Waiting for resources 40ms · ${quota}`);
  });

  it("does not number an attempt too narrow to hold its number", () => {
    render(<div><AttemptSegments attempts={attempts} x={(ms) => ms / 4} /></div>);
    expect(screen.getAllByTestId("timeline-attempt").map((b) => b.textContent)).toEqual(["", ""]);
  });
});
