// Shorthands for Flyte literal types (T) and literal values (L), so catalog definitions read like the
// Python signatures flytekit derives them from.
import { create, type JsonObject, type MessageInitShape } from "@bufbuild/protobuf";
import { DurationSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  BlobType_BlobDimensionality,
  LiteralTypeSchema,
  SimpleType,
  type LiteralType,
} from "@/lib/gen/flyteidl/core/types_pb";
import { LiteralSchema, PrimitiveSchema, ScalarSchema, type Literal, type Primitive } from "@/lib/gen/flyteidl/core/literals_pb";

const simple = (value: SimpleType, tag?: string) =>
  create(LiteralTypeSchema, { type: { case: "simple", value }, structure: tag ? { tag } : undefined });

/** A dataclass as flytekit describes it: a STRUCT whose metadata is the JSON schema of its fields. */
function dataclass(title: string, fields: Record<string, LiteralType>): LiteralType {
  const properties: JsonObject = {};
  for (const [name, t] of Object.entries(fields)) properties[name] = { title: name, ...jsonSchemaOf(t) };
  return create(LiteralTypeSchema, {
    type: { case: "simple", value: SimpleType.STRUCT },
    metadata: {
      $schema: "http://json-schema.org/draft-07/schema#",
      $ref: `#/definitions/${title}Schema`,
      definitions: {
        [`${title}Schema`]: { type: "object", additionalProperties: false, properties, required: Object.keys(fields) },
      },
    },
    structure: { dataclassType: fields },
  });
}

function jsonSchemaOf(t: LiteralType): JsonObject {
  const v = t.type;
  if (v.case === "simple") {
    const byType: Partial<Record<SimpleType, string>> = {
      [SimpleType.INTEGER]: "integer",
      [SimpleType.FLOAT]: "number",
      [SimpleType.STRING]: "string",
      [SimpleType.BOOLEAN]: "boolean",
    };
    return { type: byType[v.value] ?? "object" };
  }
  if (v.case === "collectionType") return { type: "array", items: jsonSchemaOf(v.value) };
  if (v.case === "mapValueType") return { type: "object", additionalProperties: jsonSchemaOf(v.value) };
  if (v.case === "enumType") return { type: "string", enum: v.value.values };
  return { type: "object" };
}

/** Literal types, named after the Python types flytekit maps to them. */
export const T = {
  int: simple(SimpleType.INTEGER),
  float: simple(SimpleType.FLOAT),
  str: simple(SimpleType.STRING),
  bool: simple(SimpleType.BOOLEAN),
  datetime: simple(SimpleType.DATETIME),
  duration: simple(SimpleType.DURATION),
  none: simple(SimpleType.NONE),
  /** A bare `dict` (untyped JSON). */
  json: simple(SimpleType.STRUCT),
  dataclass,
  enum: (...values: string[]) => create(LiteralTypeSchema, { type: { case: "enumType", value: { values } } }),
  file: (format = "") =>
    create(LiteralTypeSchema, { type: { case: "blob", value: { format, dimensionality: BlobType_BlobDimensionality.SINGLE } } }),
  directory: (format = "") =>
    create(LiteralTypeSchema, { type: { case: "blob", value: { format, dimensionality: BlobType_BlobDimensionality.MULTIPART } } }),
  dataframe: (format = "parquet", columns: Record<string, LiteralType> = {}) =>
    create(LiteralTypeSchema, {
      type: {
        case: "structuredDatasetType",
        value: { format, columns: Object.entries(columns).map(([name, literalType]) => ({ name, literalType })) },
      },
    }),
  list: (element: LiteralType) => create(LiteralTypeSchema, { type: { case: "collectionType", value: element } }),
  dict: (value: LiteralType) => create(LiteralTypeSchema, { type: { case: "mapValueType", value } }),
  /** `Union[...]`: flytekit tags each variant so a value can say which one it is. */
  union: (...variants: [string, LiteralType][]) =>
    create(LiteralTypeSchema, {
      type: {
        case: "unionType",
        value: { variants: variants.map(([tag, t]) => create(LiteralTypeSchema, { type: t.type, metadata: t.metadata, structure: { tag } })) },
      },
    }),
  optional: (t: LiteralType, tag: string) => T.union([tag, t], ["none", T.none]),
};

const scalar = (value: MessageInitShape<typeof ScalarSchema>["value"]) => create(LiteralSchema, { value: { case: "scalar", value: { value } } });
const primitive = (value: Primitive["value"]) => scalar({ case: "primitive", value: create(PrimitiveSchema, { value }) });

/** Literal values. */
export const L = {
  int: (n: number) => primitive({ case: "integer", value: BigInt(n) }),
  float: (x: number) => primitive({ case: "floatValue", value: x }),
  str: (s: string) => primitive({ case: "stringValue", value: s }),
  bool: (b: boolean) => primitive({ case: "boolean", value: b }),
  datetime: (iso: string) => primitive({ case: "datetime", value: timestampFromDate(new Date(iso)) }),
  duration: (seconds: number) =>
    primitive({
      case: "duration",
      value: create(DurationSchema, { seconds: BigInt(Math.trunc(seconds)), nanos: Math.round((seconds % 1) * 1e9) }),
    }),
  /** An enum value is a string constrained by the type. */
  enum: (value: string) => L.str(value),
  none: () => scalar({ case: "noneType", value: {} }),
  json: (value: JsonObject) => scalar({ case: "generic", value }),
  file: (uri: string, format = "") =>
    scalar({ case: "blob", value: { uri, metadata: { type: { format, dimensionality: BlobType_BlobDimensionality.SINGLE } } } }),
  directory: (uri: string, format = "") =>
    scalar({ case: "blob", value: { uri, metadata: { type: { format, dimensionality: BlobType_BlobDimensionality.MULTIPART } } } }),
  dataframe: (uri: string, format = "parquet") =>
    scalar({ case: "structuredDataset", value: { uri, metadata: { structuredDatasetType: { format } } } }),
  list: (...items: Literal[]) => create(LiteralSchema, { value: { case: "collection", value: { literals: items } } }),
  dict: (entries: Record<string, Literal>) => create(LiteralSchema, { value: { case: "map", value: { literals: entries } } }),
  /** A value of one variant of a union type (`type` must be that variant, tag included). */
  union: (value: Literal, unionType: LiteralType, tag: string) => {
    const variant = unionType.type.case === "unionType" ? unionType.type.value.variants.find((v) => v.structure?.tag === tag) : undefined;
    if (!variant) throw new Error(`union has no variant tagged '${tag}'`);
    return scalar({ case: "union", value: { value, type: variant } });
  },
};
