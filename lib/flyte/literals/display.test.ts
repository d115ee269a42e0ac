import { describe, expect, it } from "vitest";
import { create, fromBinary, fromJson, type JsonValue } from "@bufbuild/protobuf";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { LiteralMapSchema, LiteralSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { VariableSchema } from "@/lib/gen/flyteidl/core/interface_pb";
import { literalMapToDisplay, literalToDisplay } from "./display";
import type { DisplayNode } from "./display-node";
import { displayToJson, stringifyJson } from "./json";
import { lit, lt, NONE, prim, readFixture, T } from "./literals.testutil";
import { literalTypeToString } from "./type-string";

const show = (literal: JsonValue, type?: JsonValue) => literalToDisplay(lit(literal), type ? lt(type) : undefined);
const copyText = (node: DisplayNode) => stringifyJson(displayToJson(node), 0);

describe("literalTypeToString", () => {
  it("spells types the way a flytekit author wrote them", () => {
    expect(literalTypeToString(lt(T.list(T.map(T.int))))).toBe("List<Map<str, int>>");
    expect(literalTypeToString(lt(T.union(T.tagged(T.int, "int"), T.none)))).toBe("Optional[int]");
    expect(literalTypeToString(lt(T.union(T.list(T.int), T.none)))).toBe("Optional[List<int>]");
    expect(literalTypeToString(lt(T.union(T.int, T.str, T.none)))).toBe("Union[int, str, None]");
    expect(literalTypeToString(lt({ enumType: { values: ["red", "green"] } }))).toBe("Enum[red, green]");
    expect(literalTypeToString(lt({ blob: { format: "csv" } }))).toBe("FlyteFile[csv]");
    expect(literalTypeToString(lt({ blob: { dimensionality: "MULTIPART" } }))).toBe("FlyteDirectory");
    expect(
      literalTypeToString(lt({ structuredDatasetType: { format: "parquet", columns: [{ name: "a", literalType: T.int }] } })),
    ).toBe("StructuredDataset[parquet](a: int)");
    expect(literalTypeToString(lt({ schema: { columns: [{ name: "when", type: "DATETIME" }] } }))).toBe("FlyteSchema(when: datetime)");
    expect(literalTypeToString(lt(T.duration))).toBe("timedelta");
    expect(literalTypeToString(undefined)).toBe("unknown");
  });

  it("names a dataclass struct from flytekit's JSON schema (snacks-core 162)", () => {
    const closure = fromJson(
      CompiledWorkflowClosureSchema,
      JSON.parse(readFixture("flyte-compiler-snacks-core/compiled/162_core.type_system.custom_objects.wf_2_wf.json").toString()),
    );
    const outputs = closure.primary!.template!.interface!.outputs!.variables;
    expect(literalTypeToString(outputs.o0.type)).toBe("struct (DatumSchema)");
    expect(literalTypeToString(outputs.o1.type)).toBe("struct (ResultSchema)");
  });
});

describe("literalToDisplay", () => {
  it("keeps 64-bit integers exact, in the text and in copied JSON", () => {
    const node = show(prim({ integer: "9223372036854775807" }), T.int);
    expect(node).toMatchObject({ kind: "primitive", primitive: "integer", text: "9223372036854775807", typeLabel: "int" });
    expect(copyText(node)).toBe("9223372036854775807");
  });

  it("shows floats, strings, booleans, datetimes in UTC and durations both readable and exact", () => {
    expect(show(prim({ floatValue: 2 }))).toMatchObject({ text: "2.0", json: 2 });
    expect(show(prim({ floatValue: "NaN" }))).toMatchObject({ text: "nan", json: "nan" });
    expect(show(prim({ stringValue: "<script>alert(1)</script>" }))).toMatchObject({ text: "<script>alert(1)</script>" });
    expect(show(prim({ boolean: true }))).toMatchObject({ primitive: "boolean", text: "true" });
    expect(show(prim({ datetime: "2024-05-01T10:00:00+02:00" }))).toMatchObject({ text: "2024-05-01T08:00:00Z" });
    expect(show(prim({ duration: "-5400s" }))).toMatchObject({ text: "-1h30m", exact: "-5400s", json: "-5400s" });
  });

  it("shows none, errors, blobs, datasets, schemas and binaries with what identifies them", () => {
    expect(show(NONE)).toEqual({ kind: "none" });
    expect(show({ scalar: { error: { failedNodeId: "n1", message: "boom" } } })).toEqual({ kind: "error", message: "boom", failedNodeId: "n1" });
    expect(show({ scalar: { blob: { uri: "s3://b/dir", metadata: { type: { format: "csv", dimensionality: "MULTIPART" } } } } })).toEqual({
      kind: "blob",
      uri: "s3://b/dir",
      format: "csv",
      dimensionality: "multipart",
    });
    const sdType = { structuredDatasetType: { format: "parquet", columns: [{ name: "age", literalType: T.int }] } };
    expect(show({ scalar: { structuredDataset: { uri: "s3://b/df" } } }, sdType)).toMatchObject({
      kind: "structuredDataset",
      uri: "s3://b/df",
      format: "parquet",
      columns: [{ name: "age", type: "int" }],
    });
    expect(show({ scalar: { schema: { uri: "s3://s", type: { columns: [{ name: "x", type: "FLOAT" }] } } } })).toMatchObject({
      kind: "schema",
      columns: [{ name: "x", type: "float" }],
    });
    expect(show({ scalar: { binary: { value: "AAEC", tag: "pickle" } } })).toEqual({ kind: "binary", size: 3, tag: "pickle", decoded: undefined });
  });

  it("decodes flytekit's msgpack dataclasses so they read as JSON", () => {
    // {"a": 1, "b": [true, null], "c": "x"} in MessagePack
    const bytes = Uint8Array.from([0x83, 0xa1, 0x61, 0x01, 0xa1, 0x62, 0x92, 0xc3, 0xc0, 0xa1, 0x63, 0xa1, 0x78]);
    const node = show({ scalar: { binary: { value: Buffer.from(bytes).toString("base64"), tag: "msgpack" } } });
    expect(node).toMatchObject({ kind: "binary", size: 13, decoded: { a: 1, b: [true, null], c: "x" } });
    expect(copyText(node)).toBe('{"a":1,"b":[true,null],"c":"x"}');
  });

  it("shows structs as their JSON", () => {
    const node = show({ scalar: { generic: { x: 1, nested: { y: ["a"] } } } }, T.struct);
    expect(node).toMatchObject({ kind: "struct", json: { x: 1, nested: { y: ["a"] } }, typeLabel: "struct" });
  });

  it("shows a union's variant and its value typed by that variant", () => {
    const variantType = T.tagged(T.list(T.int), "Typed List");
    const node = show(
      { scalar: { union: { value: { collection: { literals: [prim({ integer: "1" })] } }, type: variantType } } },
      T.union(variantType, T.none),
    );
    expect(node.kind).toBe("union");
    if (node.kind !== "union") return;
    expect(node.variant).toBe("Typed List");
    expect(node.typeLabel).toBe("Optional[List<int>]");
    expect(node.value).toMatchObject({ kind: "list", typeLabel: "List<int>", items: [{ text: "1", typeLabel: "int" }] });
    expect(copyText(node)).toBe("[1]");
  });

  it("makes trees of collections and maps, types flowing down to every leaf", () => {
    const node = show(
      { map: { literals: { a: { collection: { literals: [prim({ integer: "1" }), prim({ integer: "2" })] } }, b: { collection: {} } } } },
      T.map(T.list(T.int)),
    );
    expect(node).toMatchObject({
      kind: "map",
      typeLabel: "Map<str, List<int>>",
      entries: [
        { key: "a", value: { kind: "list", items: [{ text: "1", typeLabel: "int" }, { text: "2" }] } },
        { key: "b", value: { kind: "list", items: [] } },
      ],
    });
    expect(copyText(node)).toBe('{"a":[1,2],"b":[]}');
  });

  it("treats a map key named __proto__ as data when copying", () => {
    const node: DisplayNode = { kind: "map", entries: [{ key: "__proto__", value: show(prim({ integer: "1" })) }] };
    expect(copyText(node)).toBe('{"__proto__":1}');
  });

  it("describes offloaded literals instead of pretending to have their value", () => {
    const node = show({ offloadedMetadata: { uri: "s3://b/offloaded", sizeBytes: "5242880", inferredType: T.list(T.int) } });
    expect(node).toEqual({ kind: "offloaded", uri: "s3://b/offloaded", sizeBytes: "5242880", sizeText: "5.0 MB", inferredType: "List<int>" });
  });

  it("never throws on an empty or unknown literal", () => {
    expect(literalToDisplay(create(LiteralSchema))).toMatchObject({ kind: "unknown" });
    expect(literalToDisplay(undefined)).toMatchObject({ kind: "unknown", reason: "no value" });
  });
});

describe("literalMapToDisplay", () => {
  it("lists values in interface order, then values the interface does not name", () => {
    const map = fromJson(LiteralMapSchema, { literals: { z: prim({ integer: "1" }), a: prim({ stringValue: "s" }), extra: NONE } });
    const variables = {
      z: create(VariableSchema, { type: lt(T.int), description: "zed" }),
      a: create(VariableSchema, { type: lt(T.str) }),
      missing: create(VariableSchema, { type: lt(T.float) }),
    };
    const rows = literalMapToDisplay(map, variables);
    expect(rows.map((r) => [r.name, r.typeLabel, r.description])).toEqual([
      ["z", "int", "zed"],
      ["a", "str", ""],
      ["extra", "None", ""],
    ]);
    expect(literalMapToDisplay(undefined)).toEqual([]);
  });

  it("shows a real launch plan's default input (flytekit leaf_subwf, binary protobuf)", () => {
    const lp = fromBinary(
      LaunchPlanSchema,
      readFixture("flytekit-remote-responses/admin.launch_plan_pb2.LaunchPlan_core.control_flow.subworkflows.leaf_subwf.pb"),
    );
    const param = lp.spec!.defaultInputs!.parameters.a;
    expect(param.behavior.case).toBe("default");
    if (param.behavior.case !== "default") return;
    expect(literalToDisplay(param.behavior.value, param.var?.type)).toMatchObject({ kind: "primitive", text: "42", typeLabel: "int" });
  });
});
