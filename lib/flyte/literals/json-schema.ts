// A deliberately small JSON-schema check for struct inputs. flytekit puts the dataclass schema
// (marshmallow draft-07 with "definitions", or mashumaro/pydantic with "$defs") in the type's
// metadata; catching a wrong field type here beats a failed run. Keywords we do not know are
// ignored, so the check can only be too lenient, never reject what flytekit accepts.
import type { JsonObject, JsonValue } from "@bufbuild/protobuf";

export type SchemaIssue = { path: string; message: string };

const MAX_ISSUES = 20;
const MAX_DEPTH = 64;

/** True when the metadata looks like a JSON schema rather than arbitrary annotations. */
export function isJsonSchema(metadata: JsonObject | undefined): metadata is JsonObject {
  if (!metadata) return false;
  return ["$schema", "$ref", "properties", "type", "definitions", "$defs"].some((k) => k in metadata);
}

export function validateJsonSchema(schema: JsonObject, value: JsonValue): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  check(schema, value, "", schema, issues, 0);
  return issues.slice(0, MAX_ISSUES);
}

function check(schema: JsonValue, value: JsonValue, path: string, root: JsonObject, issues: SchemaIssue[], depth: number): void {
  if (issues.length >= MAX_ISSUES || depth > MAX_DEPTH) return;
  if (schema === false) return void issues.push({ path, message: "is not allowed" });
  if (!isObject(schema)) return;
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    const target = resolveRef(root, ref);
    if (target !== undefined) check(target, value, path, root, issues, depth + 1);
  }
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) check(s, value, path, root, issues, depth + 1);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const fits = options.some((s) => {
        const sub: SchemaIssue[] = [];
        check(s, value, path, root, sub, depth + 1);
        return sub.length === 0;
      });
      if (!fits) issues.push({ path, message: `does not match any allowed shape (${options.map(describe).join(" or ")})` });
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) {
    issues.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}` });
  }
  if ("const" in schema && !sameJson(schema.const, value)) {
    issues.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
  }
  const types = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : undefined;
  if (types && !types.some((t) => typeof t === "string" && hasType(value, t))) {
    issues.push({ path, message: typeMessage(types.filter((t): t is string => typeof t === "string")) });
    return;
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) issues.push({ path, message: `must be ≥ ${schema.minimum}` });
    if (typeof schema.maximum === "number" && value > schema.maximum) issues.push({ path, message: `must be ≤ ${schema.maximum}` });
  }
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items !== undefined && !Array.isArray(items)) {
      value.forEach((v, i) => check(items, v, `${path}[${i}]`, root, issues, depth + 1));
    }
  } else if (isObject(value)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const r of schema.required) {
        if (typeof r === "string" && !(r in value)) issues.push({ path: join(path, r), message: "is required" });
      }
    }
    for (const [k, v] of Object.entries(value)) {
      if (k in props) check(props[k], v, join(path, k), root, issues, depth + 1);
      else if (schema.additionalProperties === false) issues.push({ path: join(path, k), message: "is not a known field" });
      else if (isObject(schema.additionalProperties)) check(schema.additionalProperties, v, join(path, k), root, issues, depth + 1);
    }
  }
}

function resolveRef(root: JsonObject, ref: string): JsonValue | undefined {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: JsonValue | undefined = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

function hasType(value: JsonValue, type: string): boolean {
  switch (type) {
    case "object": return isObject(value);
    case "array": return Array.isArray(value);
    case "string": return typeof value === "string";
    case "number": return typeof value === "number";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "boolean": return typeof value === "boolean";
    case "null": return value === null;
    default: return true;
  }
}

const TYPE_WORDS: Record<string, string> = {
  object: "an object",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  null: "null",
};

function typeMessage(types: string[]): string {
  return `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(" or ")}`;
}

function describe(schema: JsonValue): string {
  if (!isObject(schema)) return "any";
  if (typeof schema.type === "string") return TYPE_WORDS[schema.type] ?? schema.type;
  if (typeof schema.$ref === "string") return schema.$ref.split("/").pop() ?? "object";
  return "object";
}

function join(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A starting object for a struct input: each property at its default, else an empty value of its
 * type, so a person edits values instead of remembering field names.
 */
export function exampleFromJsonSchema(schema: JsonObject): JsonValue {
  return example(schema, schema, 0);
}

function example(schema: JsonValue, root: JsonObject, depth: number): JsonValue {
  if (!isObject(schema) || depth > 8) return null;
  if ("default" in schema) return schema.default;
  if (typeof schema.$ref === "string") {
    const target = resolveRef(root, schema.$ref);
    return target === undefined ? {} : example(target, root, depth + 1);
  }
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.find((o) => !(isObject(o) && o.type === "null")) ?? options[0];
      return example(nonNull, root, depth + 1);
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string": return "";
    case "integer":
    case "number": return 0;
    case "boolean": return false;
    case "array": return [];
    case "null": return null;
    default: {
      if (!isObject(schema.properties)) return {};
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(schema.properties)) out[k] = example(v, root, depth + 1);
      return out;
    }
  }
}
