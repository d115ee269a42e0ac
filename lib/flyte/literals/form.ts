// Form values → Literal (launch, signals), with a human message at the exact field that is wrong.
// The reverse direction (prefill for relaunch and defaults) lives in form-prefill.ts.
import { clone, create, type JsonObject, type JsonValue, type MessageInitShape } from "@bufbuild/protobuf";
import { base64Decode } from "@bufbuild/protobuf/wire";
import {
  LiteralMapSchema,
  LiteralSchema,
  PrimitiveSchema,
  ScalarSchema,
  type Literal,
  type LiteralMap,
} from "@/lib/gen/flyteidl/core/literals_pb";
import {
  LiteralTypeSchema,
  SchemaTypeSchema,
  SimpleType,
  type LiteralType,
} from "@/lib/gen/flyteidl/core/types_pb";
import type { FieldError, FieldPath, FormValue } from "./form-value";
import { isJsonSchema, validateJsonSchema } from "./json-schema";
import { parseDateTime, parseDuration, parseFloatText, parseInteger } from "./scalars";
import { literalTypeToString } from "./type-string";

export * from "./form-value";
export { literalToFormValue, type PrefillResult } from "./form-prefill";

export type ToLiteralResult = { ok: true; literal: Literal } | { ok: false; errors: FieldError[] };

export function formValueToLiteral(type: LiteralType | undefined, value: FormValue): ToLiteralResult {
  const errors: FieldError[] = [];
  const literal = toLiteral(type, value, [], errors);
  if (errors.length > 0 || !literal) {
    return { ok: false, errors: errors.length ? errors : [{ path: [], message: "cannot be converted" }] };
  }
  return { ok: true, literal };
}

export type ToLiteralMapResult = { ok: true; literals: LiteralMap } | { ok: false; errors: FieldError[] };

/** Every input of a launch or signal at once; error paths start with the input's name. */
export function formValuesToLiteralMap(
  inputs: { [name: string]: { type: LiteralType | undefined; value: FormValue } },
): ToLiteralMapResult {
  const errors: FieldError[] = [];
  const literals: { [name: string]: Literal } = {};
  for (const [name, { type, value }] of Object.entries(inputs)) {
    const literal = toLiteral(type, value, [name], errors);
    if (literal) literals[name] = literal;
  }
  return errors.length ? { ok: false, errors } : { ok: true, literals: create(LiteralMapSchema, { literals }) };
}

type ScalarInit = MessageInitShape<typeof ScalarSchema>;

function scalar(init: ScalarInit): Literal {
  return create(LiteralSchema, { value: { case: "scalar", value: create(ScalarSchema, init) } });
}

function fail(errors: FieldError[], path: FieldPath, message: string): undefined {
  errors.push({ path, message });
  return undefined;
}

function toLiteral(type: LiteralType | undefined, v: FormValue, path: FieldPath, errors: FieldError[]): Literal | undefined {
  const t = type?.type;
  if (!type || !t || t.case === undefined) return fail(errors, path, "has a type this console cannot build a value for");
  const mismatch = () => fail(errors, path, `does not match its type ${literalTypeToString(type)} (got a ${v.kind} field)`);
  if (v.kind === "unsupported") return fail(errors, path, v.reason);

  switch (t.case) {
    case "simple":
      return simpleToLiteral(t.value, type, v, path, errors);
    case "enumType": {
      if (v.kind !== "enum") return mismatch();
      const values = t.value.values;
      if (v.value === "") return fail(errors, path, `choose one of: ${values.join(", ")}`);
      if (!values.includes(v.value)) return fail(errors, path, `must be one of: ${values.join(", ")}`);
      return scalar({ value: { case: "primitive", value: { value: { case: "stringValue", value: v.value } } } });
    }
    case "blob": {
      if (v.kind !== "blob") return mismatch();
      const uri = v.uri.trim();
      if (!uri) return fail(errors, path, "enter a URI (e.g. s3://bucket/key)");
      // A typed FlyteFile[csv] only accepts its own format; a plain FlyteFile takes what is given.
      const format = t.value.format || v.format.trim();
      return scalar({
        value: {
          case: "blob",
          value: { uri, metadata: { type: { format, dimensionality: t.value.dimensionality } } },
        },
      });
    }
    case "structuredDatasetType": {
      if (v.kind !== "structuredDataset") return mismatch();
      const uri = v.uri.trim();
      if (!uri) return fail(errors, path, "enter a URI (e.g. s3://bucket/data.parquet)");
      // Format only: the columns are the input type's business, and a literal without columns is
      // castable to any column set (FlyteAdmin's structured dataset type check).
      const format = v.format.trim() || t.value.format;
      return scalar({ value: { case: "structuredDataset", value: { uri, metadata: { structuredDatasetType: { format } } } } });
    }
    case "schema": {
      if (v.kind !== "schema") return mismatch();
      const uri = v.uri.trim();
      if (!uri) return fail(errors, path, "enter a URI");
      return scalar({ value: { case: "schema", value: { uri, type: clone(SchemaTypeSchema, t.value) } } });
    }
    case "collectionType": {
      if (v.kind !== "list") return mismatch();
      const items = v.items.map((item, i) => toLiteral(t.value, item, [...path, i], errors));
      if (items.some((l) => !l)) return undefined;
      return create(LiteralSchema, { value: { case: "collection", value: { literals: items as Literal[] } } });
    }
    case "mapValueType": {
      if (v.kind !== "map") return mismatch();
      const literals: { [key: string]: Literal } = {};
      const seen = new Set<string>();
      let bad = false;
      v.entries.forEach((entry, i) => {
        const keyProblem = entry.key === "" ? "enter a key" : seen.has(entry.key) ? `duplicate key "${entry.key}"` : "";
        if (keyProblem) fail(errors, [...path, i, "key"], keyProblem);
        seen.add(entry.key);
        const literal = toLiteral(t.value, entry.value, [...path, i, "value"], errors);
        if (!literal || keyProblem) bad = true;
        else Object.defineProperty(literals, entry.key, { value: literal, enumerable: true, writable: true, configurable: true });
      });
      return bad ? undefined : create(LiteralSchema, { value: { case: "map", value: { literals } } });
    }
    case "unionType": {
      if (v.kind !== "union") return mismatch();
      const variant = t.value.variants[v.variant];
      if (!variant) return fail(errors, path, "choose which type to give");
      const inner = toLiteral(variant, v.value, path, errors);
      if (!inner) return undefined;
      return scalar({ value: { case: "union", value: { value: inner, type: clone(LiteralTypeSchema, variant) } } });
    }
  }
}

function simpleToLiteral(
  simple: SimpleType,
  type: LiteralType,
  v: FormValue,
  path: FieldPath,
  errors: FieldError[],
): Literal | undefined {
  const expected: Partial<Record<SimpleType, FormValue["kind"]>> = {
    [SimpleType.INTEGER]: "integer",
    [SimpleType.FLOAT]: "float",
    [SimpleType.STRING]: "string",
    [SimpleType.BOOLEAN]: "boolean",
    [SimpleType.DATETIME]: "datetime",
    [SimpleType.DURATION]: "duration",
    [SimpleType.STRUCT]: "struct",
    [SimpleType.BINARY]: "binary",
    [SimpleType.NONE]: "none",
  };
  if (expected[simple] === undefined) return fail(errors, path, `${literalTypeToString(type)} values cannot be entered`);
  if (expected[simple] !== v.kind) {
    return fail(errors, path, `does not match its type ${literalTypeToString(type)} (got a ${v.kind} field)`);
  }
  const primitive = (value: PrimitiveInit) => scalar({ value: { case: "primitive", value: { value } } });
  switch (v.kind) {
    case "integer": {
      const r = parseInteger(v.text);
      return r.ok ? primitive({ case: "integer", value: r.value }) : fail(errors, path, r.message);
    }
    case "float": {
      const r = parseFloatText(v.text);
      return r.ok ? primitive({ case: "floatValue", value: r.value }) : fail(errors, path, r.message);
    }
    case "string":
      return primitive({ case: "stringValue", value: v.text });
    case "boolean":
      return primitive({ case: "boolean", value: v.value });
    case "datetime": {
      const r = parseDateTime(v.text);
      return r.ok ? primitive({ case: "datetime", value: r.value }) : fail(errors, path, r.message);
    }
    case "duration": {
      const r = parseDuration(v.text);
      return r.ok ? primitive({ case: "duration", value: r.value }) : fail(errors, path, r.message);
    }
    case "none":
      return scalar({ value: { case: "noneType", value: {} } });
    case "binary": {
      const text = v.base64.replace(/\s+/g, "");
      if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.length % 4 === 1) {
        return fail(errors, path, "must be base64 (A–Z, a–z, 0–9, +, /)");
      }
      return scalar({ value: { case: "binary", value: { value: base64Decode(text), tag: v.tag } } });
    }
    case "struct": {
      const json = parseStructText(v.text, type.metadata, path, errors);
      return json ? scalar({ value: { case: "generic", value: json } }) : undefined;
    }
    default:
      return fail(errors, path, `does not match its type ${literalTypeToString(type)}`);
  }
}

type PrimitiveInit = NonNullable<MessageInitShape<typeof PrimitiveSchema>["value"]>;

function parseStructText(
  text: string,
  metadata: JsonObject | undefined,
  path: FieldPath,
  errors: FieldError[],
): JsonObject | undefined {
  if (text.trim() === "") return fail(errors, path, 'enter a JSON object, e.g. {"a": 1}');
  let json: JsonValue;
  try {
    json = JSON.parse(text) as JsonValue;
  } catch (e) {
    return fail(errors, path, `is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(errors, path, 'must be a JSON object, e.g. {"a": 1}');
  }
  if (isJsonSchema(metadata)) {
    const issues = validateJsonSchema(metadata, json);
    for (const issue of issues) errors.push({ path, message: issue.path ? `${issue.path}: ${issue.message}` : issue.message });
    if (issues.length) return undefined;
  }
  return json;
}
