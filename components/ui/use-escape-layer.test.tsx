// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useEscapeLayer } from "./use-escape-layer";

afterEach(cleanup);

function Layer({ name, keepWhileTyping, closed, children }: { name: string; keepWhileTyping?: boolean; closed?: boolean; children?: React.ReactNode }) {
  const [open, setOpen] = useState(!closed);
  useEscapeLayer(open, () => setOpen(false), { keepWhileTyping });
  return open ? (
    <section aria-label={name}>
      <input aria-label={`${name} field`} />
      {children}
    </section>
  ) : (
    <button type="button" onClick={() => setOpen(true)}>
      Open {name}
    </button>
  );
}

const escape = (target: Element | Document = document.body) => fireEvent.keyDown(target, { key: "Escape" });

describe("useEscapeLayer", () => {
  it("closes the layer opened last, one per Escape", () => {
    render(
      <Layer name="panel">
        <Layer name="menu" closed />
      </Layer>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Open menu" }));
    escape();
    expect(screen.queryByRole("region", { name: "menu" })).toBeNull();
    expect(screen.getByRole("region", { name: "panel" })).toBeTruthy();
    escape();
    expect(screen.queryByRole("region", { name: "panel" })).toBeNull();
  });

  it("leaves a layer open while typing in a field when asked to, and closes others from their fields", () => {
    render(<Layer name="panel" keepWhileTyping />);
    escape(screen.getByLabelText("panel field"));
    expect(screen.getByRole("region", { name: "panel" })).toBeTruthy();
    escape();
    expect(screen.queryByRole("region", { name: "panel" })).toBeNull();

    render(<Layer name="menu" />);
    escape(screen.getByLabelText("menu field"));
    expect(screen.queryByRole("region", { name: "menu" })).toBeNull();
  });

  it("closes nothing under an open dialog, which closes itself", () => {
    render(
      <Layer name="panel">
        <div role="dialog" aria-label="Confirm" />
      </Layer>,
    );
    escape();
    expect(screen.getByRole("region", { name: "panel" })).toBeTruthy();
  });

  it("is not swallowed by a widget that handles Escape itself", () => {
    render(
      <Layer name="panel">
        <div role="application" aria-label="graph" tabIndex={0} onKeyDown={(e) => e.key === "Escape" && (e.preventDefault(), e.stopPropagation())} />
      </Layer>,
    );
    escape(screen.getByRole("application"));
    expect(screen.queryByRole("region", { name: "panel" })).toBeNull();
  });
});
