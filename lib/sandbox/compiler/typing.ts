// Type compatibility between a value's type and the type a node input expects, following the rules
// FlytePropeller's compiler applies (enums and strings interchange, empty collections match any
// collection, structured datasets match by format and column subset, unions pick exactly one variant).
import { create, equals } from "@bufbuild/protobuf";
import {
  LiteralTypeSchema,
  SchemaType_SchemaColumn_SchemaColumnType as SchemaColumnType,
  SimpleType,
  type LiteralType,
  type SchemaType,
  type StructuredDatasetType,
} from "@/lib/gen/flyteidl/core/types_pb";
import type { Scalar } from "@/lib/gen/flyteidl/core/literals_pb";

export function simpleType(simple: SimpleType): LiteralType {
  return create(LiteralTypeSchema, { type: { case: "simple", value: simple } });
}

export function collectionOf(element: LiteralType): LiteralType {
  return create(LiteralTypeSchema, { type: { case: "collectionType", value: element } });
}

export function mapOf(value: LiteralType): LiteralType {
  return create(LiteralTypeSchema, { type: { case: "mapValueType", value } });
}

export function isNoneType(t: LiteralType | undefined): boolean {
  return t?.type.case === "simple" && t.type.value === SimpleType.NONE;
}

/** True when an input of this type may be left unbound (a union with a None variant). */
export function isOptionalType(t: LiteralType | undefined): boolean {
  return t?.type.case === "unionType" && t.type.value.variants.some(isNoneType);
}

/** Whether a value of type `upstream` may be bound to an input of type `downstream`. */
export function areTypesCastable(upstream: LiteralType, downstream: LiteralType): boolean {
  if (upstream.type.case === "unionType" && upstream.type.value.variants.length === 1) {
    if (castsFrom(downstream, upstream.type.value.variants[0])) return true;
  }
  return castsFrom(downstream, upstream);
}

function castsFrom(downstream: LiteralType, upstream: LiteralType): boolean {
  const d = downstream.type;
  switch (d.case) {
    case "collectionType": {
      if (upstream.type.case !== "collectionType") return false;
      return isNoneType(upstream.type.value) || castsFrom(d.value, upstream.type.value);
    }
    case "mapValueType": {
      if (upstream.type.case !== "mapValueType") return false;
      return isNoneType(upstream.type.value) || castsFrom(d.value, upstream.type.value);
    }
    case "unionType":
      return unionCastsFrom(d.value.variants, upstream);
    case "structuredDatasetType":
      return structuredDatasetCastsFrom(d.value, upstream);
    case "schema":
      return schemaCastsFrom(d.value, upstream);
    default:
      if (isNoneType(downstream)) return isNoneType(upstream);
      return trivialCastsFrom(downstream, upstream);
  }
}

function unionCastsFrom(variants: LiteralType[], upstream: LiteralType): boolean {
  if (upstream.type.case === "unionType") {
    return upstream.type.value.variants.every((u) => variants.some((d) => areTypesCastable(u, d)));
  }
  // The variant must be chosen unambiguously.
  return variants.filter((d) => areTypesCastable(upstream, d)).length === 1;
}

function trivialCastsFrom(downstream: LiteralType, upstream: LiteralType): boolean {
  if (upstream.type.case === "enumType" && isSimple(downstream, SimpleType.STRING)) return true;
  if (downstream.type.case === "enumType" && isSimple(upstream, SimpleType.STRING)) return true;
  const upTag = upstream.structure?.tag ?? "";
  if (upTag !== "" && upTag !== (downstream.structure?.tag ?? "")) return false;
  // Metadata (e.g. a JSON schema), annotations and structure do not take part in the comparison.
  return equals(
    LiteralTypeSchema,
    create(LiteralTypeSchema, { type: upstream.type }),
    create(LiteralTypeSchema, { type: downstream.type }),
  );
}

function isSimple(t: LiteralType, simple: SimpleType): boolean {
  return t.type.case === "simple" && t.type.value === simple;
}

function structuredDatasetCastsFrom(downstream: StructuredDatasetType, upstream: LiteralType): boolean {
  if (isNoneType(upstream)) return true;
  if (upstream.type.case === "schema") {
    if (downstream.format !== "" && downstream.format.toLowerCase() !== "parquet") return false;
    return schemaColumnsCover(upstream.type.value, downstream.columns.map((c) => c.name));
  }
  if (upstream.type.case !== "structuredDatasetType") return false;
  const up = upstream.type.value;
  if (up.format !== "" && downstream.format !== "" && up.format.toLowerCase() !== downstream.format.toLowerCase()) {
    return false;
  }
  if (up.columns.length === 0 || downstream.columns.length === 0) return true;
  const byName = new Map(up.columns.map((c) => [c.name, c.literalType]));
  return downstream.columns.every((c) => {
    const upType = byName.get(c.name);
    return upType !== undefined && c.literalType !== undefined && castsFrom(c.literalType, upType);
  });
}

function schemaCastsFrom(downstream: SchemaType, upstream: LiteralType): boolean {
  if (upstream.type.case === "schema") {
    const up = upstream.type.value;
    if (up.columns.length === 0 || downstream.columns.length === 0) return true;
    const byName = new Map(up.columns.map((c) => [c.name, c.type]));
    return downstream.columns.every((c) => byName.get(c.name) === c.type);
  }
  if (upstream.type.case === "structuredDatasetType") {
    const up = upstream.type.value;
    if (up.format !== "" && up.format.toLowerCase() !== "parquet") return false;
    if (up.columns.length === 0 || downstream.columns.length === 0) return true;
    const byName = new Map(up.columns.map((c) => [c.name, c.literalType]));
    return downstream.columns.every((c) => {
      const t = byName.get(c.name);
      return t?.type.case === "simple" && SCHEMA_COLUMN_SIMPLE[c.type] === t.type.value;
    });
  }
  return false;
}

function schemaColumnsCover(upstream: SchemaType, downstreamColumns: string[]): boolean {
  if (upstream.columns.length === 0 || downstreamColumns.length === 0) return true;
  const names = new Set(upstream.columns.map((c) => c.name));
  return downstreamColumns.every((n) => names.has(n));
}

const SCHEMA_COLUMN_SIMPLE: Record<SchemaColumnType, SimpleType> = {
  [SchemaColumnType.INTEGER]: SimpleType.INTEGER,
  [SchemaColumnType.FLOAT]: SimpleType.FLOAT,
  [SchemaColumnType.STRING]: SimpleType.STRING,
  [SchemaColumnType.BOOLEAN]: SimpleType.BOOLEAN,
  [SchemaColumnType.DATETIME]: SimpleType.DATETIME,
  [SchemaColumnType.DURATION]: SimpleType.DURATION,
};

/** The type of a literal scalar bound directly in a spec, or undefined when the scalar is empty. */
export function literalTypeOfScalar(scalar: Scalar): LiteralType | undefined {
  const v = scalar.value;
  switch (v.case) {
    case "primitive":
      switch (v.value.value.case) {
        case "integer":
          return simpleType(SimpleType.INTEGER);
        case "floatValue":
          return simpleType(SimpleType.FLOAT);
        case "stringValue":
          return simpleType(SimpleType.STRING);
        case "boolean":
          return simpleType(SimpleType.BOOLEAN);
        case "datetime":
          return simpleType(SimpleType.DATETIME);
        case "duration":
          return simpleType(SimpleType.DURATION);
        default:
          return undefined;
      }
    case "blob":
      return create(LiteralTypeSchema, { type: { case: "blob", value: v.value.metadata?.type ?? {} } });
    case "binary":
      return simpleType(SimpleType.BINARY);
    case "schema":
      return create(LiteralTypeSchema, { type: { case: "schema", value: v.value.type ?? {} } });
    case "noneType":
      return simpleType(SimpleType.NONE);
    case "error":
      return simpleType(SimpleType.ERROR);
    case "generic":
      return simpleType(SimpleType.STRUCT);
    case "structuredDataset":
      return create(LiteralTypeSchema, {
        type: { case: "structuredDatasetType", value: v.value.metadata?.structuredDatasetType ?? {} },
      });
    case "union":
      return v.value.type;
    default:
      return undefined;
  }
}

/** A short human form of a type for error messages, e.g. `list<map<string, integer>>`. */
export function describeType(t: LiteralType | undefined): string {
  if (!t) return "<unset>";
  const v = t.type;
  switch (v.case) {
    case "simple":
      return SimpleType[v.value]?.toLowerCase() ?? `simple(${v.value})`;
    case "collectionType":
      return `list<${describeType(v.value)}>`;
    case "mapValueType":
      return `map<string, ${describeType(v.value)}>`;
    case "blob":
      return v.value.format ? `blob(${v.value.format})` : "blob";
    case "enumType":
      return `enum(${v.value.values.join("|")})`;
    case "structuredDatasetType":
      return v.value.format ? `structured_dataset(${v.value.format})` : "structured_dataset";
    case "schema":
      return "schema";
    case "unionType":
      return `union<${v.value.variants.map(describeType).join(", ")}>`;
    default:
      return "<untyped>";
  }
}
