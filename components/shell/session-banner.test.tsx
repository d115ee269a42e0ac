// @vitest-environment jsdom
import { Code, ConnectError } from "@connectrpc/connect";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleUnauthenticated, signInProblems, type SignInEnv } from "@/lib/query/sign-in";
import { SessionBanner } from "./session-banner";

afterEach(() => {
  cleanup();
  signInProblems.reset();
  window.sessionStorage.clear();
});

const SIGN_IN = "http://flyteadmin.test/login";
const PAGE = "http://console.test/console/projects/p/executions?domain=d";

function env(): SignInEnv {
  return { location: { href: PAGE, assign: vi.fn() }, storage: window.sessionStorage, now: Date.now };
}

const unauthenticated = (message: string, signInUrl?: string) =>
  new ConnectError(message, Code.Unauthenticated, signInUrl ? { "x-flyte-sign-in-url": signInUrl } : undefined);

describe("SessionBanner", () => {
  it("shows nothing while all is well", () => {
    render(<SessionBanner />);
    expect(screen.queryByTestId("session-banner")).toBeNull();
  });

  it("back from signing in and still refused: says so, with the server's words as text and a Sign in again link", () => {
    const e = env();
    window.sessionStorage.setItem("flyteconsole.signInSentAt", String(Date.now() - 3_000));
    render(<SessionBanner />);
    act(() => handleUnauthenticated(unauthenticated("<b>session keys</b> differ", SIGN_IN), e));

    expect(e.location.assign).not.toHaveBeenCalled();
    const banner = screen.getByTestId("session-banner");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("Signed in, but the console still cannot use your session");
    expect(banner.textContent).toContain("<b>session keys</b> differ");
    expect(banner.querySelector("b")).toBeNull();
    const again = screen.getByRole("link", { name: "Sign in again" });
    expect(again.getAttribute("href")).toBe(`${SIGN_IN}?redirect_url=${encodeURIComponent(PAGE)}`);

    // Following the link starts a new window: coming back refused again shows this banner, not a loop.
    window.sessionStorage.setItem("flyteconsole.signInSentAt", "0");
    fireEvent.click(again);
    expect(Number(window.sessionStorage.getItem("flyteconsole.signInSentAt"))).toBeGreaterThan(Date.now() - 1_000);
  });

  it("without a sign-in page (auth proxy): 'Not signed in' with the error", () => {
    const e = env();
    render(<SessionBanner />);
    act(() => handleUnauthenticated(unauthenticated("no Authorization header from the proxy"), e));
    expect(e.location.assign).not.toHaveBeenCalled();
    const banner = screen.getByTestId("session-banner");
    expect(banner.textContent).toContain("Not signed in");
    expect(banner.textContent).toContain("no Authorization header from the proxy");
  });

  it("while redirecting: says where the browser is going", () => {
    const e = env();
    render(<SessionBanner />);
    act(() => handleUnauthenticated(unauthenticated("expired", SIGN_IN), e));
    expect(e.location.assign).toHaveBeenCalledWith(`${SIGN_IN}?redirect_url=${encodeURIComponent(PAGE)}`);
    expect(screen.getByTestId("session-banner").textContent).toContain("Taking you to the sign-in page");
  });
});
