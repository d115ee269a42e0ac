// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { defaultFormValue, type FormValue } from "@/lib/flyte/literals/form-value";
import { lt, T } from "@/lib/flyte/literals/literals.testutil";
import { LiteralField, validateFormValue } from "./literal-field";

afterEach(cleanup);

/** A field that validates as you type, as the launch form and signal forms use it. */
function Harness({ type, name, initial }: { type: LiteralType; name: string; initial?: FormValue }) {
  const [value, setValue] = useState<FormValue>(initial ?? defaultFormValue(type));
  return (
    <>
      <LiteralField type={type} name={name} value={value} onChange={setValue} errors={validateFormValue(type, value)} description="How many rows" />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}
const current = () => JSON.parse(screen.getByTestId("value").textContent ?? "null") as FormValue;

describe("LiteralField", () => {
  it("labels the input with its name, type hint and help text, and says what is wrong as you type", () => {
    render(<Harness type={lt(T.int)} name="count" />);
    const input = screen.getByRole("textbox", { name: "count" });
    expect(screen.getByTestId("literal-field-type").textContent).toBe("int");
    expect(screen.getByText("How many rows")).toBeTruthy();
    fireEvent.change(input, { target: { value: "12abc" } });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const message = screen.getByTestId("field-error");
    expect(message.textContent).toBe("must be a whole number");
    expect(input.getAttribute("aria-describedby")).toBe(message.id);
    fireEvent.change(input, { target: { value: "12" } });
    expect(screen.queryByTestId("field-error")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBeNull();
  });

  it("adds and removes list items, marking the bad one by its position", () => {
    render(<Harness type={lt(T.list(T.int))} name="xs" />);
    expect(screen.getByTestId("literal-field-type").textContent).toBe("List<int>");
    fireEvent.click(screen.getByRole("button", { name: "Add item to xs" }));
    fireEvent.click(screen.getByRole("button", { name: "Add item to xs" }));
    fireEvent.change(screen.getByRole("textbox", { name: "xs[0]" }), { target: { value: "1" } });
    fireEvent.change(screen.getByRole("textbox", { name: "xs[1]" }), { target: { value: "two" } });
    expect(screen.getByRole("textbox", { name: "xs[1]" }).getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("textbox", { name: "xs[0]" }).getAttribute("aria-invalid")).toBeNull();
    expect(screen.getAllByTestId("field-error").map((e) => e.textContent)).toEqual(["must be a whole number"]);
    fireEvent.click(screen.getByRole("button", { name: "Remove xs[1]" }));
    expect(current()).toEqual({ kind: "list", items: [{ kind: "integer", text: "1" }] });
    expect(screen.queryByTestId("field-error")).toBeNull();
  });

  it("edits a nested map and flags a duplicate key at the key", () => {
    render(<Harness type={lt(T.map(T.list(T.int)))} name="groups" />);
    const add = screen.getByRole("button", { name: "Add entry to groups" });
    fireEvent.click(add);
    fireEvent.click(add);
    fireEvent.change(screen.getByRole("textbox", { name: "groups[0].key" }), { target: { value: "a" } });
    fireEvent.change(screen.getByRole("textbox", { name: "groups[1].key" }), { target: { value: "a" } });
    fireEvent.click(screen.getByRole("button", { name: "Add item to groups[0].value" }));
    fireEvent.change(screen.getByRole("textbox", { name: "groups[0].value[0]" }), { target: { value: "7" } });
    const second = screen.getByRole("textbox", { name: "groups[1].key" });
    expect(second.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByTestId("field-error").map((e) => e.textContent)).toEqual(['duplicate key "a"']);
  });

  it("chooses a union variant, resetting the value to that variant's empty field", () => {
    render(<Harness type={lt(T.union(T.list(T.int), T.none))} name="maybe" />);
    const variant = screen.getByRole("combobox", { name: "maybe type" });
    expect((variant as HTMLSelectElement).selectedOptions[0].textContent).toBe("None");
    fireEvent.change(variant, { target: { value: "0" } });
    expect(current()).toEqual({ kind: "union", variant: 0, value: { kind: "list", items: [] } });
    expect(screen.getByTestId("literal-list-maybe")).toBeTruthy();
  });

  it("checks struct JSON against the type's schema and offers a template from it", () => {
    const schema = { title: "Datum", type: "object", required: ["x"], properties: { x: { type: "integer" }, y: { type: "string" } } };
    render(<Harness type={lt({ simple: "STRUCT", metadata: schema })} name="point" />);
    expect(screen.getByTestId("literal-field-type").textContent).toBe("struct (Datum)");
    const box = screen.getByRole("textbox", { name: "point" });
    fireEvent.change(box, { target: { value: '{"x": "1"}' } });
    expect(screen.getByTestId("field-error").textContent).toBe("x: must be a whole number");
    fireEvent.change(box, { target: { value: "{oops" } });
    expect(screen.getByTestId("field-error").textContent).toMatch(/^is not valid JSON/);
    fireEvent.click(screen.getByRole("button", { name: "Insert template" }));
    expect(JSON.parse((box as HTMLTextAreaElement).value)).toEqual({ x: 0, y: "" });
    expect(screen.queryByTestId("field-error")).toBeNull();
  });

  it("asks for a time zone on a datetime and a unit on a duration", () => {
    render(
      <>
        <Harness type={lt(T.datetime)} name="started" />
      </>,
    );
    const input = screen.getByRole("textbox", { name: "started" });
    fireEvent.change(input, { target: { value: "2024-05-01 10:00" } });
    expect(screen.getByTestId("field-error").textContent).toMatch(/^add a time zone/);
    fireEvent.click(screen.getByRole("button", { name: "Set started to now" }));
    expect((input as HTMLInputElement).value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(screen.queryByTestId("field-error")).toBeNull();
    cleanup();
    render(<Harness type={lt(T.duration)} name="budget" />);
    fireEvent.change(screen.getByRole("textbox", { name: "budget" }), { target: { value: "90" } });
    expect(screen.getByTestId("field-error").textContent).toMatch(/^add a unit/);
  });

  it("offers an enum's values, a file's URI with its fixed format, and a read-only mode", () => {
    render(<Harness type={lt({ enumType: { values: ["RED", "GREEN"] } })} name="color" />);
    const select = screen.getByRole("combobox", { name: "color" });
    expect(within(select).getAllByRole("option").map((o) => o.textContent)).toEqual(["Choose…", "RED", "GREEN"]);
    expect(screen.getByTestId("field-error").textContent).toBe("choose one of: RED, GREEN");
    cleanup();
    render(<Harness type={lt({ blob: { format: "csv" } })} name="csv_file" />);
    expect(screen.getByTestId("literal-field-type").textContent).toBe("FlyteFile[csv]");
    expect((screen.getByRole("textbox", { name: "csv_file format" }) as HTMLInputElement).readOnly).toBe(true);
    cleanup();
    render(<LiteralField type={lt(T.int)} name="n" value={{ kind: "integer", text: "3" }} onChange={() => {}} readOnly />);
    expect((screen.getByRole("textbox", { name: "n" }) as HTMLInputElement).disabled).toBe(true);
  });
});
