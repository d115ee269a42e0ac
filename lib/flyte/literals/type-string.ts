// One readable spelling of a Flyte LiteralType, in the words a flytekit user wrote:
// "List<Map<str, int>>", "Optional[int]", "Union[int, str, None]", "FlyteFile[csv]".
import type { JsonObject } from "@bufbuild/protobuf";
import {
  BlobType_BlobDimensionality,
  SchemaType_SchemaColumn_SchemaColumnType,
  SimpleType,
  type LiteralType,
  type SchemaType,
  type StructuredDatasetType,
} from "@/lib/gen/flyteidl/core/types_pb";

const SIMPLE_NAMES: Record<SimpleType, string> = {
  [SimpleType.NONE]: "None",
  [SimpleType.INTEGER]: "int",
  [SimpleType.FLOAT]: "float",
  [SimpleType.STRING]: "str",
  [SimpleType.BOOLEAN]: "bool",
  [SimpleType.DATETIME]: "datetime",
  [SimpleType.DURATION]: "timedelta",
  [SimpleType.BINARY]: "bytes",
  [SimpleType.ERROR]: "error",
  [SimpleType.STRUCT]: "struct",
};

export function isNoneType(type: LiteralType | undefined): boolean {
  return type?.type.case === "simple" && type.type.value === SimpleType.NONE;
}

/** The `T` of a Union[T, None] (flytekit's Optional[T]); undefined for any other type. */
export function optionalInner(type: LiteralType | undefined): LiteralType | undefined {
  if (type?.type.case !== "unionType") return undefined;
  const variants = type.type.value.variants;
  if (variants.length !== 2) return undefined;
  const noneAt = variants.findIndex(isNoneType);
  return noneAt === -1 ? undefined : variants[1 - noneAt];
}

export function literalTypeToString(type: LiteralType | undefined): string {
  if (!type) return "unknown";
  const t = type.type;
  switch (t.case) {
    case "simple":
      return t.value === SimpleType.STRUCT ? structName(type) : (SIMPLE_NAMES[t.value] ?? `simple(${t.value})`);
    case "collectionType":
      return `List<${literalTypeToString(t.value)}>`;
    case "mapValueType":
      return `Map<str, ${literalTypeToString(t.value)}>`;
    case "unionType": {
      const inner = optionalInner(type);
      if (inner) return `Optional[${literalTypeToString(inner)}]`;
      return `Union[${t.value.variants.map(literalTypeToString).join(", ")}]`;
    }
    case "enumType":
      return `Enum[${t.value.values.join(", ")}]`;
    case "blob": {
      const base = t.value.dimensionality === BlobType_BlobDimensionality.MULTIPART ? "FlyteDirectory" : "FlyteFile";
      return t.value.format ? `${base}[${t.value.format}]` : base;
    }
    case "structuredDatasetType":
      return structuredDatasetTypeToString(t.value);
    case "schema":
      return schemaTypeToString(t.value);
    default:
      return "unknown";
  }
}

export function structuredDatasetTypeToString(sd: StructuredDatasetType): string {
  const format = sd.format ? `[${sd.format}]` : "";
  const columns = sd.columns.map((c) => `${c.name}: ${literalTypeToString(c.literalType)}`);
  return `StructuredDataset${format}${columns.length ? `(${columns.join(", ")})` : ""}`;
}

export function schemaColumnTypeName(type: SchemaType_SchemaColumn_SchemaColumnType): string {
  return SchemaType_SchemaColumn_SchemaColumnType[type]?.toLowerCase() ?? `column(${type})`;
}

export function schemaTypeToString(schema: SchemaType): string {
  const columns = schema.columns.map((c) => `${c.name}: ${schemaColumnTypeName(c.type)}`);
  return `FlyteSchema${columns.length ? `(${columns.join(", ")})` : ""}`;
}

/** "struct" or "struct (Datum)" when the type names its dataclass (JSON schema title or $ref). */
function structName(type: LiteralType): string {
  const name = structSchemaName(type.metadata) ?? (type.structure?.tag || undefined);
  return name ? `struct (${name})` : "struct";
}

export function structSchemaName(metadata: JsonObject | undefined): string | undefined {
  if (!metadata) return undefined;
  const ref = metadata["$ref"];
  if (typeof ref === "string") return ref.split("/").pop() || undefined;
  const title = metadata["title"];
  return typeof title === "string" && title ? title : undefined;
}
