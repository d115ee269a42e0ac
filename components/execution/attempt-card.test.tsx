// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { cleanup, render, screen } from "@testing-library/react";
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
