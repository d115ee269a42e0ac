// Path and query parameters into a request message, with grpc-gateway's (v2) rules: dotted field
// paths by proto or JSON name, repeated keys for repeated fields, `key[k]=v` for maps, enums by
// name or number, Go's number/bool/duration/timestamp syntax, a few well-known types as leaves,
// unknown names ignored, a second value for a singular field refused.
import { fromJson, protoInt64, ScalarType, type DescField, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";
import { DurationSchema, FieldMaskSchema, StructSchema, TimestampSchema, ValueSchema } from "@bufbuild/protobuf/wkt";

/** A parameter that cannot go into the request; the gateway answers InvalidArgument. */
export class ParamError extends Error {}

function findField(desc: DescMessage, name: string): DescField | undefined {
  return desc.fields.find((f) => f.name === name) ?? desc.fields.find((f) => f.jsonName === name);
}

const INT = /^[+-]?\d+$/;
const UINT = /^\d+$/;
const FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function parseBool(value: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) return false;
  throw new ParamError(`"${value}" is not a valid boolean`);
}

function parseInteger(value: string, signed: boolean, bits: 32 | 64): bigint {
  if (!(signed ? INT : UINT).test(value)) throw new ParamError(`"${value}" is not a valid integer`);
  const n = BigInt(value);
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  if (n < min || n > max) throw new ParamError(`"${value}" is out of range`);
  return n;
}

function parseFloatGo(value: string, bits: 32 | 64): number {
  let n: number;
  if (/^[+-]?inf(inity)?$/i.test(value)) n = value.startsWith("-") ? -Infinity : Infinity;
  else if (/^[+-]?nan$/i.test(value)) n = NaN;
  else if (FLOAT.test(value)) n = Number(value);
  else throw new ParamError(`"${value}" is not a valid number`);
  if (Number.isFinite(n) && bits === 32 && Math.abs(n) > 3.4028234663852886e38) {
    throw new ParamError(`"${value}" is out of range`);
  }
  return n;
}

function parseBytes(value: string): Uint8Array {
  const std = /^[A-Za-z0-9+/]*={0,2}$/;
  const url = /^[A-Za-z0-9\-_]*={0,2}$/;
  if (value.length % 4 === 0 && (std.test(value) || url.test(value))) {
    return new Uint8Array(Buffer.from(value, std.test(value) ? "base64" : "base64url"));
  }
  throw new ParamError(`"${value}" is not valid base64`);
}

function parseScalar(type: ScalarType, value: string): unknown {
  switch (type) {
    case ScalarType.BOOL:
      return parseBool(value);
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return Number(parseInteger(value, true, 32));
    case ScalarType.UINT32:
    case ScalarType.FIXED32:
      return Number(parseInteger(value, false, 32));
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return protoInt64.parse(parseInteger(value, true, 64));
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return protoInt64.uParse(parseInteger(value, false, 64));
    case ScalarType.FLOAT:
      return parseFloatGo(value, 32);
    case ScalarType.DOUBLE:
      return parseFloatGo(value, 64);
    case ScalarType.STRING:
      return value;
    case ScalarType.BYTES:
      return parseBytes(value);
  }
}

function parseEnum(field: DescField, value: string): number {
  const desc = field.enum;
  if (!desc) throw new ParamError(`${field.name} is not an enum`);
  const byName = desc.values.find((v) => v.name === value);
  if (byName) return byName.number;
  if (INT.test(value)) {
    const byNumber = desc.values.find((v) => v.number === Number(value));
    if (byNumber) return byNumber.number;
  }
  throw new ParamError(`"${value}" is not a valid value`);
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "µs": 1_000n,
  "μs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** Go's time.ParseDuration ("1h30m", "1.5s", "-300ms", "0"), as nanoseconds. */
export function parseGoDuration(value: string): bigint {
  const m = /^([+-]?)(.+)$/.exec(value);
  if (!m || value === "") throw new ParamError(`invalid duration "${value}"`);
  if (m[2] === "0") return 0n;
  const part = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0n;
  let pos = 0;
  while (pos < m[2].length) {
    part.lastIndex = pos;
    const p = part.exec(m[2]);
    if (!p || (p[1] === "" && (p[2] ?? "") === "")) throw new ParamError(`invalid duration "${value}"`);
    const unit = UNIT_NS[p[3]];
    const frac = p[2] ?? "";
    total += BigInt(p[1] || "0") * unit;
    if (frac) total += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    pos = part.lastIndex;
  }
  return m[1] === "-" ? -total : total;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Go's time.Parse(time.RFC3339Nano, value), as seconds and nanos since the epoch. */
export function parseRfc3339(value: string): { seconds: bigint; nanos: number } {
  const m = RFC3339.exec(value);
  if (!m) throw new ParamError(`"${value}" is not an RFC 3339 time`);
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  if (Number.isNaN(ms) || +mo > 12 || +d > 31 || +h > 23 || +mi > 59 || +s > 59) {
    throw new ParamError(`"${value}" is not an RFC 3339 time`);
  }
  const offset = sign ? (sign === "-" ? -1 : 1) * (+oh * 60 + +om) * 60 : 0;
  return { seconds: BigInt(ms / 1000 - offset), nanos: frac ? Number(frac.padEnd(9, "0")) : 0 };
}

function parseJson(value: string): JsonValue {
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    throw new ParamError(`"${value}" is not valid JSON`);
  }
}

/** A well-known message type given as one string, or an error for any other message type. */
function parseMessageLeaf(desc: DescMessage, value: string): ReflectMessage {
  switch (desc.typeName) {
    case TimestampSchema.typeName:
      return reflect(TimestampSchema, { $typeName: TimestampSchema.typeName, ...parseRfc3339(value) });
    case DurationSchema.typeName: {
      const ns = parseGoDuration(value);
      const seconds = ns / 1_000_000_000n;
      return reflect(DurationSchema, {
        $typeName: DurationSchema.typeName,
        seconds: protoInt64.parse(seconds),
        nanos: Number(ns - seconds * 1_000_000_000n),
      });
    }
    case FieldMaskSchema.typeName:
      return reflect(FieldMaskSchema, { $typeName: FieldMaskSchema.typeName, paths: value.split(",") });
    case ValueSchema.typeName:
      return reflect(ValueSchema, fromJson(ValueSchema, parseJson(value)));
    case StructSchema.typeName:
      return reflect(StructSchema, fromJson(StructSchema, parseJson(value)));
  }
  const wrapped = desc.fields[0];
  if (desc.typeName.startsWith("google.protobuf.") && desc.typeName.endsWith("Value") && wrapped?.fieldKind === "scalar") {
    const r = reflect(desc);
    r.set(wrapped, parseScalar(wrapped.scalar, value));
    return r;
  }
  throw new ParamError(`unsupported message type: "${desc.typeName}"`);
}

/** One value of a singular field, list element or map value. */
function parseValue(field: DescField, kind: "scalar" | "enum" | "message", value: string): unknown {
  if (kind === "enum") return parseEnum(field, value);
  if (kind === "message" && field.message) return parseMessageLeaf(field.message, value);
  if (field.scalar === undefined) throw new ParamError(`unsupported field ${field.name}`);
  return parseScalar(field.scalar, value);
}

/** Sets the field at `fieldPath` (proto or JSON names) from its string values. */
export function populateFieldFromPath(root: ReflectMessage, fieldPath: readonly string[], values: readonly string[]): void {
  if (fieldPath.length === 0) throw new ParamError("no field path");
  if (values.length === 0) throw new ParamError("no value provided");
  let msg = root;
  let field: DescField | undefined;
  for (let i = 0; i < fieldPath.length; i++) {
    field = findField(msg.desc, fieldPath[i]);
    if (!field) return; // an extra query parameter that is not part of the request
    if (i === fieldPath.length - 1) break;
    if (field.fieldKind !== "message") throw new ParamError(`invalid path: "${fieldPath[i]}" is not a message`);
    if (!msg.isSet(field)) msg.set(field, reflect(field.message));
    msg = msg.get(field);
  }
  if (!field) return;
  const name = fieldPath.join(".");
  if (field.oneof) {
    const setCase = msg.oneofCase(field.oneof);
    if (setCase) throw new ParamError(`field already set for oneof "${field.oneof.name}"`);
  }
  try {
    switch (field.fieldKind) {
      case "list": {
        const list = msg.get(field);
        for (const v of values) list.add(parseValue(field, field.listKind, v));
        return;
      }
      case "map": {
        if (values.length !== 2) throw new ParamError(`more than one value provided for key "${values[0]}" in map "${name}"`);
        msg.get(field).set(parseScalar(field.mapKey, values[0]), parseValue(field, field.mapKind, values[1]));
        return;
      }
      default:
        if (values.length > 1) throw new ParamError(`too many values for field "${name}": ${values.join(", ")}`);
        msg.set(field, parseValue(field, field.fieldKind, values[0]));
    }
  } catch (err) {
    if (err instanceof ParamError) throw new ParamError(`parsing field "${name}": ${err.message}`);
    throw err;
  }
}

/**
 * Query parameters into the request, skipping keys that start with a path already bound to the
 * URL path or the body (grpc-gateway's filter).
 */
export function populateQueryParameters(
  root: ReflectMessage,
  query: URLSearchParams,
  boundPaths: readonly (readonly string[])[],
): void {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of query) {
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  }
  for (let [key, values] of grouped) {
    const mapKey = /^(.*)\[(.*)\]$/.exec(key);
    if (mapKey) {
      key = mapKey[1];
      values = [mapKey[2], ...values];
    }
    const fieldPath = key.split(".");
    const bound = boundPaths.some((p) => p.length <= fieldPath.length && p.every((s, i) => s === fieldPath[i]));
    if (!bound) populateFieldFromPath(root, fieldPath, values);
  }
}
