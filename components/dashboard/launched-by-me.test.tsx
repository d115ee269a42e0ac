// @vitest-environment jsdom
import { createRouterTransport } from "@connectrpc/connect";
import { createConnectQueryKey, TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { ConsoleService, GetSessionResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { hydrateOverAnswers } from "@/lib/query/hydration.testutil";
import { getSession } from "@/lib/query/session";
import { sessionService, type SignedIn } from "@/lib/query/session.testutil";
import { LaunchedByMe } from "./launched-by-me";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

function Filter({ seen }: { seen: (string | undefined)[] }) {
  const [user, setUser] = useState<string | undefined>();
  return (
    <LaunchedByMe
      user={user}
      onChange={(u) => {
        seen.push(u);
        setUser(u);
      }}
    />
  );
}

function renderFilter(user: SignedIn | null) {
  const seen: (string | undefined)[] = [];
  const transport = createRouterTransport(({ service }) => service(ConsoleService, sessionService(user)));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <Filter seen={seen} />
      </QueryClientProvider>
    </TransportProvider>,
  );
  return seen;
}

const button = () => screen.getByRole("button", { name: "Launched by me" });

describe("LaunchedByMe", () => {
  it("signed in: filters on the user's subject at once, no name asked, and says whose runs", async () => {
    window.localStorage.setItem("flyteconsole.me", "someone-else");
    const seen = renderFilter({ subject: "00u1ada", name: "Ada Lovelace", preferredUsername: "ada" });
    await waitFor(() => expect(button().getAttribute("title")).toBe("Runs launched by you, Ada Lovelace (ada): principal 00u1ada"));
    fireEvent.click(button());
    expect(screen.queryByRole("textbox")).toBeNull();
    expect(seen).toEqual(["00u1ada"]);
    expect(button().getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(button());
    expect(seen).toEqual(["00u1ada", undefined]);
  });

  it("without sign-in: asks for a name once and remembers it on this browser", async () => {
    const seen = renderFilter(null);
    await waitFor(() => expect(button().getAttribute("aria-busy")).toBeNull());
    expect(button().getAttribute("title")).toContain("Tell the console your user name");
    fireEvent.click(button());
    fireEvent.change(screen.getByRole("textbox", { name: "Your Flyte user name" }), { target: { value: " jane " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(seen).toEqual(["jane"]);
    expect(window.localStorage.getItem("flyteconsole.me")).toBe("jane");
    expect(button().getAttribute("title")).toBe("Runs launched by jane (remembered on this browser)");
  });

  it("is disabled until the session is known, so a click while it loads is never lost or read as another name", async () => {
    window.localStorage.setItem("flyteconsole.me", "someone-else");
    const seen = renderFilter({ subject: "00u1ada", name: "Ada Lovelace", preferredUsername: "ada" });
    expect((button() as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(button());
    expect(seen).toEqual([]);
    await waitFor(() => expect((button() as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button());
    expect(seen).toEqual(["00u1ada"]);
  });

  it("hydrates without a mismatch when the header's GetSession answered first, and ends enabled", async () => {
    const transport = createRouterTransport(({ service }) => service(ConsoleService, sessionService(null)));
    const { errors, container, unmount } = await hydrateOverAnswers(transport, <LaunchedByMe user={undefined} onChange={() => {}} />, (cache) =>
      cache.setQueryData(
        createConnectQueryKey({ schema: getSession, input: {}, transport, cardinality: "finite" }),
        create(GetSessionResponseSchema, { authEnabled: true, user: { subject: "00u1ada", name: "Ada Lovelace" } }),
      ),
    );
    expect(errors).toEqual([]);
    // The server rendered it disabled (session loading); hydrating must not leave it so.
    const button = container.querySelector("button")!;
    expect(button.disabled).toBe(false);
    expect(button.title).toBe("Runs launched by you, Ada Lovelace (00u1ada): principal 00u1ada");
    await unmount();
  });
});
