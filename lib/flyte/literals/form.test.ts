import { describe, expect, it } from "vitest";
import { equals, fromBinary, fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { LiteralSchema, type Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import {
  defaultFormValue,
  emptyValueWords,
  formatFieldPath,
  formValuesToLiteralMap,
  formValueToLiteral,
  literalToFormValue,
  type FieldError,
  type FormValue,
} from "./form";
import { lit, lt, NONE, prim, readFixture, T } from "./literals.testutil";

function toLiteral(type: LiteralType, value: FormValue): Literal {
  const r = formValueToLiteral(type, value);
  if (!r.ok) throw new Error(`expected a literal, got ${JSON.stringify(r.errors)}`);
  return r.literal;
}
function errorsOf(type: LiteralType, value: FormValue): FieldError[] {
  const r = formValueToLiteral(type, value);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(toJson(LiteralSchema, r.literal))}`);
  return r.errors;
}
function prefill(type: LiteralType, literal: Literal): FormValue {
  const r = literalToFormValue(type, literal);
  if (!r.ok) throw new Error(`expected a prefill, got: ${r.message}`);
  return r.value;
}
/** form → Literal (as expected proto3 JSON) → form (as expected) → the same Literal again. */
function roundTrip(typeJson: JsonValue, value: FormValue, literalJson: JsonValue, prefilled: FormValue = value) {
  const type = lt(typeJson);
  const literal = toLiteral(type, value);
  expect(toJson(LiteralSchema, literal)).toEqual(literalJson);
  const back = prefill(type, literal);
  expect(back).toEqual(prefilled);
  expect(equals(LiteralSchema, toLiteral(type, back), literal)).toBe(true);
}
const union = (variant: number, value: FormValue): FormValue => ({ kind: "union", variant, value });
const int = (text: string): FormValue => ({ kind: "integer", text });
const str = (text: string): FormValue => ({ kind: "string", text });

describe("form value ⇄ Literal, every literal type", () => {
  it("integer (64-bit, typed as text)", () => {
    roundTrip(T.int, int("-9223372036854775808"), prim({ integer: "-9223372036854775808" }));
    roundTrip(T.int, int(" 42 "), prim({ integer: "42" }), int("42"));
  });

  it("float, string (kept verbatim, even empty or with markup), boolean", () => {
    roundTrip(T.float, { kind: "float", text: "1.5e3" }, prim({ floatValue: 1500 }), { kind: "float", text: "1500.0" });
    roundTrip(T.float, { kind: "float", text: "-inf" }, prim({ floatValue: "-Infinity" }));
    roundTrip(T.str, str("  <b>hi</b> "), prim({ stringValue: "  <b>hi</b> " }));
    roundTrip(T.str, str(""), prim({ stringValue: "" }));
    roundTrip(T.bool, { kind: "boolean", value: true }, prim({ boolean: true }));
  });

  it("timezone-aware datetime keeps the instant (prefilled in UTC)", () => {
    const type = lt(T.datetime);
    const literal = toLiteral(type, { kind: "datetime", text: "2024-05-01T10:00:00+02:00" });
    expect(toJson(LiteralSchema, literal)).toEqual(prim({ datetime: "2024-05-01T08:00:00Z" }));
    const back = prefill(type, literal);
    expect(back).toEqual({ kind: "datetime", text: "2024-05-01T08:00:00Z" });
    expect(equals(LiteralSchema, toLiteral(type, back), literal)).toBe(true);
    roundTrip(T.datetime, { kind: "datetime", text: "1969-12-31T23:59:59.5Z" }, prim({ datetime: "1969-12-31T23:59:59.500Z" }));
  });

  it("negative duration, in Flyte style or ISO 8601", () => {
    roundTrip(T.duration, { kind: "duration", text: "-1h30m" }, prim({ duration: "-5400s" }));
    roundTrip(T.duration, { kind: "duration", text: "-PT0.25S" }, prim({ duration: "-0.250s" }), { kind: "duration", text: "-250ms" });
  });

  it("enum (sent as its string value)", () => {
    const options = ["red", "green"];
    roundTrip({ enumType: { values: options } }, { kind: "enum", value: "green", options }, prim({ stringValue: "green" }));
  });

  it("blob (file and directory) and structured dataset: URI plus format", () => {
    roundTrip(
      { blob: { format: "csv" } },
      { kind: "blob", uri: "s3://b/data.csv", format: "csv", dimensionality: "single" },
      { scalar: { blob: { uri: "s3://b/data.csv", metadata: { type: { format: "csv" } } } } },
    );
    roundTrip(
      { blob: { dimensionality: "MULTIPART" } },
      { kind: "blob", uri: "gs://b/dir/", format: "", dimensionality: "multipart" },
      { scalar: { blob: { uri: "gs://b/dir/", metadata: { type: { dimensionality: "MULTIPART" } } } } },
    );
    const sdType = { structuredDatasetType: { format: "parquet", columns: [{ name: "a", literalType: T.int }] } };
    roundTrip(
      sdType,
      { kind: "structuredDataset", uri: "s3://b/df", format: "parquet" },
      { scalar: { structuredDataset: { uri: "s3://b/df", metadata: { structuredDatasetType: { format: "parquet" } } } } },
    );
  });

  it("schema and binary", () => {
    roundTrip({ schema: {} }, { kind: "schema", uri: "s3://b/s" }, { scalar: { schema: { uri: "s3://b/s", type: {} } } });
    roundTrip({ simple: "BINARY" }, { kind: "binary", base64: "AAEC", tag: "raw" }, { scalar: { binary: { value: "AAEC", tag: "raw" } } });
  });

  it("struct as JSON text (prefilled pretty-printed)", () => {
    const text = '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}';
    roundTrip(T.struct, { kind: "struct", text: '{"a":1,"b":[true,null]}' }, { scalar: { generic: { a: 1, b: [true, null] } } }, { kind: "struct", text });
  });

  it("empty list, nested list, and a nested map", () => {
    roundTrip(T.list(T.int), { kind: "list", items: [] }, { collection: {} });
    roundTrip(
      T.list(T.list(T.str)),
      { kind: "list", items: [{ kind: "list", items: [str("a")] }, { kind: "list", items: [] }] },
      { collection: { literals: [{ collection: { literals: [prim({ stringValue: "a" })] } }, { collection: {} }] } },
    );
    roundTrip(
      T.map(T.map(T.int)),
      { kind: "map", entries: [{ key: "outer", value: { kind: "map", entries: [{ key: "x", value: int("1") }] } }, { key: "empty", value: { kind: "map", entries: [] } }] },
      { map: { literals: { outer: { map: { literals: { x: prim({ integer: "1" }) } } }, empty: { map: {} } } } },
    );
  });

  it("union of list and none: both variants, with the variant's type (and flytekit tag) on the wire", () => {
    const listT = T.tagged(T.list(T.int), "Typed List");
    const type = T.union(listT, T.none);
    roundTrip(type, union(1, { kind: "none" }), { scalar: { union: { value: NONE, type: T.none } } });
    roundTrip(
      type,
      union(0, { kind: "list", items: [int("1"), int("2")] }),
      { scalar: { union: { value: { collection: { literals: [prim({ integer: "1" }), prim({ integer: "2" })] } }, type: listT } } },
    );
    roundTrip(type, union(0, { kind: "list", items: [] }), { scalar: { union: { value: { collection: {} }, type: listT } } });
  });

  it("a plain None type and a list of Optional values", () => {
    roundTrip({ simple: "NONE" }, { kind: "none" }, NONE);
    const optInt = T.union(T.tagged(T.int, "int"), T.none);
    roundTrip(
      T.list(optInt),
      { kind: "list", items: [union(0, int("7")), union(1, { kind: "none" })] },
      {
        collection: {
          literals: [
            { scalar: { union: { value: prim({ integer: "7" }), type: T.tagged(T.int, "int") } } },
            { scalar: { union: { value: NONE, type: T.none } } },
          ],
        },
      },
    );
  });
});

describe("defaultFormValue", () => {
  it("starts each field empty, Optional at None and a typed file with its format", () => {
    expect(defaultFormValue(lt(T.int))).toEqual(int(""));
    expect(defaultFormValue(lt(T.bool))).toEqual({ kind: "boolean", value: false });
    expect(defaultFormValue(lt(T.union(T.list(T.int), T.none)))).toEqual(union(1, { kind: "none" }));
    expect(defaultFormValue(lt(T.union(T.int, T.str)))).toEqual(union(0, int("")));
    expect(defaultFormValue(lt({ blob: { format: "csv" } }))).toEqual({ kind: "blob", uri: "", format: "csv", dimensionality: "single" });
    expect(defaultFormValue(lt({ enumType: { values: ["a", "b"] } }))).toEqual({ kind: "enum", value: "", options: ["a", "b"] });
    expect(defaultFormValue(lt({ simple: "ERROR" })).kind).toBe("unsupported");
    expect(defaultFormValue(undefined).kind).toBe("unsupported");
  });

  it("never sends an untouched required field that would mean something the user did not choose", () => {
    for (const type of [T.int, T.float, T.datetime, T.duration, { enumType: { values: ["a"] } }, { blob: {} }] as JsonValue[]) {
      expect(formValueToLiteral(lt(type), defaultFormValue(lt(type))).ok).toBe(false);
    }
    for (const type of [T.str, T.bool, T.struct, T.list(T.int), T.map(T.int), T.union(T.int, T.none)] as JsonValue[]) {
      expect(formValueToLiteral(lt(type), defaultFormValue(lt(type))).ok).toBe(true);
    }
  });
});

describe("emptyValueWords", () => {
  it("names the empty values a person may send by mistake, the untouched fields of those types among them", () => {
    expect(emptyValueWords(defaultFormValue(lt(T.str)))).toBe("an empty string");
    expect(emptyValueWords({ kind: "string", text: "  " })).toBe("only spaces");
    expect(emptyValueWords(defaultFormValue(lt(T.list(T.int))))).toBe("an empty list");
    expect(emptyValueWords(defaultFormValue(lt(T.map(T.int))))).toBe("an empty map");
    expect(emptyValueWords(defaultFormValue(lt(T.struct)))).toBe("an empty object");
    expect(emptyValueWords(defaultFormValue(lt(T.union(T.int, T.none))))).toBe("None (no value)");
    expect(emptyValueWords(union(0, { kind: "string", text: "" }))).toBe("an empty string");
  });

  it("says nothing of a value that holds something, false and zero included", () => {
    expect(emptyValueWords({ kind: "string", text: "ok" })).toBeUndefined();
    expect(emptyValueWords({ kind: "boolean", value: false })).toBeUndefined();
    expect(emptyValueWords(int("0"))).toBeUndefined();
    expect(emptyValueWords({ kind: "struct", text: '{"a": 1}' })).toBeUndefined();
    expect(emptyValueWords({ kind: "list", items: [int("1")] })).toBeUndefined();
  });
});

describe("numbers a JavaScript number would get wrong", () => {
  it("keeps 64-bit integers beyond 2^53 exact and refuses what does not fit in int64", () => {
    roundTrip(T.int, int("9007199254740993"), prim({ integer: "9007199254740993" }));
    roundTrip(T.int, int("9223372036854775807"), prim({ integer: "9223372036854775807" }));
    expect(errorsOf(lt(T.int), int("9223372036854775808"))[0].message).toMatch(/64-bit/);
    expect(errorsOf(lt(T.int), int("-9223372036854775809"))[0].message).toMatch(/64-bit/);
    expect(errorsOf(lt(T.int), int("1e3"))[0].message).toBe("must be a whole number");
  });

  it("never turns typing into NaN: NaN is refused for int, garbage and overflow for float; only Python's explicit nan is kept", () => {
    expect(errorsOf(lt(T.int), int("NaN"))[0].message).toBe("must be a whole number");
    expect(errorsOf(lt(T.float), { kind: "float", text: "1.2.3" })[0].message).toBe("must be a number");
    expect(errorsOf(lt(T.float), { kind: "float", text: "0x10" })[0].message).toBe("must be a number");
    expect(errorsOf(lt(T.float), { kind: "float", text: "1e999" })[0].message).toMatch(/too large/);
    expect(errorsOf(lt(T.float), { kind: "float", text: "" })[0].message).toBe("enter a number");
    // float("nan") is a value a Python user may mean; it is sent as NaN only when spelled out.
    const nan = toLiteral(lt(T.float), { kind: "float", text: "nan" });
    expect(toJson(LiteralSchema, nan)).toEqual(prim({ floatValue: "NaN" }));
    expect(prefill(lt(T.float), nan)).toEqual({ kind: "float", text: "nan" });
  });
});

describe("validation messages, at the exact field", () => {
  it("says what is wrong with a scalar", () => {
    expect(errorsOf(lt(T.int), int("12abc"))).toEqual([{ path: [], message: "must be a whole number" }]);
    expect(errorsOf(lt(T.float), { kind: "float", text: "abc" })[0].message).toBe("must be a number");
    expect(errorsOf(lt(T.datetime), { kind: "datetime", text: "2024-05-01 10:00" })[0].message).toMatch(/^add a time zone/);
    expect(errorsOf(lt(T.datetime), { kind: "datetime", text: "soon" })[0].message).toMatch(/^not a valid date-time with time zone/);
    expect(errorsOf(lt(T.duration), { kind: "duration", text: "10" })[0].message).toMatch(/^add a unit/);
    expect(errorsOf(lt({ enumType: { values: ["a", "b"] } }), { kind: "enum", value: "c", options: [] })[0].message).toBe("must be one of: a, b");
    expect(errorsOf(lt({ blob: {} }), { kind: "blob", uri: " ", format: "", dimensionality: "single" })[0].message).toMatch(/^enter a URI/);
    expect(errorsOf(lt({ simple: "BINARY" }), { kind: "binary", base64: "not base64!", tag: "" })[0].message).toMatch(/base64/);
  });

  it("reports every bad item of a list and entry of a map, with their paths", () => {
    const errors = errorsOf(lt(T.map(T.list(T.int))), {
      kind: "map",
      entries: [
        { key: "a", value: { kind: "list", items: [int("1"), int("x"), int("2.5")] } },
        { key: "a", value: { kind: "list", items: [] } },
        { key: "", value: { kind: "list", items: [] } },
      ],
    });
    expect(errors).toEqual([
      { path: [0, "value", 1], message: "must be a whole number" },
      { path: [0, "value", 2], message: "must be a whole number" },
      { path: [1, "key"], message: 'duplicate key "a"' },
      { path: [2, "key"], message: "enter a key" },
    ]);
    expect(formatFieldPath(["xs", 0, "value", 1])).toBe("xs[0].value[1]");
  });

  it("passes a union variant's error through and refuses a variant that does not exist", () => {
    const type = lt(T.union(T.list(T.int), T.none));
    expect(errorsOf(type, union(0, { kind: "list", items: [int("")] }))).toEqual([{ path: [0], message: "enter a whole number" }]);
    expect(errorsOf(type, union(5, { kind: "none" }))[0].message).toBe("choose which type to give");
  });

  it("rejects a field whose kind does not match the type (a form bug, not user input)", () => {
    expect(errorsOf(lt(T.int), str("1"))[0].message).toBe("does not match its type int (got a string field)");
    expect(errorsOf(lt(T.list(T.int)), int("1"))[0].message).toMatch(/does not match its type List<int>/);
    expect(errorsOf(lt({ simple: "ERROR" }), { kind: "none" })[0].message).toBe("error values cannot be entered");
  });

  it("checks struct JSON, and its JSON schema when the type carries one", () => {
    expect(errorsOf(lt(T.struct), { kind: "struct", text: "{oops" })[0].message).toMatch(/^is not valid JSON/);
    expect(errorsOf(lt(T.struct), { kind: "struct", text: "[1]" })[0].message).toMatch(/^must be a JSON object/);
    const schema = { type: "object", required: ["n"], properties: { n: { type: "integer" }, tags: { type: "array", items: { type: "string" } } } };
    const type = lt({ simple: "STRUCT", metadata: schema });
    expect(errorsOf(type, { kind: "struct", text: '{"tags": ["a", 2]}' }).map((e) => e.message)).toEqual([
      "n: is required",
      "tags[1]: must be a string",
    ]);
    expect(toLiteral(type, { kind: "struct", text: '{"n": 3, "tags": []}' })).toBeTruthy();
  });

  it("validates against flytekit's real dataclass schema (snacks-core 162, $ref + definitions)", () => {
    const closure = fromJson(
      CompiledWorkflowClosureSchema,
      JSON.parse(readFixture("flyte-compiler-snacks-core/compiled/162_core.type_system.custom_objects.wf_2_wf.json").toString()),
    );
    const outputs = closure.primary!.template!.interface!.outputs!.variables;
    const datum = outputs.o0.type!;
    expect(toLiteral(datum, { kind: "struct", text: '{"x": 1, "y": "s", "z": {"k": "v"}}' })).toBeTruthy();
    expect(errorsOf(datum, { kind: "struct", text: '{"x": "1", "z": {"k": 2}, "w": 0}' }).map((e) => e.message)).toEqual([
      "x: must be a whole number",
      "z.k: must be a string",
      "w: is not a known field",
    ]);
    const result = outputs.o1.type!;
    expect(errorsOf(result, { kind: "struct", text: '{"file": {"path": 3}}' }).map((e) => e.message)).toEqual(["file.path: must be a string"]);
  });

  it("gathers errors of several inputs under their names, and builds the LiteralMap when all are valid", () => {
    const inputs = {
      n: { type: lt(T.int), value: int("x") },
      when: { type: lt(T.datetime), value: { kind: "datetime", text: "2024-05-01T10:00:00Z" } as FormValue },
    };
    const bad = formValuesToLiteralMap(inputs);
    expect(bad).toEqual({ ok: false, errors: [{ path: ["n"], message: "must be a whole number" }] });
    const good = formValuesToLiteralMap({ ...inputs, n: { type: lt(T.int), value: int("3") } });
    expect(good.ok && Object.keys(good.literals.literals)).toEqual(["n", "when"]);
  });
});

describe("literalToFormValue (prefill for relaunch and defaults)", () => {
  it("accepts an Optional value sent without its union wrapper, and None", () => {
    const type = lt(T.union(T.tagged(T.int, "int"), T.none));
    expect(prefill(type, lit(prim({ integer: "5" })))).toEqual(union(0, int("5")));
    expect(prefill(type, lit(NONE))).toEqual(union(1, { kind: "none" }));
  });

  it("picks a union's variant by flytekit's tag, falling back to any variant the value fits", () => {
    const type = lt(T.union(T.tagged(T.str, "str"), T.tagged(T.int, "int")));
    const tagged = lit({ scalar: { union: { value: prim({ integer: "9" }), type: T.tagged(T.int, "int") } } });
    expect(prefill(type, tagged)).toEqual(union(1, int("9")));
    const untagged = lit({ scalar: { union: { value: prim({ stringValue: "s" }), type: T.str } } });
    expect(prefill(type, untagged)).toEqual(union(0, str("s")));
  });

  it("reads a msgpack dataclass (flytekit ≥ 1.14) into struct JSON text", () => {
    const bytes = Buffer.from([0x81, 0xa1, 0x78, 0xcd, 0x01, 0x00]).toString("base64"); // {"x": 256}
    const value = prefill(lt(T.struct), lit({ scalar: { binary: { value: bytes, tag: "msgpack" } } }));
    expect(value).toEqual({ kind: "struct", text: '{\n  "x": 256\n}' });
  });

  it("says why a value cannot prefill its field, and leaves the field empty", () => {
    expect(literalToFormValue(lt(T.int), lit(prim({ stringValue: "1" })))).toEqual({
      ok: false,
      message: "a str value does not fit int",
      value: int(""),
    });
    const r = literalToFormValue(lt(T.list(T.int)), lit({ collection: { literals: [prim({ integer: "1" }), NONE] } }));
    expect(r.ok || r.message).toBe("item 1: a None does not fit int");
    const off = literalToFormValue(lt(T.list(T.int)), lit({ offloadedMetadata: { uri: "s3://b/o", sizeBytes: "2048" } }));
    expect(off.ok || off.message).toBe("the value is offloaded to s3://b/o (2.0 KB) and was not fetched");
    const en = literalToFormValue(lt({ enumType: { values: ["a"] } }), lit(prim({ stringValue: "z" })));
    expect(en.ok || en.message).toBe('"z" is not one of a');
  });

  it("prefills a real launch plan default and re-sends it unchanged (flytekit leaf_subwf)", () => {
    const lp = fromBinary(
      LaunchPlanSchema,
      readFixture("flytekit-remote-responses/admin.launch_plan_pb2.LaunchPlan_core.control_flow.subworkflows.leaf_subwf.pb"),
    );
    const param = lp.closure!.expectedInputs!.parameters.a;
    if (param.behavior.case !== "default") throw new Error("expected a default");
    const value = prefill(param.var!.type!, param.behavior.value);
    expect(value).toEqual(int("42"));
    expect(equals(LiteralSchema, toLiteral(param.var!.type!, value), param.behavior.value)).toBe(true);
  });

  it("builds a dataset input for a real cached dataframe task (snacks-core 147, parquet)", () => {
    const closure = fromJson(
      CompiledWorkflowClosureSchema,
      JSON.parse(readFixture("flyte-compiler-snacks-core/compiled/147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json").toString()),
    );
    const dfType = closure.tasks[0].template!.interface!.inputs!.variables.df.type!;
    const value = defaultFormValue(dfType);
    expect(value).toEqual({ kind: "structuredDataset", uri: "", format: "parquet" });
    const literal = toLiteral(dfType, { kind: "structuredDataset", uri: "s3://b/df", format: "parquet" });
    expect(toJson(LiteralSchema, literal)).toEqual({
      scalar: { structuredDataset: { uri: "s3://b/df", metadata: { structuredDatasetType: { format: "parquet" } } } },
    });
  });
});
