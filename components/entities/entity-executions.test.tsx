// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExecutionListSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { createQueryClient } from "@/lib/query/client";
import { ENTITY_REFRESH_MS } from "@/lib/query/refresh";
import { installVisibility, setVisibility } from "@/components/ui/visibility.testutil";
import { EntityExecutions } from "./entity-executions";

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
/** Lets a fetch that started answer and render (TanStack Query notifies on a timer of its own). */
const settle = () => advance(10);
const refreshed = () => screen.getByTestId("last-refreshed");

function renderRuns() {
  let calls = 0;
  const transport = createRouterTransport(({ service }) =>
    service(AdminService, {
      listExecutions: () => {
        calls++;
        return create(ExecutionListSchema, { executions: [{ id: { project: "flytesnacks", domain: "development", name: `run${calls}` } }] });
      },
    }),
  );
  const qc = createQueryClient();
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={qc}>
        <EntityExecutions kind="workflow" project="flytesnacks" domain="development" name="wf.hello" />
      </QueryClientProvider>
    </TransportProvider>,
  );
  return { calls: () => calls };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12) });
  installVisibility();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("an entity's runs", () => {
  it("refresh on a schedule while the tab is visible, not at all while it is hidden, and at once when it shows again", async () => {
    const runs = renderRuns();
    await settle();
    expect(runs.calls()).toBe(1);
    expect(refreshed().textContent).toBe("Updated just now");
    expect(refreshed().getAttribute("dateTime")).toBe("2026-01-01T12:00:00.000Z");

    await advance(ENTITY_REFRESH_MS);
    expect(runs.calls()).toBe(2);
    await settle();
    expect(refreshed().getAttribute("dateTime")).toBe("2026-01-01T12:00:30.000Z");

    setVisibility("hidden");
    await advance(10 * ENTITY_REFRESH_MS);
    expect(runs.calls()).toBe(2);
    // The label keeps telling the truth while nothing is fetched.
    expect(refreshed().textContent).toBe("Updated 5 minutes ago");

    setVisibility("visible");
    await settle();
    expect(runs.calls()).toBe(3);
    expect(refreshed().textContent).toBe("Updated just now");
    await advance(ENTITY_REFRESH_MS);
    expect(runs.calls()).toBe(4);
  });

  it("say how long ago they were refreshed, ticking between refreshes without fetching", async () => {
    const runs = renderRuns();
    await settle();
    await advance(12_000);
    expect(refreshed().textContent).toBe("Updated 12 seconds ago");
    await advance(5_000);
    expect(refreshed().textContent).toBe("Updated 17 seconds ago");
    expect(runs.calls()).toBe(1);
  });
});

describe("an entity whose name or version FlyteAdmin's filter syntax cannot carry", () => {
  function renderOdd(name: string, version: string) {
    const asked: string[] = [];
    const run = (n: string, wf: string, v: string) => ({ id: { project: "flytesnacks", domain: "development", name: n }, closure: { workflowId: { name: wf, version: v } } });
    const transport = createRouterTransport(({ service }) =>
      service(AdminService, {
        listExecutions: (req) => {
          asked.push(req.filters);
          return create(ExecutionListSchema, { executions: [run("mine", name, version), run("other", name, "2.0+g1")] });
        },
      }),
    );
    render(
      <TransportProvider transport={transport}>
        <QueryClientProvider client={createQueryClient()}>
          <EntityExecutions kind="workflow" project="flytesnacks" domain="development" name={name} version={version} />
        </QueryClientProvider>
      </TransportProvider>,
    );
    return asked;
  }

  it("renders (no error), asks for a wider set without the value's separators, and lists only its own runs", async () => {
    const asked = renderOdd("wf;a", "1.0+g1");
    await settle();
    expect(asked).toEqual(["contains(workflow.name,wf)+contains(workflow.version,1.0)+eq(state,0)"]);
    // One run and the header row: "other" (another version) is left out.
    expect(screen.getByTestId("execution-table").getAttribute("aria-rowcount")).toBe("2");
  });
});
