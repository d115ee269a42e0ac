// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AttemptPhaseNote } from "./attempt-phase-note";

afterEach(cleanup);

describe("AttemptPhaseNote", () => {
  it("says the attempt waits for resources, why, and for how long", () => {
    const reason = "Exceeded resourcequota: exceeded quota: project-quota";
    render(<AttemptPhaseNote status={{ phase: TP.WAITING_FOR_RESOURCES, reason, sinceMs: 1_000, retryAttempt: 1 }} nowMs={13_000} />);
    const note = screen.getByTestId("task-phase");
    expect(note.getAttribute("data-task-phase")).toBe("WAITING_FOR_RESOURCES");
    expect(note.textContent).toBe(`Waiting for resources · ${reason}`);
    expect(note.getAttribute("title")).toBe(`Waiting for resources (attempt 2) for 12s: ${reason}`);
  });

  it("names initializing without a reason", () => {
    render(<AttemptPhaseNote status={{ phase: TP.INITIALIZING, sinceMs: 0, retryAttempt: 0 }} nowMs={500} />);
    expect(screen.getByTestId("task-phase").textContent).toBe("Initializing");
  });
});
