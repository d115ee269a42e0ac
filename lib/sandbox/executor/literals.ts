// Small literal builders and conversions the executor needs: JSON values (a task's `sandbox.outputs`)
// to typed literals, and literals back to binding data (the bindings of a generated dynamic workflow).
import {
  create,
  type DescMessage,
  type JsonObject,
  type JsonValue,
  type MessageInitShape,
  type MessageShape,
} from "@bufbuild/protobuf";
import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  BindingDataSchema,
  LiteralMapSchema,
  LiteralSchema,
  type BindingData,
  type Literal,
  type LiteralMap,
  type PrimitiveSchema,
  type ScalarSchema,
} from "@/lib/gen/flyteidl/core/literals_pb";
import { BlobType_BlobDimensionality, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";

/** The plain-object form `create()` accepts for a message (not an already-built message). */
export type InitOf<Desc extends DescMessage> = Exclude<MessageInitShape<Desc>, MessageShape<Desc>>;

type ScalarValue = NonNullable<InitOf<typeof ScalarSchema>["value"]>;
type PrimitiveValue = NonNullable<InitOf<typeof PrimitiveSchema>["value"]>;

export function scalarLiteral(value: ScalarValue): Literal {
  return create(LiteralSchema, { value: { case: "scalar", value: { value } } });
}

function primitiveLiteral(value: PrimitiveValue): Literal {
  return scalarLiteral({ case: "primitive", value: { value } });
}

export const lit = {
  none: (): Literal => scalarLiteral({ case: "noneType", value: {} }),
  int: (n: number | bigint): Literal => primitiveLiteral({ case: "integer", value: BigInt(n) }),
  float: (n: number): Literal => primitiveLiteral({ case: "floatValue", value: n }),
  str: (s: string): Literal => primitiveLiteral({ case: "stringValue", value: s }),
  bool: (b: boolean): Literal => primitiveLiteral({ case: "boolean", value: b }),
  datetime: (ms: number): Literal => primitiveLiteral({ case: "datetime", value: timestampFromMs(ms) }),
  duration: (ms: number): Literal => primitiveLiteral({ case: "duration", value: durationFromMs(ms) }),
  generic: (o: JsonObject): Literal => scalarLiteral({ case: "generic", value: o }),
  list: (items: Literal[]): Literal => create(LiteralSchema, { value: { case: "collection", value: { literals: items } } }),
  map: (entries: Record<string, Literal>): Literal =>
    create(LiteralSchema, { value: { case: "map", value: { literals: entries } } }),
};

export function literalMap(entries: Record<string, Literal> = {}): LiteralMap {
  return create(LiteralMapSchema, { literals: entries });
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationValueMs(v: JsonValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v.trim());
  return m ? Number(m[1]) * DURATION_UNITS[m[2]] : undefined;
}

function inferredLiteral(v: JsonValue): Literal {
  if (v === null) return lit.none();
  if (typeof v === "boolean") return lit.bool(v);
  if (typeof v === "number") return Number.isInteger(v) ? lit.int(v) : lit.float(v);
  if (typeof v === "string") return lit.str(v);
  if (Array.isArray(v)) return lit.list(v.map(inferredLiteral));
  return lit.generic(v);
}

function simpleLiteral(simple: SimpleType, v: JsonValue): Literal {
  switch (simple) {
    case SimpleType.NONE:
      return lit.none();
    case SimpleType.INTEGER:
      return lit.int(typeof v === "string" ? BigInt(v) : Math.trunc(Number(v)));
    case SimpleType.FLOAT:
      return lit.float(Number(v));
    case SimpleType.STRING:
      return lit.str(typeof v === "string" ? v : JSON.stringify(v));
    case SimpleType.BOOLEAN:
      return lit.bool(v === true || v === "true");
    case SimpleType.DATETIME:
      return lit.datetime(typeof v === "number" ? v : Date.parse(String(v)));
    case SimpleType.DURATION:
      return lit.duration(durationValueMs(v) ?? 0);
    case SimpleType.STRUCT:
      return v !== null && typeof v === "object" && !Array.isArray(v) ? lit.generic(v) : lit.generic({ value: v });
    case SimpleType.BINARY:
      return scalarLiteral({ case: "binary", value: { value: utf8Bytes(String(v)), tag: "" } });
    case SimpleType.ERROR:
      return scalarLiteral({ case: "error", value: { failedNodeId: "", message: String(v) } });
    default:
      return inferredLiteral(v);
  }
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s);

function uriOf(v: JsonValue): string {
  if (typeof v === "string") return v;
  if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.uri === "string") return v.uri;
  return "";
}

/** A plain JSON value as a literal of `type` (e.g. `sandbox.outputs` of a task template); best effort. */
export function literalFromJson(v: JsonValue, type: LiteralType | undefined): Literal {
  const t = type?.type;
  switch (t?.case) {
    case "simple":
      return simpleLiteral(t.value, v);
    case "collectionType":
      return lit.list((Array.isArray(v) ? v : [v]).map((item) => literalFromJson(item, t.value)));
    case "mapValueType": {
      const entries: Record<string, Literal> = {};
      if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        for (const [k, item] of Object.entries(v)) entries[k] = literalFromJson(item, t.value);
      }
      return lit.map(entries);
    }
    case "enumType":
      return lit.str(String(v));
    case "blob":
      return scalarLiteral({ case: "blob", value: { uri: uriOf(v), metadata: { type: t.value } } });
    case "structuredDatasetType":
      return scalarLiteral({
        case: "structuredDataset",
        value: { uri: uriOf(v), metadata: { structuredDatasetType: t.value } },
      });
    case "schema":
      return scalarLiteral({ case: "schema", value: { uri: uriOf(v), type: t.value } });
    case "unionType": {
      const variant = t.value.variants.find((vt) => jsonFits(v, vt)) ?? t.value.variants[0];
      return scalarLiteral({ case: "union", value: { value: literalFromJson(v, variant), type: variant } });
    }
    default:
      return inferredLiteral(v);
  }
}

function jsonFits(v: JsonValue, type: LiteralType): boolean {
  const t = type.type;
  if (t.case === "simple") {
    switch (t.value) {
      case SimpleType.NONE:
        return v === null;
      case SimpleType.INTEGER:
        return typeof v === "number" && Number.isInteger(v);
      case SimpleType.FLOAT:
        return typeof v === "number";
      case SimpleType.STRING:
        return typeof v === "string";
      case SimpleType.BOOLEAN:
        return typeof v === "boolean";
      case SimpleType.STRUCT:
        return v !== null && typeof v === "object" && !Array.isArray(v);
      default:
        return false;
    }
  }
  if (t.case === "collectionType") return Array.isArray(v);
  if (t.case === "mapValueType") return v !== null && typeof v === "object" && !Array.isArray(v);
  if (t.case === "enumType") return typeof v === "string" && t.value.values.includes(v);
  if (t.case === "blob") return typeof v === "string" && (t.value.dimensionality === BlobType_BlobDimensionality.SINGLE || v.endsWith("/"));
  return false;
}

/** A literal as binding data (a constant binding), as a workflow's compiled bindings carry constants. */
export function literalToBindingData(l: Literal): BindingData {
  switch (l.value.case) {
    case "collection":
      return create(BindingDataSchema, {
        value: { case: "collection", value: { bindings: l.value.value.literals.map(literalToBindingData) } },
      });
    case "map": {
      const bindings: Record<string, BindingData> = {};
      for (const [k, v] of Object.entries(l.value.value.literals)) bindings[k] = literalToBindingData(v);
      return create(BindingDataSchema, { value: { case: "map", value: { bindings } } });
    }
    case "scalar":
      return create(BindingDataSchema, { value: { case: "scalar", value: l.value.value } });
    case "offloadedMetadata":
      return create(BindingDataSchema, { value: { case: "offloadedMetadata", value: l.value.value } });
    default:
      return create(BindingDataSchema, { value: { case: "scalar", value: { value: { case: "noneType", value: {} } } } });
  }
}
