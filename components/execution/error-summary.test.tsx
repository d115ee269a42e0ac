// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorSummary } from "./error-summary";

afterEach(cleanup);

describe("ErrorSummary", () => {
  it("leads with a traceback's last line and keeps the whole message behind Full error", () => {
    const message = 'Traceback (most recent call last):\n  File "wf.py", line 3\nKeyError: \'<b>x</b>\'\n';
    render(<ErrorSummary error={{ message, code: "USER:KeyError", kind: 1 }} testId="e" />);
    expect(screen.getByTestId("e").querySelector("p")?.textContent).toBe("USER error · USER:KeyError");
    expect(screen.getByTestId("error-last-line").textContent).toBe("KeyError: '<b>x</b>'");
    const full = screen.getByTestId("error-full");
    expect(full.closest("details")?.open).toBe(false);
    expect(full.textContent).toBe(message);
    expect(screen.getByTestId("e").querySelector("b")).toBeNull();
  });

  it("a one-line error has nothing to expand", () => {
    render(<ErrorSummary error={{ message: "OOMKilled", code: "", kind: 2 }} testId="e" />);
    expect(screen.getByTestId("error-last-line").textContent).toBe("OOMKilled");
    expect(screen.queryByTestId("error-full")).toBeNull();
    expect(screen.getByText("SYSTEM error")).toBeTruthy();
  });
});
