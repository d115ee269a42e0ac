// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveIndicator } from "./live-indicator";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const indicator = () => screen.getByTestId("live-status");

describe("LiveIndicator", () => {
  it("counts down to the next attempt while reconnecting, then says it is reconnecting", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    render(<LiveIndicator status="reconnecting" error="replica going away" retryAt={1_000_000 + 2_400} />);
    expect(indicator().textContent).toBe("Reconnecting in 3 s");
    expect(indicator().getAttribute("data-status")).toBe("reconnecting");
    expect(indicator().getAttribute("title")).toBe("replica going away");
    act(() => void vi.advanceTimersByTime(1_000));
    expect(indicator().textContent).toBe("Reconnecting in 2 s");
    act(() => void vi.advanceTimersByTime(2_000));
    expect(indicator().textContent).toBe("Reconnecting…");
  });

  it("counts from the moment the wait starts, however long the page was live before", () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { rerender } = render(<LiveIndicator status="live" error="" />);
    act(() => void vi.advanceTimersByTime(60_000));
    rerender(<LiveIndicator status="reconnecting" error="" retryAt={Date.now() + 1_500} />);
    expect(indicator().textContent).toBe("Reconnecting in 2 s");
  });

  it("shows live and stopped with stable data-status values, and nothing once the execution is done", () => {
    const { rerender } = render(<LiveIndicator status="live" error="" />);
    expect(indicator().getAttribute("data-status")).toBe("live");
    expect(indicator().textContent).toBe("Live");
    rerender(<LiveIndicator status="stopped" error="token expired" />);
    expect(indicator().getAttribute("data-status")).toBe("stopped");
    expect(indicator().textContent).toBe("Not live");
    rerender(<LiveIndicator status="done" error="" />);
    expect(screen.queryByTestId("live-status")).toBeNull();
  });
});
