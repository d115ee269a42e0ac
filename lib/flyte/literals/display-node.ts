// The tree a literal is shown as: its own module so that building it (display.ts) and turning it
// into JSON (json.ts) both depend on it and not on each other.
import type { JsonLike } from "./json-like";

export type PrimitiveKind = "integer" | "float" | "string" | "boolean" | "datetime" | "duration";
export type Column = { name: string; type: string };

export type DisplayNode = {
  /** Readable type ("List<int>") when the caller passed a type or the literal carries one. */
  typeLabel?: string;
} & (
  | { kind: "primitive"; primitive: PrimitiveKind; text: string; exact?: string; json: JsonLike }
  | { kind: "none" }
  | { kind: "error"; message: string; failedNodeId: string }
  | { kind: "blob"; uri: string; format: string; dimensionality: "single" | "multipart" }
  | { kind: "structuredDataset"; uri: string; format: string; columns: Column[] }
  | { kind: "schema"; uri: string; columns: Column[] }
  | { kind: "binary"; size: number; tag: string; decoded?: JsonLike }
  | { kind: "struct"; json: JsonLike }
  | { kind: "union"; variant: string; value: DisplayNode }
  | { kind: "list"; items: DisplayNode[] }
  | { kind: "map"; entries: { key: string; value: DisplayNode }[] }
  | { kind: "offloaded"; uri: string; sizeBytes: string; sizeText: string; inferredType?: string }
  | { kind: "unknown"; reason: string }
);
