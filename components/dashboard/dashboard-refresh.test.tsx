// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExecutionListSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ConsoleService, GetDashboardStatsResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { createQueryClient } from "@/lib/query/client";
import { DASHBOARD_REFRESH_MS, DASHBOARD_STATS_REFRESH_MS } from "@/lib/query/refresh";
import { installVisibility, setVisibility } from "@/components/ui/visibility.testutil";
import { Dashboard } from "./dashboard";

vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams(),
  usePathname: () => "/projects/flytesnacks/domains/development/executions",
}));

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
/** Lets a fetch that started answer and render (TanStack Query notifies on a timer of its own). */
const settle = () => advance(10);

function renderDashboard() {
  const calls = { list: 0, stats: 0 };
  const transport = createRouterTransport(({ service }) => {
    service(AdminService, {
      listExecutions: () => {
        calls.list++;
        return create(ExecutionListSchema, { executions: [{ id: { project: "flytesnacks", domain: "development", name: "run1" } }] });
      },
    });
    service(ConsoleService, {
      getDashboardStats: (req) => {
        calls.stats++;
        return create(GetDashboardStatsResponseSchema, { window: req.window });
      },
    });
  });
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={createQueryClient()}>
        <Dashboard project="flytesnacks" domain="development" />
      </QueryClientProvider>
    </TransportProvider>,
  );
  return calls;
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1, 12) });
  installVisibility();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("the executions dashboard", () => {
  it("refreshes its table and chart while the tab is visible and asks nothing while it is hidden", async () => {
    const calls = renderDashboard();
    await settle();
    expect(calls).toEqual({ list: 1, stats: 1 });
    expect(screen.getByTestId("last-refreshed").textContent).toBe("Updated just now");

    await advance(DASHBOARD_STATS_REFRESH_MS);
    expect(calls).toEqual({ list: 1 + DASHBOARD_STATS_REFRESH_MS / DASHBOARD_REFRESH_MS, stats: 2 });
    expect(screen.getByTestId("last-refreshed").getAttribute("dateTime")).toBe("2026-01-01T12:00:30.000Z");

    setVisibility("hidden");
    await advance(10 * 60_000);
    expect(calls).toEqual({ list: 4, stats: 2 });
    expect(screen.getByTestId("last-refreshed").textContent).toBe("Updated 10 minutes ago");

    setVisibility("visible");
    await settle();
    expect(calls).toEqual({ list: 5, stats: 3 });
    expect(screen.getByTestId("last-refreshed").textContent).toBe("Updated just now");
  });
});
