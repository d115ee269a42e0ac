// fast-check arbitraries for fuzzing the console's and the sandbox's HTTP surfaces: JSON shaped like a
// protobuf message (right and wrong types per field), binary garbage that looks like protobuf, and
// header values and path segments a hostile client might send.
import fc from "fast-check";
import { fromJson, ScalarType, toBinary, type DescField, type DescMessage, type JsonValue } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const hostileStrings = fc.constantFrom(
  "",
  "99999999999999999999",
  "-1",
  "1e309",
  "NaN",
  "\u0000",
  "\r\n",
  "%",
  "%zz",
  "../../etc/passwd",
  "eq(phase,SUCCEEDED)",
  "eq(name,a;b)",
  "value_in(phase,RUNNING;FAILED)+gte(created_at,2020-01-01)",
  "a".repeat(5000),
  "ü€\uD800",
  "<script>alert(1)</script>",
);
const anyString = fc.oneof(fc.string({ maxLength: 20 }), hostileStrings, fc.string({ unit: "binary", maxLength: 10 }));
const anyNumber = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 4_294_967_296, 1e20, 2 ** 53 + 1, 0.5), fc.double());

function scalarValue(field: DescField & { fieldKind: "scalar" | "list" | "map" }, scalar: ScalarType): fc.Arbitrary<Json> {
  void field;
  switch (scalar) {
    case ScalarType.STRING:
      return anyString;
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.BYTES:
      return fc.oneof(fc.base64String({ maxLength: 12 }), anyString);
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return fc.oneof(anyNumber, fc.bigInt().map((b) => b.toString()), hostileStrings);
    default:
      return anyNumber;
  }
}

/** A value protobuf's JSON reading accepts for `scalar` (strings still hostile). */
function strictScalar(scalar: ScalarType): fc.Arbitrary<Json> {
  switch (scalar) {
    case ScalarType.STRING:
      return anyString.filter((s) => !/[\uD800-\uDFFF]/.test(s));
    case ScalarType.BOOL:
      return fc.boolean();
    case ScalarType.BYTES:
      return fc.base64String({ maxLength: 12 });
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      return fc.integer();
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return fc.integer();
    default:
      return fc.nat({ max: 4_000_000_000 });
  }
}

/** Any JSON value, to put where a field expects something else. */
const wrongType: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), anyNumber, anyString, fc.constant<Json>([]), fc.constant<Json>({}));

/**
 * JSON for `desc`: a random subset of its fields, mostly of the right type, sometimes not (`strict`: never),
 * plus, sometimes, unknown keys.
 */
export function messageJson(desc: DescMessage, depth = 0, strict = false): fc.Arbitrary<Json> {
  if (depth > 3) return fc.constant({});
  const fieldArbs: Record<string, fc.Arbitrary<Json>> = {};
  for (const field of desc.fields) {
    // Paging fields as clients fill them, so list calls get past their limit checks to the token.
    const right =
      field.localName === "limit" ? fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) }, fc.nat({ max: 4_294_967_295 }))
      : field.localName === "token" ? fc.oneof(fc.nat().map(String), fc.constantFrom("99999999999999999999", "9223372036854775808", "-1"), hostileStrings)
      : field.localName === "project" ? fc.oneof({ weight: 3, arbitrary: fc.constant("flytesnacks") }, anyString)
      : field.localName === "domain" ? fc.oneof({ weight: 3, arbitrary: fc.constant("development") }, anyString)
      : fieldValue(field, depth, strict);
    fieldArbs[field.jsonName] = strict ? right : fc.oneof({ weight: 15, arbitrary: right }, { weight: 1, arbitrary: wrongType });
  }
  if (strict) return fc.record(fieldArbs, { requiredKeys: [] }) as fc.Arbitrary<Json>;
  return fc
    .tuple(fc.record(fieldArbs, { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ maxLength: 8 }), wrongType, { maxKeys: 2 }), { freq: 4 }))
    .map(([known, unknown]): Json => (unknown ? { ...unknown, ...known } : known) as Json);
}

function fieldValue(field: DescField, depth: number, strict: boolean): fc.Arbitrary<Json> {
  switch (field.fieldKind) {
    case "scalar":
      return strict ? strictScalar(field.scalar) : scalarValue(field, field.scalar);
    case "enum":
      return strict ? fc.constantFrom(...field.enum.values.map((v) => v.name)) : fc.oneof(fc.constantFrom(...field.enum.values.map((v) => v.name)), fc.integer({ min: -2, max: 40 }), anyString);
    case "message":
      if (field.message.typeName.startsWith("google.protobuf.")) return strict ? fc.constant(null) : wrongType;
      return fc.oneof(messageJson(field.message, depth + 1, strict), fc.constant(null));
    case "list":
      return fc.array(
        field.listKind === "message"
          ? messageJson(field.message, depth + 1, strict)
          : field.listKind === "enum"
            ? fc.integer({ min: 0, max: 5 })
            : strict
              ? strictScalar(field.scalar)
              : scalarValue(field, field.scalar),
        { maxLength: 3 },
      );
    case "map":
      if (strict && field.mapKind !== "message") return fc.constant({});
      return fc.dictionary(fc.string({ maxLength: 6 }), field.mapKind === "message" ? messageJson(field.message, depth + 1, strict) : wrongType, { maxKeys: 2 });
  }
}

/** Bytes that look like protobuf to a decoder: random tags and wire types, lengths that lie. */
export const protobufGarbage: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom(WireType.Varint, WireType.LengthDelimited, WireType.Bit32, WireType.Bit64, 3, 4, 6, 7), fc.uint8Array({ maxLength: 12 })),
    { maxLength: 6 },
  )
  .map((fields) => {
    const w = new BinaryWriter();
    for (const [tag, wire, bytes] of fields) {
      w.uint32((tag << 3) | wire);
      w.raw(bytes);
    }
    return w.finish();
  });

/** A body: valid-looking JSON of `desc`, any JSON, random bytes, protobuf-like garbage, or nothing. */
export function bodyFor(desc: DescMessage | undefined): fc.Arbitrary<Uint8Array> {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  return fc.oneof(
    { weight: 3, arbitrary: (desc ? messageJson(desc, 0, true) : fc.json()).map(enc) },
    { weight: 3, arbitrary: (desc ? messageJson(desc) : fc.json()).map(enc) },
    { weight: 1, arbitrary: fc.json().map((s) => new TextEncoder().encode(s)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: protobufGarbage },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => new TextEncoder().encode(s)) },
  );
}

/** Header values undici and Node's parser let through: printable ASCII and Latin-1 (no CR, LF, NUL). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c === 0x7f ? 0x20 : c)), maxLength: 30 }),
);

/** A Cookie header: session cookie names with random, percent-encoded or quoted values, and junk. */
export const cookieHeader: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom("flyte_at", "flyte_at_1", "flyte_at_2", "flyte_idt", "flyte_rt", "flyte_user_info", "other", "", "=", "a b"),
      fc.oneof(headerValue, fc.constantFrom("%0D%0A", "%00", "%E2%82%AC", "%ZZ", '"quoted"', '"', "MTY5|ZGF0YQ==|c2ln", "a=b=c")),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("; "));

/** Path segments: real words, percent-encoding good and bad, dots and slashes. */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("flytesnacks", "development", "a1", "%", "%zz", "%E2%82%AC", "%00", "..", ".", "%2F", "a%20b", "x;y", "{id}", "99999999999999999999"),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
);

/** Query strings: real parameter names with hostile values, bad percent-encoding, repeats. */
export const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom("limit", "token", "filters", "sort_by.key", "sort_by.direction", "sortBy.direction", "id.project", "uri", "offset", "x", "%zz", ""),
      fc.oneof(pathSegment, fc.constantFrom("-1", "1e3", "4294967296", "99999999999999999999", "ASCENDING", "7", "true")),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

/** Well-typed random JSON of `desc`, encoded. */
export function strictJsonBody(desc: DescMessage): fc.Arbitrary<Uint8Array> {
  return messageJson(desc, 0, true).map((json) => new TextEncoder().encode(JSON.stringify(json)));
}

/** The binary encoding of a well-typed random message of `desc` (garbage when its JSON does not read). */
export function binaryMessage(desc: DescMessage): fc.Arbitrary<Uint8Array> {
  return messageJson(desc, 0, true).map((json) => {
    try {
      return toBinary(desc, fromJson(desc, json as JsonValue, { ignoreUnknownFields: true }));
    } catch {
      return new TextEncoder().encode(JSON.stringify(json));
    }
  });
}

/** A List* query as clients page with it: a usable limit mostly, tokens and filters good and bad. */
export const listQuery: fc.Arbitrary<string> = fc
  .record({
    limit: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }).map(String) }, fc.constantFrom("0", "-1", "4294967296", "1e3", "abc")),
    token: fc.option(fc.oneof(fc.nat().map(String), fc.constantFrom("99999999999999999999", "9223372036854775807", "9223372036854775808", "-1", "abc", "1.5", ""))),
    filters: fc.option(fc.constantFrom("eq(phase,SUCCEEDED)", "eq(name,a;b)", "value_in(phase,RUNNING;FAILED)", "gte(created_at,2020-01-01T00:00:00Z)", "eq(colour,red)", "eq(", "contains(name,a+b)")),
    sort: fc.option(fc.constantFrom("created_at", "name", "colour", "")),
    direction: fc.option(fc.constantFrom("ASCENDING", "DESCENDING", "0", "1", "7", "bogus")),
  })
  .map((q) => {
    const params = [`limit=${q.limit}`];
    if (q.token !== null) params.push(`token=${q.token}`);
    if (q.filters !== null) params.push(`filters=${encodeURIComponent(q.filters)}`);
    if (q.sort !== null) params.push(`sort_by.key=${q.sort}`);
    if (q.direction !== null) params.push(`sort_by.direction=${q.direction}`);
    return `?${params.join("&")}`;
  });
