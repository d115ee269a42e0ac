// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AttemptCard } from "./attempt-card";

afterEach(cleanup);

const T = Date.UTC(2024, 5, 1, 12, 0, 0);

describe("AttemptCard phase history", () => {
  it("lists each reason with its time and the phase it was reported in", () => {
    const attempt = create(TaskExecutionSchema, {
      id: { retryAttempt: 0 },
      closure: {
        phase: TP.SUCCEEDED,
        createdAt: timestampFromMs(T),
        startedAt: timestampFromMs(T + 9_000),
        updatedAt: timestampFromMs(T + 12_000),
        reasons: [
          { occurredAt: timestampFromMs(T), message: "task submitted to K8s" },
          { occurredAt: timestampFromMs(T + 2_000), message: "Exceeded resourcequota: exceeded quota: project-quota" },
          { occurredAt: timestampFromMs(T + 8_000), message: '[ContainerCreating]: Pulling image "x"' },
          { occurredAt: timestampFromMs(T + 9_000), message: "pod is running" },
        ],
      },
    });
    render(<AttemptCard attempt={attempt} selected={false} onSelect={() => {}} onOpenLog={() => {}} />);
    const items = screen.getAllByTestId("attempt-reason");
    expect(items.map((li) => li.dataset.phase)).toEqual(["QUEUED", "WAITING_FOR_RESOURCES", "INITIALIZING", "RUNNING"]);
    expect(items[1].textContent).toBe("12:00:02 Waiting for resources: Exceeded resourcequota: exceeded quota: project-quota");
    expect(items[2].textContent).toBe('12:00:08 Initializing: [ContainerCreating]: Pulling image "x"');
  });
});

describe("AttemptCard of a map node", () => {
  const mapAttempt = () =>
    create(TaskExecutionSchema, {
      id: { retryAttempt: 0 },
      closure: {
        phase: TP.SUCCEEDED,
        reasons: [{ occurredAt: timestampFromMs(T), message: "[1]: Traceback (most recent call last):\n  File \"t.py\"\nValueError: item 1 is bad\n" }],
        metadata: {
          externalResources: [
            { index: 0, retryAttempt: 0, phase: TP.SUCCEEDED, logs: [{ name: "logs-0", uri: "http://x/0" }] },
            { index: 1, retryAttempt: 0, phase: TP.RETRYABLE_FAILED, logs: [{ name: "logs-1", uri: "http://x/1a" }] },
            { index: 1, retryAttempt: 1, phase: TP.FAILED, logs: [{ name: "logs-1", uri: "http://x/1b" }] },
            { index: 2, retryAttempt: 0, phase: TP.SUCCEEDED, logs: [] },
          ],
        },
      },
    });

  it("counts sub-tasks per phase, shows the failed one's error by its last line, and filters to the failed", () => {
    const opened: string[] = [];
    render(<AttemptCard attempt={mapAttempt()} selected={false} onSelect={() => {}} onOpenLog={(l) => opened.push(l.uri)} />);
    const counts = screen.getAllByTestId("sub-task-count").map((c) => [c.dataset.phase, c.dataset.count]);
    expect(counts).toEqual([["SUCCEEDED", "2"], ["FAILED", "1"]]);
    expect(screen.getAllByTestId("sub-task")).toHaveLength(3);
    const error = screen.getByTestId("sub-task-error");
    expect(error.closest("[data-testid=sub-task]")?.getAttribute("data-index")).toBe("1");
    expect(screen.getByTestId("error-last-line").textContent).toBe("ValueError: item 1 is bad");
    // The reason that carried the summary reads as one line in the phase history.
    expect(screen.getByTestId("attempt-reason").textContent).toContain("1 sub-task failed: #1");

    fireEvent.click(screen.getByLabelText("Only failed sub-tasks (1)"));
    expect(screen.getAllByTestId("sub-task").map((s) => s.dataset.index)).toEqual(["1"]);
    fireEvent.click(screen.getByRole("button", { name: "logs-1" }));
    expect(opened).toEqual(["http://x/1b"]);
  });
});
