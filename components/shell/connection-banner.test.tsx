// @vitest-environment jsdom
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ConnectionBanner } from "./connection-banner";

afterEach(cleanup);

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
});
