// flytekit ≥ 1.14 sends dataclasses, pydantic models and dicts as Binary literals tagged "msgpack";
// decoding them lets the console show a struct, not a byte count.
import { decode, ExtData } from "@msgpack/msgpack";
import type { JsonLike } from "./json-like";

/** The value as JSON-like data, or undefined when the bytes are not one whole msgpack value. */
export function decodeMsgpack(bytes: Uint8Array): JsonLike | undefined {
  try {
    // useBigInt64: an int64 past 2^53 stays exact (without it the library rounds it to a double).
    // Map keys that are not strings (flytekit writes dict[int, …] keys as ints) become their text.
    return toJsonLike(decode(bytes, { useBigInt64: true, mapKeyConverter: String }), 0);
  } catch {
    // Truncated or trailing bytes, an unused type byte, a key named __proto__, or too deep.
    return undefined;
  }
}

const MAX_DEPTH = 200;

function toJsonLike(value: unknown, depth: number): JsonLike {
  if (depth > MAX_DEPTH) throw new Error("too deep");
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return safeNumber(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  // The library reads msgpack's timestamp extension (-1) as a Date, any other extension as ExtData.
  if (value instanceof Date) return value.toISOString();
  if (value instanceof ExtData && value.data instanceof Uint8Array) return `<extension ${value.type}, ${value.data.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => toJsonLike(v, depth + 1));
  if (typeof value === "object") {
    const out: { [key: string]: JsonLike } = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonLike(v, depth + 1);
    return out;
  }
  throw new Error(`not a msgpack value: ${typeof value}`);
}

function safeNumber(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
