// What a form field holds for each LiteralType: text where people type (so "12abc" can be shown
// back with a message), structure where they choose (list items, map entries, a union variant).
import { BlobType_BlobDimensionality, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { isNoneType } from "./type-string";

export type FormValue =
  | { kind: "integer"; text: string }
  | { kind: "float"; text: string }
  | { kind: "string"; text: string }
  | { kind: "boolean"; value: boolean }
  /** RFC 3339 with a zone, e.g. "2024-05-01T10:00:00+02:00". */
  | { kind: "datetime"; text: string }
  /** "-1h30m", "250ms", "PT1H30M". */
  | { kind: "duration"; text: string }
  | { kind: "enum"; value: string; options: string[] }
  | { kind: "blob"; uri: string; format: string; dimensionality: "single" | "multipart" }
  | { kind: "structuredDataset"; uri: string; format: string }
  | { kind: "schema"; uri: string }
  /** JSON text of an object (google.protobuf.Struct). */
  | { kind: "struct"; text: string }
  /** Base64 of the bytes. */
  | { kind: "binary"; base64: string; tag: string }
  | { kind: "list"; items: FormValue[] }
  | { kind: "map"; entries: { key: string; value: FormValue }[] }
  /** `variant` indexes the union type's variants; `value` is that variant's field. */
  | { kind: "union"; variant: number; value: FormValue }
  | { kind: "none" }
  | { kind: "unsupported"; reason: string };

export type FormValueKind = FormValue["kind"];

/** A path into a FormValue: list index, map entry index then "key" | "value". */
export type FieldPath = (string | number)[];
export type FieldError = { path: FieldPath; message: string };

export function defaultFormValue(type: LiteralType | undefined): FormValue {
  const t = type?.type;
  switch (t?.case) {
    case "simple":
      switch (t.value) {
        case SimpleType.INTEGER: return { kind: "integer", text: "" };
        case SimpleType.FLOAT: return { kind: "float", text: "" };
        case SimpleType.STRING: return { kind: "string", text: "" };
        case SimpleType.BOOLEAN: return { kind: "boolean", value: false };
        case SimpleType.DATETIME: return { kind: "datetime", text: "" };
        case SimpleType.DURATION: return { kind: "duration", text: "" };
        case SimpleType.STRUCT: return { kind: "struct", text: "{}" };
        case SimpleType.BINARY: return { kind: "binary", base64: "", tag: "" };
        case SimpleType.NONE: return { kind: "none" };
        case SimpleType.ERROR: return { kind: "unsupported", reason: "error values cannot be entered" };
        default: return { kind: "unsupported", reason: "a simple type this console does not know" };
      }
    case "enumType":
      return { kind: "enum", value: "", options: [...t.value.values] };
    case "blob":
      return {
        kind: "blob",
        uri: "",
        format: t.value.format,
        dimensionality: t.value.dimensionality === BlobType_BlobDimensionality.MULTIPART ? "multipart" : "single",
      };
    case "structuredDatasetType":
      return { kind: "structuredDataset", uri: "", format: t.value.format };
    case "schema":
      return { kind: "schema", uri: "" };
    case "collectionType":
      return { kind: "list", items: [] };
    case "mapValueType":
      return { kind: "map", entries: [] };
    case "unionType": {
      // Optional[T] starts as None: a valid value, and what an omitted optional means in Python.
      const variants = t.value.variants;
      const noneAt = variants.findIndex(isNoneType);
      const variant = noneAt >= 0 ? noneAt : 0;
      if (variants.length === 0) return { kind: "unsupported", reason: "a union with no variants" };
      return { kind: "union", variant, value: defaultFormValue(variants[variant]) };
    }
    default:
      return { kind: "unsupported", reason: "this input's type is not known to the console" };
  }
}

/** "xs[2].key", "config.value": where an error sits, for messages and aria-describedby ids. */
export function formatFieldPath(path: FieldPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/**
 * What an empty value is, in words ("an empty string", "an empty list"), or undefined when the value holds
 * something: a value a person may send by mistake, which the console asks about first.
 */
export function emptyValueWords(v: FormValue): string | undefined {
  switch (v.kind) {
    case "string":
      return v.text === "" ? "an empty string" : v.text.trim() === "" ? "only spaces" : undefined;
    case "list":
      return v.items.length === 0 ? "an empty list" : undefined;
    case "map":
      return v.entries.length === 0 ? "an empty map" : undefined;
    case "struct":
      return /^\s*\{\s*\}\s*$/.test(v.text) ? "an empty object" : undefined;
    case "binary":
      return v.base64.trim() === "" ? "empty bytes" : undefined;
    case "none":
      return "None (no value)";
    case "union":
      return emptyValueWords(v.value);
    default:
      return undefined;
  }
}
