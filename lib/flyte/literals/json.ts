// Values as plain JSON for "copy as JSON": int64 stays exact (bigint printed as digits), which
// JSON.stringify cannot do.
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Variable } from "@/lib/gen/flyteidl/core/interface_pb";
import { literalMapToDisplay } from "./display";
import type { DisplayNode } from "./display-node";
import type { JsonLike } from "./json-like";

/** A whole inputs or outputs map as one JSON object, name to value, in the order the panel shows them. */
export function literalMapToJson(map: LiteralMap | undefined, variables?: { [name: string]: Variable }): JsonLike {
  const out: { [key: string]: JsonLike } = {};
  for (const row of literalMapToDisplay(map, variables)) define(out, row.name, displayToJson(row.node));
  return out;
}

export function displayToJson(node: DisplayNode): JsonLike {
  switch (node.kind) {
    case "primitive":
      return node.json;
    case "none":
    case "unknown":
      return null;
    case "error":
      return { error: node.message, failedNodeId: node.failedNodeId };
    case "blob":
      return { uri: node.uri, format: node.format, dimensionality: node.dimensionality };
    case "structuredDataset":
      return { uri: node.uri, format: node.format, columns: columnsObject(node.columns) };
    case "schema":
      return { uri: node.uri, columns: columnsObject(node.columns) };
    case "binary":
      return node.decoded !== undefined ? node.decoded : { tag: node.tag, sizeBytes: node.size };
    case "struct":
      return node.json;
    case "union":
      return displayToJson(node.value);
    case "list":
      return node.items.map(displayToJson);
    case "map": {
      const out: { [key: string]: JsonLike } = {};
      for (const e of node.entries) define(out, e.key, displayToJson(e.value));
      return out;
    }
    case "offloaded":
      return { offloadedUri: node.uri, sizeBytes: node.sizeBytes, ...(node.inferredType ? { type: node.inferredType } : {}) };
  }
}

function columnsObject(columns: { name: string; type: string }[]): { [key: string]: JsonLike } {
  const out: { [key: string]: JsonLike } = {};
  for (const c of columns) define(out, c.name, c.type);
  return out;
}

// A key named "__proto__" is data, not a prototype change.
function define(obj: { [key: string]: JsonLike }, key: string, value: JsonLike): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function stringifyJson(value: JsonLike, indent = 2): string {
  return write(value, indent, "");
}

function write(value: JsonLike, indent: number, pad: string): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = pad + " ".repeat(indent);
  const nl = indent > 0 ? "\n" : "";
  const sep = indent > 0 ? ": " : ":";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${nl}${value.map((v) => inner + write(v, indent, inner)).join(`,${nl}`)}${nl}${pad}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  const body = keys.map((k) => `${inner}${JSON.stringify(k)}${sep}${write(value[k], indent, inner)}`);
  return `{${nl}${body.join(`,${nl}`)}${nl}${pad}}`;
}
