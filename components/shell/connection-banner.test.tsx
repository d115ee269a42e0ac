// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConsoleService, GetConsoleInfoResponseSchema, type GetConsoleInfoResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ProjectsSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { connectionHealth, connectionInterceptor } from "@/lib/query/connection";
import { ConnectionBanner } from "./connection-banner";

beforeEach(() => connectionHealth.reset());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderBanner(code: Code) {
  let asked = 0;
  const transport = createRouterTransport(({ service }) =>
    service(ConsoleService, {
      getConsoleInfo: () => {
        asked++;
        throw new ConnectError("refused", code);
      },
    }),
  );
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={new QueryClient()}>
        <ConnectionBanner />
      </QueryClientProvider>
    </TransportProvider>,
  );
  return () => asked;
}

const reachable = (over: { adminReachable?: boolean; adminSlow?: boolean; adminError?: string; probeMillis?: number } = {}) =>
  create(GetConsoleInfoResponseSchema, { backendKind: "flyteadmin", adminReachable: true, probeMillis: 12, ...over });
const REFUSED = "FlyteAdmin at dns:///flyte.example.com:443 is unreachable: connect ECONNREFUSED 10.0.0.7:443";

/**
 * The banner over a BFF played in process, with the browser transport's connection interceptor: `probe`
 * answers GetConsoleInfo, `listProjects` plays one of the page's own calls. Counts what was asked.
 */
function renderWithBff(probe: () => GetConsoleInfoResponse | Promise<GetConsoleInfoResponse>, listProjects: () => Promise<void>) {
  const asked = { probes: 0, calls: 0 };
  const transport = createRouterTransport(
    ({ service }) => {
      service(ConsoleService, {
        getConsoleInfo: () => {
          asked.probes++;
          return probe();
        },
      });
      service(AdminService, {
        listProjects: async () => {
          asked.calls++;
          await listProjects();
          return create(ProjectsSchema, {});
        },
      });
    },
    { transport: { interceptors: [connectionInterceptor(connectionHealth)] } },
  );
  const queryClient = new QueryClient();
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <ConnectionBanner />
      </QueryClientProvider>
    </TransportProvider>,
  );
  const page = createClient(AdminService, transport);
  const call = () => page.listProjects({}).then(() => undefined, (e: unknown) => ConnectError.from(e));
  return { asked, queryClient, call };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const banner = () => screen.queryByTestId("connection-banner");

describe("ConnectionBanner", () => {
  it("says the console's server is not answering when it fails", async () => {
    renderBanner(Code.Unavailable);
    expect((await screen.findByTestId("connection-banner")).textContent).toContain("The console's server is not answering");
  });

  it("leaves Unauthenticated to the session banner", async () => {
    const asked = renderBanner(Code.Unauthenticated);
    await waitFor(() => expect(asked()).toBe(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("connection-banner")).toBeNull();
  });

  it("says FlyteAdmin is slow, not unreachable, when the probe finds it answering late", async () => {
    vi.useFakeTimers();
    const { asked } = renderWithBff(() => reachable({ adminSlow: true, probeMillis: 2_600 }), async () => {});
    await advance(10);
    expect(asked.probes).toBe(1);
    expect(banner()?.textContent).toContain("FlyteAdmin is slow");
    expect(banner()?.textContent).toContain("2.6 s");
    expect(banner()?.textContent).not.toContain("unreachable");
  });

  it("says slow 2 s into a call that is still waiting, and clears once it is answered", async () => {
    vi.useFakeTimers();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let hold = true;
    const { asked, call } = renderWithBff(() => reachable(), () => (hold ? held : Promise.resolve()));
    await advance(10);
    expect(asked.probes).toBe(1);

    const slowCall = call();
    await advance(1_900);
    expect(banner()).toBeNull();
    await advance(100);
    expect(banner()?.textContent).toContain("FlyteAdmin is slow");
    // The waiting call made the banner ask FlyteAdmin at once rather than at its next poll; it answers quickly.
    expect(asked.probes).toBe(2);

    release();
    hold = false;
    await slowCall;
    await advance(10);
    expect(banner()).toBeNull();
    await call();
    expect(asked.calls).toBe(2);
    expect(banner()).toBeNull();
  });

  it("says FlyteAdmin is unreachable within 5 s of the first failing call, not at its next 15 s poll, with what to do", async () => {
    vi.useFakeTimers();
    let down = false;
    const { asked, call } = renderWithBff(
      () => (down ? reachable({ adminReachable: false, adminError: REFUSED }) : reachable()),
      async () => {
        if (down) throw new ConnectError(REFUSED, Code.Unavailable);
      },
    );
    await advance(10);
    expect(asked.probes).toBe(1);

    down = true;
    expect((await call())?.code).toBe(Code.Unavailable);
    await advance(5_000);
    expect(asked.probes).toBeGreaterThanOrEqual(2);
    const text = banner()?.textContent ?? "";
    expect(text).toContain("FlyteAdmin is unreachable");
    expect(text).toContain("ECONNREFUSED");
    expect(text).toMatch(/tell whoever runs Flyte/);
    expect(text).not.toContain("slow");
  });

  it("recovers by itself: when FlyteAdmin answers again the banner goes and the page's data is asked again", async () => {
    vi.useFakeTimers();
    let down = true;
    const { asked, queryClient } = renderWithBff(() => (down ? reachable({ adminReachable: false, adminError: REFUSED }) : reachable()), async () => {});
    await advance(10);
    expect(banner()?.textContent).toContain("FlyteAdmin is unreachable");
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");

    down = false;
    await advance(2_000);
    expect(asked.probes).toBeGreaterThanOrEqual(2);
    expect(banner()).toBeNull();
    expect(invalidate).toHaveBeenCalledTimes(1);
  });
});
