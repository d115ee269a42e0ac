// Literal → a tree a person can read. Pure: the components render DisplayNodes and never look
// inside a Literal themselves, so every view shows values the same way.
import type { Literal, LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Variable } from "@/lib/gen/flyteidl/core/interface_pb";
import { BlobType_BlobDimensionality, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { DisplayNode } from "./display-node";
import { decodeMsgpack } from "./msgpack";
import { formatDateTimeUtc, formatDurationExact, formatDurationSeconds, formatFloat } from "./scalars";
import { literalTypeToString, schemaColumnTypeName } from "./type-string";

export function literalToDisplay(literal: Literal | undefined, type?: LiteralType): DisplayNode {
  const node = describe(literal, type);
  if (type && node.typeLabel === undefined) node.typeLabel = literalTypeToString(type);
  return node;
}

function describe(literal: Literal | undefined, type: LiteralType | undefined): DisplayNode {
  const v = literal?.value;
  switch (v?.case) {
    case "scalar":
      return describeScalar(v.value.value, type);
    case "collection": {
      const itemType = type?.type.case === "collectionType" ? type.type.value : undefined;
      return { kind: "list", items: v.value.literals.map((l) => literalToDisplay(l, itemType)) };
    }
    case "map": {
      const valueType = type?.type.case === "mapValueType" ? type.type.value : undefined;
      return {
        kind: "map",
        entries: Object.entries(v.value.literals).map(([key, l]) => ({ key, value: literalToDisplay(l, valueType) })),
      };
    }
    case "offloadedMetadata": {
      const size = v.value.sizeBytes;
      return {
        kind: "offloaded",
        uri: v.value.uri,
        sizeBytes: size.toString(),
        sizeText: formatBytes(size),
        inferredType: v.value.inferredType ? literalTypeToString(v.value.inferredType) : undefined,
      };
    }
    default:
      return { kind: "unknown", reason: literal ? "a literal kind this console does not know" : "no value" };
  }
}

type ScalarValue = NonNullable<Literal["value"] & { case: "scalar" }>["value"]["value"];

function describeScalar(s: ScalarValue, type: LiteralType | undefined): DisplayNode {
  switch (s.case) {
    case "primitive":
      return describePrimitive(s.value.value);
    case "noneType":
      return { kind: "none" };
    case "error":
      return { kind: "error", message: s.value.message, failedNodeId: s.value.failedNodeId };
    case "blob": {
      const blobType = s.value.metadata?.type ?? (type?.type.case === "blob" ? type.type.value : undefined);
      return {
        kind: "blob",
        uri: s.value.uri,
        format: blobType?.format ?? "",
        dimensionality: blobType?.dimensionality === BlobType_BlobDimensionality.MULTIPART ? "multipart" : "single",
      };
    }
    case "structuredDataset": {
      const fromType = type?.type.case === "structuredDatasetType" ? type.type.value : undefined;
      const sdType = s.value.metadata?.structuredDatasetType;
      const columns = sdType?.columns.length ? sdType.columns : (fromType?.columns ?? []);
      return {
        kind: "structuredDataset",
        uri: s.value.uri,
        format: sdType?.format || fromType?.format || "",
        columns: columns.map((c) => ({ name: c.name, type: literalTypeToString(c.literalType) })),
      };
    }
    case "schema":
      return {
        kind: "schema",
        uri: s.value.uri,
        columns: (s.value.type?.columns ?? []).map((c) => ({ name: c.name, type: schemaColumnTypeName(c.type) })),
      };
    case "binary": {
      const decoded = s.value.tag === "msgpack" ? decodeMsgpack(s.value.value) : undefined;
      return { kind: "binary", size: s.value.value.length, tag: s.value.tag, decoded };
    }
    case "generic":
      return { kind: "struct", json: s.value };
    case "union": {
      const variantType = s.value.type;
      return {
        kind: "union",
        variant: variantType?.structure?.tag || literalTypeToString(variantType),
        value: literalToDisplay(s.value.value, variantType),
      };
    }
    default:
      return { kind: "unknown", reason: "a scalar kind this console does not know" };
  }
}

type PrimitiveValue = Extract<ScalarValue, { case: "primitive" }>["value"]["value"];

function describePrimitive(p: PrimitiveValue): DisplayNode {
  switch (p.case) {
    case "integer": {
      const safe = p.value >= BigInt(Number.MIN_SAFE_INTEGER) && p.value <= BigInt(Number.MAX_SAFE_INTEGER);
      return { kind: "primitive", primitive: "integer", text: p.value.toString(), json: safe ? Number(p.value) : p.value };
    }
    case "floatValue":
      return {
        kind: "primitive",
        primitive: "float",
        text: formatFloat(p.value),
        json: Number.isFinite(p.value) ? p.value : formatFloat(p.value),
      };
    case "stringValue":
      return { kind: "primitive", primitive: "string", text: p.value, json: p.value };
    case "boolean":
      return { kind: "primitive", primitive: "boolean", text: String(p.value), json: p.value };
    case "datetime": {
      const text = formatDateTimeUtc(p.value);
      return { kind: "primitive", primitive: "datetime", text, json: text };
    }
    case "duration": {
      // Both forms are exact: "1h30m" reads well, "5400s" is what proto3 JSON and scripts use.
      const readable = formatDurationExact(p.value);
      const seconds = formatDurationSeconds(p.value);
      return { kind: "primitive", primitive: "duration", text: readable, exact: seconds === readable ? undefined : seconds, json: seconds };
    }
    default:
      return { kind: "unknown", reason: "an empty primitive" };
  }
}

export function formatBytes(bytes: bigint | number): string {
  const n = Number(bytes);
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB", "PB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export type DisplayRow = { name: string; description: string; typeLabel: string; node: DisplayNode };

/**
 * Rows for an inputs/outputs panel: interface order first (what the author declared), then any
 * value the interface does not name, so nothing the backend sent is hidden.
 */
export function literalMapToDisplay(
  map: LiteralMap | undefined,
  variables?: { [name: string]: Variable },
): DisplayRow[] {
  const literals = map?.literals ?? {};
  const rows: DisplayRow[] = [];
  for (const [name, variable] of Object.entries(variables ?? {})) {
    const literal = literals[name];
    if (!literal) continue;
    const node = literalToDisplay(literal, variable.type);
    rows.push({ name, description: variable.description, typeLabel: node.typeLabel ?? "", node });
  }
  const extra = Object.keys(literals)
    .filter((name) => !variables || !(name in variables))
    .sort();
  for (const name of extra) {
    const node = literalToDisplay(literals[name]);
    rows.push({ name, description: "", typeLabel: node.typeLabel ?? inferTypeLabel(node), node });
  }
  return rows;
}

/** A best-effort type for a value whose interface is unknown (e.g. a node's raw outputs). */
function inferTypeLabel(node: DisplayNode): string {
  switch (node.kind) {
    case "primitive":
      return { integer: "int", float: "float", string: "str", boolean: "bool", datetime: "datetime", duration: "timedelta" }[node.primitive];
    case "none":
      return "None";
    case "list":
      return node.items.length ? `List<${inferTypeLabel(node.items[0])}>` : "List";
    case "map":
      return node.entries.length ? `Map<str, ${inferTypeLabel(node.entries[0].value)}>` : "Map";
    case "union":
      return node.value.typeLabel ?? node.variant;
    case "blob":
      return node.dimensionality === "multipart" ? "FlyteDirectory" : "FlyteFile";
    case "structuredDataset":
      return "StructuredDataset";
    case "schema":
      return "FlyteSchema";
    case "struct":
      return "struct";
    case "binary":
      return node.tag === "msgpack" ? "struct" : "bytes";
    case "offloaded":
      return node.inferredType ?? "offloaded";
    case "error":
      return "error";
    default:
      return "";
  }
}
