// @vitest-environment jsdom
import { createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { SIGN_OUT_URL, sessionService, type SignedIn } from "@/lib/query/session.testutil";
import { UserMenu } from "./user-menu";

afterEach(cleanup);

/** `user`: signed in; null: GetSession says sign-in is off; undefined: the BFF has no GetSession (Unimplemented). */
function renderMenu(user: SignedIn | null | undefined) {
  let asked = 0;
  const transport = createRouterTransport(({ service }) => {
    if (user !== undefined) {
      const impl = sessionService(user);
      service(ConsoleService, { getSession: () => (asked++, impl.getSession()) });
    }
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <header data-testid="header">
          <UserMenu />
        </header>
      </QueryClientProvider>
    </TransportProvider>,
  );
  return { queryClient, asked: () => asked };
}

const ada: SignedIn = { subject: "00u1ada", name: "Ada Lovelace", preferredUsername: "ada", email: "ada@example.org", picture: "https://idp.example.org/ada.png" };

describe("UserMenu", () => {
  it("shows who is signed in, and a menu with email, subject and Sign out back to the console's home", async () => {
    renderMenu(ada);
    const button = await screen.findByRole("button", { name: "Signed in as Ada Lovelace" });
    expect(button.getAttribute("data-testid")).toBe("signed-in-user");
    expect(button.textContent).toContain("Ada Lovelace");
    const picture = screen.getByRole("img", { name: "Picture of Ada Lovelace" }) as HTMLImageElement;
    expect(picture.src).toBe("https://idp.example.org/ada.png");

    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    const menu = screen.getByRole("group", { name: "Your account" });
    expect(menu.textContent).toContain("ada@example.org");
    expect(screen.getByTestId("signed-in-subject").textContent).toBe("00u1ada");
    const signOut = screen.getByRole("link", { name: "Sign out" });
    expect(signOut.getAttribute("href")).toBe(`${SIGN_OUT_URL}?redirect_url=${encodeURIComponent(`${window.location.origin}/console`)}`);

    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("group", { name: "Your account" })).toBeNull();
  });

  it("falls back to initials without a picture, and to the user name or subject without a name", async () => {
    renderMenu({ subject: "00u1grace", givenName: "Grace", familyName: "Hopper" });
    const button = await screen.findByRole("button", { name: "Signed in as Grace Hopper" });
    expect(screen.queryByRole("img")).toBeNull();
    expect(screen.getByTestId("signed-in-initials").textContent).toBe("GH");
    expect(button.textContent).toContain("Grace Hopper");
    cleanup();
    renderMenu({ subject: "00u1x" });
    expect(await screen.findByRole("button", { name: "Signed in as 00u1x" })).toBeTruthy();
  });

  it("shows a picture inlined as a data URL, and no picture for addresses that are not images", async () => {
    const inline = "data:image/svg+xml;base64,PHN2Zy8+";
    renderMenu({ ...ada, picture: inline });
    expect(((await screen.findByRole("img", { name: "Picture of Ada Lovelace" })) as HTMLImageElement).src).toBe(inline);
    cleanup();
    renderMenu({ ...ada, picture: "javascript:alert(1)" });
    await screen.findByRole("button", { name: "Signed in as Ada Lovelace" });
    expect(screen.queryByRole("img")).toBeNull();
    expect(screen.getByTestId("signed-in-initials").textContent).toBe("AL");
  });

  it("shows the initials when the picture fails to load", async () => {
    renderMenu(ada);
    fireEvent.error(await screen.findByRole("img", { name: "Picture of Ada Lovelace" }));
    expect(screen.getByTestId("signed-in-initials").textContent).toBe("AL");
  });

  it("shows nothing when sign-in is off, or when the console's server has no GetSession", async () => {
    const off = renderMenu(null);
    await waitFor(() => expect(off.asked()).toBe(1));
    await waitFor(() => expect(off.queryClient.isFetching()).toBe(0));
    expect(screen.getByTestId("header").innerHTML).toBe("");
    cleanup();
    const old = renderMenu(undefined);
    await waitFor(() => expect(old.queryClient.getQueryCache().getAll()[0]?.state.status).toBe("error"));
    expect(screen.getByTestId("header").innerHTML).toBe("");
  });
});
