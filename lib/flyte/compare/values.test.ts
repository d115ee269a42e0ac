import { describe, expect, it } from "vitest";
import type { JsonObject } from "@bufbuild/protobuf";
import { create } from "@bufbuild/protobuf";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalToDisplay } from "../literals/display";
import { lit, lt, prim, T } from "../literals/literals.testutil";
import { compareLiteralMaps, diffDisplay } from "./values";

const d = (json: Parameters<typeof lit>[0], type?: Parameters<typeof lt>[0]) => literalToDisplay(lit(json), type ? lt(type) : undefined);
const ints = (...xs: number[]) => ({ collection: { literals: xs.map((x) => prim({ integer: String(x) })) } });
const blob = (uri: string) => ({ scalar: { blob: { metadata: { type: { dimensionality: "SINGLE", format: "csv" } }, uri } } });
const struct = (fields: JsonObject) => ({ scalar: { generic: fields } });

describe("diffDisplay", () => {
  it("finds nothing between equal values", () => {
    expect(diffDisplay(d(ints(1, 2)), d(ints(1, 2)), "xs")).toEqual([]);
    expect(diffDisplay(d(struct({ a: 1, b: [1, 2] })), d(struct({ a: 1, b: [1, 2] })), "cfg")).toEqual([]);
  });

  it("names a list element added, at its index", () => {
    expect(diffDisplay(d(ints(1, 2)), d(ints(1, 2, 3)), "xs")).toEqual([{ path: "xs[2]", kind: "added", what: "list element added", after: "3" }]);
    expect(diffDisplay(d(ints(1, 2, 3)), d(ints(1, 2)), "xs")).toEqual([{ path: "xs[2]", kind: "removed", what: "list element removed", before: "3" }]);
  });

  it("names a changed element by its path", () => {
    expect(diffDisplay(d(ints(1, 2)), d(ints(1, 5)), "xs")).toEqual([{ path: "xs[1]", kind: "changed", what: "value changed", before: "2", after: "5" }]);
  });

  it("names a struct field changed, added or removed, however deep", () => {
    const changes = diffDisplay(d(struct({ lr: 0.1, opt: { name: "adam" }, old: true })), d(struct({ lr: 0.2, opt: { name: "adam", beta: 0.9 } })), "cfg");
    expect(changes).toEqual([
      { path: "cfg.lr", kind: "changed", what: "struct field changed", before: "0.1", after: "0.2" },
      { path: "cfg.opt.beta", kind: "added", what: "struct field added", after: "0.9" },
      { path: "cfg.old", kind: "removed", what: "struct field removed", before: "true" },
    ]);
  });

  it("names a blob whose URI changed, and only that", () => {
    expect(diffDisplay(d(blob("s3://b/run1/x.csv")), d(blob("s3://b/run2/x.csv")), "data")).toEqual([
      { path: "data", kind: "changed", what: "blob URI changed", before: "s3://b/run1/x.csv", after: "s3://b/run2/x.csv" },
    ]);
  });

  it("compares map entries by key", () => {
    const m = (o: Record<string, string>) => ({ map: { literals: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, prim({ stringValue: v })])) } });
    expect(diffDisplay(d(m({ a: "x", "b c": "y" })), d(m({ a: "x", z: "w" })), "m")).toEqual([
      { path: 'm["b c"]', kind: "removed", what: "map key removed", before: "y" },
      { path: "m.z", kind: "added", what: "map key added", after: "w" },
    ]);
  });

  it("says when a value changed kind (None to an int) rather than comparing inside", () => {
    const [c] = diffDisplay(d({ scalar: { noneType: {} } }), d(prim({ integer: "3" })), "v");
    expect(c).toMatchObject({ path: "v", kind: "changed", before: "None", after: "3" });
  });

  it("compares a union's variant before its value", () => {
    const u = (tag: string, v: JsonObject) => ({ scalar: { union: { value: prim(v), type: { simple: tag === "int" ? "INTEGER" : "STRING", structure: { tag } } } } });
    const type = T.union({ simple: "INTEGER", structure: { tag: "int" } }, { simple: "STRING", structure: { tag: "str" } });
    expect(diffDisplay(d(u("int", { integer: "1" }), type), d(u("str", { stringValue: "1" }), type), "u")[0]).toMatchObject({ what: "union variant changed" });
    expect(diffDisplay(d(u("int", { integer: "1" }), type), d(u("int", { integer: "2" }), type), "u")[0]).toMatchObject({ what: "value changed", before: "1", after: "2" });
  });
});

describe("compareLiteralMaps", () => {
  const map = (o: JsonObject) => create(LiteralMapSchema, { literals: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, lit(v)])) });

  it("lines up variables across runs against the first, marking only those that differ", () => {
    const rows = compareLiteralMaps([map({ a: prim({ stringValue: "x" }), n: prim({ integer: "1" }) }), map({ a: prim({ stringValue: "y" }), n: prim({ integer: "1" }) }), map({ a: prim({ stringValue: "x" }), n: prim({ integer: "1" }), extra: prim({ integer: "9" }) })]);
    expect(rows.map((r) => [r.name, r.differs])).toEqual([
      ["a", true],
      ["n", false],
      ["extra", true],
    ]);
    const a = rows[0];
    expect(a.changes[1]).toEqual([{ path: "a", kind: "changed", what: "value changed", before: "x", after: "y" }]);
    expect(a.changes[2]).toEqual([]);
    expect(rows[2].values[0]).toBeUndefined();
    expect(rows[2].changes[2]).toEqual([{ path: "extra", kind: "added", what: "value added", after: "9" }]);
  });

  it("has no rows for runs without values", () => {
    expect(compareLiteralMaps([undefined, map({})])).toEqual([]);
  });
});
