// Node execution ids, child execution names and pod names as FlytePropeller derives them, so that ids
// the sandbox records look like (and collide like) those of a real cluster.
//
// FlytePropeller joins the non-empty-prefixed parts with "-" and, when the result is longer than the
// limit, replaces it by "f" + base32(FNV-1a hash) over the alphabet a-z1-6 without padding
// (flyteplugins pluginmachinery/encoding.FixedLengthUniqueIDForParts).

const ENCODER_ALPHABET = "abcdefghijklmnopqrstuvwxyz123456";
/** FlytePropeller's limit for node unique ids and child execution names. */
export const MAX_UNIQUE_ID_LENGTH = 20;
/** FlytePropeller's limit for task execution generated (pod) names. */
export const MAX_GENERATED_NAME_LENGTH = 50;

const utf8 = new TextEncoder();

export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

// FNV-1a over BigInt for the 64- and 128-bit widths (Go's hash/fnv New64a and New128a).
const FNV_BIG: Record<64 | 128, { offset: bigint; prime: bigint }> = {
  64: { offset: 0xcbf29ce484222325n, prime: 0x100000001b3n },
  128: { offset: 0x6c62272e07bb014262b821756295c58dn, prime: 0x0000000001000000000000000000013bn },
};

function fnv1aBig(text: string, width: 64 | 128): bigint {
  const { offset, prime } = FNV_BIG[width];
  const mask = (1n << BigInt(width)) - 1n;
  let hash = offset;
  for (const byte of utf8.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & mask;
  }
  return hash;
}

export function fnv1a64(text: string): bigint {
  return fnv1aBig(text, 64);
}

function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ENCODER_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ENCODER_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function bigEndian32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

function bigEndian(n: bigint, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = Number(n & 255n);
    n >>= 8n;
  }
  return out;
}

export type HashWidth = 32 | 64 | 128;

export function fixedLengthUniqueId(input: string, maxLength: number, width: HashWidth = 32): string {
  // Go's len(): bytes, not characters.
  if (utf8.encode(input).length <= maxLength) return input;
  const bytes = width === 32 ? bigEndian32(fnv1a32(input)) : bigEndian(fnv1aBig(input, width), width / 8);
  return "f" + base32(bytes);
}

export function fixedLengthUniqueIdForParts(maxLength: number, parts: readonly string[], width: HashWidth = 32): string {
  let joined = "";
  parts.forEach((part, i) => {
    if (i > 0 && joined.length > 0) joined += "-";
    joined += part;
  });
  return fixedLengthUniqueId(joined, maxLength, width);
}

/** The parent a nested node runs under: its unique id and the parent's current attempt. */
export interface ParentInfo {
  uniqueId: string;
  attempt: number;
  /** Set for everything below a dynamic node (FlytePropeller's is_in_dynamic_chain). */
  inDynamicChain: boolean;
}

/** FlytePropeller's GenerateUniqueID: `${parent}-${attempt}-${nodeId}`, hashed past 20 characters. */
export function nodeUniqueId(parent: ParentInfo | undefined, nodeId: string): string {
  if (!parent) return fixedLengthUniqueIdForParts(MAX_UNIQUE_ID_LENGTH, [nodeId]);
  return fixedLengthUniqueIdForParts(MAX_UNIQUE_ID_LENGTH, [parent.uniqueId, String(parent.attempt), nodeId]);
}

/** The name of the execution a launch-plan node starts (GetChildWorkflowExecutionIDV2). */
export function childExecutionName(parentExecutionName: string, nodeUniqueId: string, attempt: number): string {
  return fixedLengthUniqueIdForParts(MAX_UNIQUE_ID_LENGTH, [parentExecutionName, nodeUniqueId, String(attempt)], 64);
}

/** The pod name FlytePropeller gives a task attempt (TaskExecutionMetadata.generated_name). */
export function generatedTaskName(executionName: string, nodeUniqueId: string, attempt: number): string {
  return fixedLengthUniqueIdForParts(MAX_GENERATED_NAME_LENGTH, [executionName, nodeUniqueId, String(attempt)]);
}

/** A deterministic number in [0, 1) for a seed (mulberry32 over the seed's FNV-1a hash). */
export function seededUnit(seed: string): number {
  let t = (fnv1a32(seed) + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A deterministic stream of numbers in [0, 1) for one seed. */
export function seededStream(seed: string): () => number {
  let i = 0;
  return () => seededUnit(`${seed}#${i++}`);
}
