// Deterministic, plausible literals for any LiteralType: what simulated tasks output, and what seed data
// and tests can reuse. The same (type, seed) always gives the same literal; nothing reads the clock.
import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { Literal, LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { BlobType_BlobDimensionality, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { fnv1a32, seededStream } from "./ids";
import { lit, literalMap, scalarLiteral } from "./literals";

const WORDS = [
  "amber", "basil", "cedar", "delta", "ember", "fjord", "garnet", "harbor", "iris", "juniper",
  "kelp", "lumen", "maple", "nova", "orbit", "pebble", "quartz", "river", "sable", "tundra",
];
/** Generated datetimes fall in 2024, so they look real without depending on the clock. */
const EPOCH_2024 = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const MAX_DEPTH = 4;

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const intBetween = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const word = (rng: Rng) => pick(rng, WORDS);
const hex = (seed: string) => fnv1a32(seed).toString(16).padStart(8, "0");

/** Where generated blobs and datasets claim to live (the sandbox's pretend bucket). */
export const DATA_PREFIX = "s3://flyte-sandbox/data";

function simple(type: SimpleType, rng: Rng, seed: string): Literal {
  switch (type) {
    case SimpleType.INTEGER:
      return lit.int(intBetween(rng, 0, 1000));
    case SimpleType.FLOAT:
      return lit.float(Math.round(rng() * 100_000) / 100);
    case SimpleType.STRING:
      return lit.str(`${word(rng)}-${word(rng)}-${intBetween(rng, 1, 99)}`);
    case SimpleType.BOOLEAN:
      return lit.bool(rng() < 0.5);
    case SimpleType.DATETIME:
      return lit.datetime(EPOCH_2024 + Math.floor(rng() * 365 * DAY_MS));
    case SimpleType.DURATION:
      return lit.duration(intBetween(rng, 1, 7200) * 1000);
    case SimpleType.BINARY:
      return scalarLiteral({
        case: "binary",
        value: { value: Uint8Array.from({ length: 16 }, () => intBetween(rng, 0, 255)), tag: "" },
      });
    case SimpleType.ERROR:
      return scalarLiteral({
        case: "error",
        value: { failedNodeId: "", message: `simulated error value (${word(rng)})` },
      });
    case SimpleType.STRUCT:
      return lit.generic(genericObject(rng, seed));
    case SimpleType.NONE:
    default:
      return lit.none();
  }
}

function genericObject(rng: Rng, seed: string): JsonObject {
  return {
    id: hex(seed),
    name: `${word(rng)}-${word(rng)}`,
    score: Math.round(rng() * 1000) / 10,
    count: intBetween(rng, 0, 50),
    tags: [word(rng), word(rng)],
  };
}

type JsonSchema = { [key: string]: JsonValue };
const asSchema = (v: JsonValue | undefined): JsonSchema | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;

/** A JSON value for a JSON schema (flytekit puts a dataclass's schema in the STRUCT type's metadata). */
function fromJsonSchema(schema: JsonSchema, root: JsonSchema, rng: Rng, depth: number): JsonValue {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/") && depth < MAX_DEPTH) {
    let target: JsonValue | undefined = root;
    for (const part of ref.slice(2).split("/")) target = asSchema(target)?.[part];
    const resolved = asSchema(target);
    if (resolved) return fromJsonSchema(resolved, root, rng, depth + 1);
  }
  const anyOf = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (anyOf?.length) {
    const choice = asSchema(anyOf[0]);
    return choice ? fromJsonSchema(choice, root, rng, depth + 1) : null;
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return pick(rng, schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "integer":
      return intBetween(rng, 0, 1000);
    case "number":
      return Math.round(rng() * 100_000) / 100;
    case "string":
      return schema.format === "date-time"
        ? new Date(EPOCH_2024 + Math.floor(rng() * 365 * DAY_MS)).toISOString()
        : `${word(rng)}-${intBetween(rng, 1, 99)}`;
    case "boolean":
      return rng() < 0.5;
    case "null":
      return null;
    case "array": {
      const items = asSchema(schema.items);
      if (!items || depth >= MAX_DEPTH) return [];
      return Array.from({ length: 2 }, () => fromJsonSchema(items, root, rng, depth + 1));
    }
    default: {
      const props = asSchema(schema.properties);
      if (!props || depth >= MAX_DEPTH) return {};
      const out: JsonObject = {};
      for (const [key, sub] of Object.entries(props)) {
        const subSchema = asSchema(sub);
        out[key] = subSchema ? fromJsonSchema(subSchema, root, rng, depth + 1) : null;
      }
      return out;
    }
  }
}

function extensionFor(format: string): string {
  const f = format.toLowerCase();
  return f && /^[a-z0-9]+$/.test(f) ? `.${f}` : "";
}

function generate(type: LiteralType | undefined, seed: string, depth: number): Literal {
  const rng = seededStream(seed);
  const t = type?.type;
  switch (t?.case) {
    case "simple": {
      const schema = t.value === SimpleType.STRUCT ? asSchema(type?.metadata) : undefined;
      if (schema && (schema.$ref || schema.properties)) {
        const value = fromJsonSchema(schema, schema, rng, 0);
        return lit.generic(asSchema(value) ?? { value });
      }
      return simple(t.value, rng, seed);
    }
    case "collectionType": {
      const n = depth >= MAX_DEPTH ? 0 : intBetween(rng, 2, 4);
      return lit.list(Array.from({ length: n }, (_, i) => generate(t.value, `${seed}[${i}]`, depth + 1)));
    }
    case "mapValueType": {
      const n = depth >= MAX_DEPTH ? 0 : intBetween(rng, 2, 3);
      const entries: Record<string, Literal> = {};
      for (let i = 0; i < n; i++) entries[`${word(rng)}_${i}`] = generate(t.value, `${seed}{${i}}`, depth + 1);
      return lit.map(entries);
    }
    case "enumType":
      return t.value.values.length ? lit.str(pick(rng, t.value.values)) : lit.str("");
    case "blob": {
      const multipart = t.value.dimensionality === BlobType_BlobDimensionality.MULTIPART;
      const uri = multipart
        ? `${DATA_PREFIX}/${hex(seed)}/${word(rng)}/`
        : `${DATA_PREFIX}/${hex(seed)}/${word(rng)}${extensionFor(t.value.format)}`;
      return scalarLiteral({ case: "blob", value: { uri, metadata: { type: t.value } } });
    }
    case "structuredDatasetType":
      return scalarLiteral({
        case: "structuredDataset",
        value: { uri: `${DATA_PREFIX}/${hex(seed)}/00000`, metadata: { structuredDatasetType: t.value } },
      });
    case "schema":
      return scalarLiteral({ case: "schema", value: { uri: `${DATA_PREFIX}/${hex(seed)}/schema`, type: t.value } });
    case "unionType": {
      const variants = t.value.variants;
      if (!variants.length) return lit.none();
      const variant = pick(rng, variants);
      return scalarLiteral({ case: "union", value: { value: generate(variant, `${seed}|u`, depth + 1), type: variant } });
    }
    default:
      return lit.none();
  }
}

/** A literal of `type`, the same for the same seed. An unset type gives a none literal. */
export function generateLiteral(type: LiteralType | undefined, seed: string): Literal {
  return generate(type, seed, 0);
}

/** A literal for every variable of an interface side; each variable seeded by `${seed}/${name}`. */
export function generateLiteralMap(variables: VariableMap | undefined, seed: string): LiteralMap {
  const entries: Record<string, Literal> = {};
  for (const [name, variable] of Object.entries(variables?.variables ?? {})) {
    entries[name] = generateLiteral(variable.type, `${seed}/${name}`);
  }
  return literalMap(entries);
}
