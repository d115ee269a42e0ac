// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { create, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { VariableSchema } from "@/lib/gen/flyteidl/core/interface_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalToDisplay } from "@/lib/flyte/literals/display";
import { lit, lt, NONE, prim, T } from "@/lib/flyte/literals/literals.testutil";
import { LiteralMapView } from "./literal-map-view";
import { LiteralTree } from "./literal-tree";

const tree = (literal: JsonValue, type?: JsonValue, path = "x") =>
  render(<LiteralTree node={literalToDisplay(lit(literal), type ? lt(type) : undefined)} path={path} />);
const ints = (n: number) => ({ collection: { literals: Array.from({ length: n }, (_, i) => prim({ integer: String(i) })) } });

let writeText: ReturnType<typeof vi.fn>;
beforeEach(() => {
  writeText = vi.fn().mockResolvedValue(undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
});
afterEach(cleanup);

describe("LiteralTree", () => {
  it("renders markup in a string value as text, never as HTML", () => {
    const { container } = tree(prim({ stringValue: '<script>alert("x")</script><img src=x onerror=alert(1)>' }));
    expect(container.querySelector("script, img")).toBeNull();
    expect(container.textContent).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>');
  });

  it("truncates a long string and shows it all on request", () => {
    const long = "a".repeat(600) + "END";
    tree(prim({ stringValue: long }));
    expect(screen.queryByText(/END/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show all (603 characters)" }));
    expect(screen.getByText(/END$/)).toBeTruthy();
  });

  it("shows collections as a collapsible tree, deep levels folded until opened", () => {
    tree({ collection: { literals: [{ collection: { literals: [{ collection: { literals: [prim({ stringValue: "deep" })] } }] } }] } });
    expect(screen.getByRole("button", { name: "Collapse x" }).getAttribute("aria-expanded")).toBe("true");
    expect(screen.queryByText("deep")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Expand x[0][0]" }));
    expect(screen.getByText("deep")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Collapse x" }));
    expect(screen.queryByText("deep")).toBeNull();
  });

  it("pages very long lists", () => {
    tree(ints(250));
    expect(screen.getByText("List · 250 items")).toBeTruthy();
    expect(screen.getAllByText(/^\d+$/)).toHaveLength(100);
    fireEvent.click(screen.getByRole("button", { name: "Show 100 more of 150 remaining" }));
    expect(screen.getAllByText(/^\d+$/)).toHaveLength(200);
  });

  it("names map keys and says when a collection is empty", () => {
    tree({ map: { literals: { "a key": { collection: {} }, b: { map: {} } } } });
    expect(screen.getByText("a key")).toBeTruthy();
    expect(screen.getByText("[] (empty list)")).toBeTruthy();
    expect(screen.getByText("{} (empty map)")).toBeTruthy();
  });

  it("copies any value as exact JSON (64-bit integers included)", async () => {
    tree({ map: { literals: { big: prim({ integer: "9007199254740993" }), xs: ints(2) } } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy x as JSON" })));
    expect(writeText).toHaveBeenCalledWith('{\n  "big": 9007199254740993,\n  "xs": [\n    0,\n    1\n  ]\n}');
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy x.xs[1] as JSON" })));
    expect(writeText).toHaveBeenLastCalledWith("1");
    expect(screen.getAllByText("Copied").length).toBeGreaterThan(0);
  });

  it("shows a file's URI and format with a copy button for the URI", async () => {
    tree({ scalar: { blob: { uri: "s3://bucket/report.csv", metadata: { type: { format: "csv" } } } } });
    expect(screen.getByTestId("literal-uri").textContent).toBe("s3://bucket/report.csv");
    expect(screen.getByText("csv")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy URI of x" })));
    expect(writeText).toHaveBeenCalledWith("s3://bucket/report.csv");
  });

  it("shows a dataset's columns, a struct as formatted JSON, a union's variant and None", () => {
    const sd = tree(
      { scalar: { structuredDataset: { uri: "s3://b/df" } } },
      { structuredDatasetType: { format: "parquet", columns: [{ name: "age", literalType: T.int }] } },
    );
    expect(screen.getByText("parquet")).toBeTruthy();
    expect(sd.container.textContent).toContain("Columns: age: int");
    cleanup();
    const { container } = tree({ scalar: { generic: { a: 1, b: { c: "<b>" } } } });
    expect(container.querySelector("pre")?.textContent).toBe('{\n  "a": 1,\n  "b": {\n    "c": "<b>"\n  }\n}');
    cleanup();
    tree({ scalar: { union: { value: NONE, type: T.none } } });
    expect(screen.getByTitle("Union variant").textContent).toBe("none");
    expect(screen.getByText("None")).toBeTruthy();
  });

  it("shows where an offloaded value lives and loads it on demand", async () => {
    const load = vi.fn().mockResolvedValue(literalToDisplay(lit(prim({ stringValue: "fetched!" }))));
    render(
      <LiteralTree
        node={literalToDisplay(lit({ offloadedMetadata: { uri: "s3://b/big", sizeBytes: "3145728", inferredType: T.list(T.int) } }))}
        path="big"
        loadOffloaded={load}
      />,
    );
    expect(screen.getByText(/stored separately · 3.0 MB/)).toBeTruthy();
    expect(screen.getByText("List<int>")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Load big" })));
    expect(load).toHaveBeenCalledTimes(1);
    expect(screen.getByText("fetched!")).toBeTruthy();
  });
});

describe("LiteralMapView", () => {
  it("lists rows by name with their type, in interface order, with stable test hooks", () => {
    const literals = fromJson(LiteralMapSchema, { literals: { b: prim({ integer: "2" }), a: ints(1) } });
    const variables = {
      b: create(VariableSchema, { type: lt(T.int), description: "bee" }),
      a: create(VariableSchema, { type: lt(T.list(T.int)) }),
    };
    render(<LiteralMapView literals={literals} variables={variables} label="Inputs" />);
    const table = screen.getByRole("table", { name: "Inputs" });
    const rows = within(table).getAllByTestId("literal-row");
    expect(rows.map((r) => r.getAttribute("data-name"))).toEqual(["b", "a"]);
    expect(within(rows[1]).getByTestId("literal-type").textContent).toBe("List<int>");
    expect(screen.getByTestId("literal-map")).toBe(table);
  });

  it("says when there is nothing to show", () => {
    render(<LiteralMapView literals={undefined} emptyText="No outputs yet." />);
    expect(screen.getByTestId("literal-map").textContent).toBe("No outputs yet.");
  });
});
