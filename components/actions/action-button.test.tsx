// @vitest-environment jsdom
import { act } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ActionButton } from "./action-button";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = "";
});

const available = { available: true } as const;
const unavailable = { available: false, reason: "The execution has already ended." } as const;

function serverHtml(ui: React.ReactElement): HTMLElement {
  const container = document.createElement("div");
  container.innerHTML = renderToString(ui);
  document.body.append(container);
  return container;
}

describe("ActionButton before and after hydration", () => {
  it("is inert but looks available in the server's HTML, then takes clicks once hydrated", async () => {
    const onClick = vi.fn();
    const ui = (
      <ActionButton testId="terminate" variant="danger" availability={available} onClick={onClick}>
        Terminate
      </ActionButton>
    );
    const container = serverHtml(ui);
    const before = container.querySelector("button")!;
    // Playwright's click waits while aria-disabled is true; a click now would have no handler.
    expect(before.getAttribute("aria-disabled")).toBe("true");
    expect(before.className).toContain("bg-red-600");
    expect(before.className).not.toContain("text-slate-400");

    const errors: unknown[] = [];
    const root = await act(async () => hydrateRoot(container, ui, { onRecoverableError: (e) => errors.push(e) }));
    const after = container.querySelector("button")!;
    expect(errors).toEqual([]);
    expect(after.getAttribute("aria-disabled")).toBe("false");
    await act(async () => after.click());
    expect(onClick).toHaveBeenCalledTimes(1);
    await act(async () => root.unmount());
  });

  it("stays unavailable, grey and explained, when the action is off, before and after hydration", async () => {
    const onClick = vi.fn();
    const ui = (
      <ActionButton testId="terminate" variant="danger" availability={unavailable} onClick={onClick}>
        Terminate
      </ActionButton>
    );
    const container = serverHtml(ui);
    expect(container.querySelector("button")!.className).toContain("text-slate-400");
    const root = await act(async () => hydrateRoot(container, ui));
    const button = container.querySelector("button")!;
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.className).toContain("text-slate-400");
    expect(button.title).toBe("The execution has already ended.");
    await act(async () => button.click());
    expect(onClick).not.toHaveBeenCalled();
    await act(async () => root.unmount());
  });
});
