// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { withBasePath } from "@/lib/flyte/urls";
import { NotifyWhenDone } from "./notify-when-done";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

const KEY = "flyteconsole.notify.flytesnacks/development/r1";
const execution = (phase: P) =>
  create(ExecutionSchema, {
    id: { project: "flytesnacks", domain: "development", name: "r1" },
    closure: { phase, workflowId: { name: "wf" }, duration: { seconds: 3n } },
  });

/** A Notification stand-in recording what was shown, with the permission and the answer to a request. */
function installNotification(permission: NotificationPermission, answer: NotificationPermission = permission) {
  const shown: { title: string; options?: NotificationOptions; instance: { onclick: null | (() => void); close(): void } }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = answer;
      return answer;
    });
    onclick: null | (() => void) = null;
    close = vi.fn();
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, instance: this });
    }
  }
  vi.stubGlobal("Notification", FakeNotification);
  return { shown, FakeNotification };
}

const toggle = () => screen.getByRole("button", { name: "Notify me when it ends" });

beforeEach(() => {
  localStorage.clear();
  Object.defineProperty(window, "isSecureContext", { configurable: true, value: true });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  push.mockReset();
});

describe("NotifyWhenDone", () => {
  it("asks for permission when turned on, keeps the choice, and notifies once when the run it saw running ends", async () => {
    const { shown, FakeNotification } = installNotification("default", "granted");
    const { rerender } = render(<NotifyWhenDone execution={execution(P.RUNNING)} />);
    expect(toggle().getAttribute("aria-pressed")).toBe("false");
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    await act(async () => void fireEvent.click(toggle()));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    expect(toggle().getAttribute("aria-pressed")).toBe("true");
    expect(localStorage.getItem(KEY)).toBe("on");

    rerender(<NotifyWhenDone execution={execution(P.SUCCEEDED)} />);
    rerender(<NotifyWhenDone execution={execution(P.SUCCEEDED)} />);
    expect(shown.map((n) => n.title)).toEqual(["wf · r1 succeeded"]);
    expect(shown[0].options).toMatchObject({ body: "Ran 3s", tag: KEY });
    // Ended: the toggle goes, and so does the stored choice.
    expect(screen.queryByTestId("notify-when-done")).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();

    // Clicking it focuses the tab; this page is the run's already, so it stays.
    window.history.pushState(null, "", withBasePath("/projects/flytesnacks/domains/development/executions/r1"));
    const focus = vi.spyOn(window, "focus").mockImplementation(() => undefined);
    shown[0].instance.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(shown[0].instance.close).toHaveBeenCalled();
    expect(push).not.toHaveBeenCalled();
    window.history.pushState(null, "", "/");
  });

  it("opens the run when the notification is clicked from another page", async () => {
    const { shown } = installNotification("granted");
    localStorage.setItem(KEY, "on");
    const { rerender } = render(<NotifyWhenDone execution={execution(P.RUNNING)} />);
    rerender(<NotifyWhenDone execution={execution(P.FAILED)} />);
    expect(shown.map((n) => n.title)).toEqual(["wf · r1 failed"]);
    vi.spyOn(window, "focus").mockImplementation(() => undefined);
    shown[0].instance.onclick?.();
    expect(push).toHaveBeenCalledWith("/projects/flytesnacks/domains/development/executions/r1");
  });

  it("remembers the choice across reloads (a new mount reads it back)", () => {
    installNotification("granted");
    localStorage.setItem(KEY, "on");
    render(<NotifyWhenDone execution={execution(P.RUNNING)} />);
    expect(toggle().getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(toggle());
    expect(toggle().getAttribute("aria-pressed")).toBe("false");
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("does not notify for a run that had ended before the page opened, and forgets the stale choice", () => {
    const { shown } = installNotification("granted");
    localStorage.setItem(KEY, "on");
    const { rerender } = render(<NotifyWhenDone execution={execution(P.SUCCEEDED)} />);
    rerender(<NotifyWhenDone execution={execution(P.SUCCEEDED)} />);
    expect(shown).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("explains a refusal and stays off", async () => {
    const { shown } = installNotification("default", "denied");
    const { rerender } = render(<NotifyWhenDone execution={execution(P.RUNNING)} />);
    await act(async () => void fireEvent.click(toggle()));
    expect(toggle().getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByTestId("notify-problem").textContent).toMatch(/blocked for this site/);
    expect(localStorage.getItem(KEY)).toBeNull();
    rerender(<NotifyWhenDone execution={execution(P.SUCCEEDED)} />);
    expect(shown).toEqual([]);
  });

  it("says so when the browser has no notifications", async () => {
    render(<NotifyWhenDone execution={execution(P.RUNNING)} />);
    expect("Notification" in window).toBe(false);
    await act(async () => void fireEvent.click(toggle()));
    expect(screen.getByTestId("notify-problem").textContent).toBe("This browser cannot show notifications.");
  });
});
