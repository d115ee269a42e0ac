// Literal → form value, for relaunch (the execution's inputs) and launch plan defaults. Tolerant
// of older encodings (an Optional value sent without its union wrapper, a dataclass as msgpack),
// but never guesses silently: a value that does not fit says why, and the field starts empty.
import { equals, type JsonValue } from "@bufbuild/protobuf";
import { base64Encode } from "@bufbuild/protobuf/wire";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { BlobType_BlobDimensionality, LiteralTypeSchema, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { formatBytes } from "./display";
import { defaultFormValue, type FormValue } from "./form-value";
import { stringifyJson } from "./json";
import { decodeMsgpack } from "./msgpack";
import { formatDateTimeUtc, formatDurationExact, formatFloat } from "./scalars";
import { isNoneType, literalTypeToString } from "./type-string";

export type PrefillResult = { ok: true; value: FormValue } | { ok: false; message: string; value: FormValue };

export function literalToFormValue(type: LiteralType | undefined, literal: Literal | undefined): PrefillResult {
  const r = fromLiteral(type, literal);
  return typeof r === "string" ? { ok: false, message: r, value: defaultFormValue(type) } : { ok: true, value: r };
}

/** A FormValue, or why the literal does not fit the type. */
function fromLiteral(type: LiteralType | undefined, literal: Literal | undefined): FormValue | string {
  const t = type?.type;
  const lv = literal?.value;
  if (!type || !t || t.case === undefined) return "the input's type is unknown";
  if (!lv || lv.case === undefined) return "no value";
  if (lv.case === "offloadedMetadata") {
    return `the value is offloaded to ${lv.value.uri} (${formatBytes(lv.value.sizeBytes)}) and was not fetched`;
  }
  const sc = lv.case === "scalar" ? lv.value.value : undefined;
  // A union-wrapped value for a non-union type: use what is inside.
  if (sc?.case === "union" && t.case !== "unionType") return fromLiteral(type, sc.value.value);
  const want = literalTypeToString(type);
  const misfit = `a ${describeLiteral(literal)} does not fit ${want}`;
  const prim = sc?.case === "primitive" ? sc.value.value : undefined;

  switch (t.case) {
    case "simple":
      switch (t.value) {
        case SimpleType.INTEGER:
          return prim?.case === "integer" ? { kind: "integer", text: prim.value.toString() } : misfit;
        case SimpleType.FLOAT:
          if (prim?.case === "floatValue") return { kind: "float", text: formatFloat(prim.value) };
          return prim?.case === "integer" ? { kind: "float", text: prim.value.toString() } : misfit;
        case SimpleType.STRING:
          return prim?.case === "stringValue" ? { kind: "string", text: prim.value } : misfit;
        case SimpleType.BOOLEAN:
          return prim?.case === "boolean" ? { kind: "boolean", value: prim.value } : misfit;
        case SimpleType.DATETIME:
          return prim?.case === "datetime" ? { kind: "datetime", text: formatDateTimeUtc(prim.value) } : misfit;
        case SimpleType.DURATION:
          return prim?.case === "duration" ? { kind: "duration", text: formatDurationExact(prim.value) } : misfit;
        case SimpleType.NONE:
          return sc?.case === "noneType" ? { kind: "none" } : misfit;
        case SimpleType.BINARY:
          return sc?.case === "binary" ? { kind: "binary", base64: base64Encode(sc.value.value), tag: sc.value.tag } : misfit;
        case SimpleType.STRUCT: {
          if (sc?.case === "generic") return { kind: "struct", text: JSON.stringify(sc.value satisfies JsonValue, null, 2) };
          if (sc?.case === "binary" && sc.value.tag === "msgpack") {
            const decoded = decodeMsgpack(sc.value.value);
            if (decoded !== undefined) return { kind: "struct", text: stringifyJson(decoded) };
          }
          return misfit;
        }
        default:
          return `${want} values cannot be entered`;
      }
    case "enumType":
      if (prim?.case !== "stringValue") return misfit;
      return t.value.values.includes(prim.value)
        ? { kind: "enum", value: prim.value, options: [...t.value.values] }
        : `"${prim.value}" is not one of ${t.value.values.join(", ")}`;
    case "blob":
      if (sc?.case !== "blob") return misfit;
      return {
        kind: "blob",
        uri: sc.value.uri,
        format: sc.value.metadata?.type?.format || t.value.format,
        dimensionality: t.value.dimensionality === BlobType_BlobDimensionality.MULTIPART ? "multipart" : "single",
      };
    case "structuredDatasetType":
      if (sc?.case !== "structuredDataset") return misfit;
      return {
        kind: "structuredDataset",
        uri: sc.value.uri,
        format: sc.value.metadata?.structuredDatasetType?.format || t.value.format,
      };
    case "schema":
      return sc?.case === "schema" ? { kind: "schema", uri: sc.value.uri } : misfit;
    case "collectionType": {
      if (lv.case !== "collection") return misfit;
      const items: FormValue[] = [];
      for (const [i, l] of lv.value.literals.entries()) {
        const r = fromLiteral(t.value, l);
        if (typeof r === "string") return `item ${i}: ${r}`;
        items.push(r);
      }
      return { kind: "list", items };
    }
    case "mapValueType": {
      if (lv.case !== "map") return misfit;
      const entries: { key: string; value: FormValue }[] = [];
      for (const [key, l] of Object.entries(lv.value.literals)) {
        const r = fromLiteral(t.value, l);
        if (typeof r === "string") return `key "${key}": ${r}`;
        entries.push({ key, value: r });
      }
      return { kind: "map", entries };
    }
    case "unionType":
      return unionFromLiteral(t.value.variants, literal as Literal, want);
  }
}

function unionFromLiteral(variants: LiteralType[], literal: Literal, want: string): FormValue | string {
  const sc = literal.value.case === "scalar" ? literal.value.value.value : undefined;
  const attempt = (order: number[], inner: Literal | undefined): FormValue | undefined => {
    for (const i of order) {
      const r = fromLiteral(variants[i], inner);
      if (typeof r !== "string") return { kind: "union", variant: i, value: r };
    }
    return undefined;
  };
  const all = variants.map((_, i) => i);
  if (sc?.case === "union") {
    const chosen = sc.value.type;
    const tag = chosen?.structure?.tag;
    // The variant the value says it is (by flytekit's tag, else by equal type) first, then any that fits.
    const preferred = all.filter(
      (i) => (tag && variants[i].structure?.tag === tag) || (chosen && equals(LiteralTypeSchema, variants[i], chosen)),
    );
    return attempt([...preferred, ...all.filter((i) => !preferred.includes(i))], sc.value.value)
      ?? `the value's variant ${literalTypeToString(chosen)} is not one of ${want}`;
  }
  // Unwrapped (older clients): None goes to the None variant, anything else to the first that fits.
  const order = sc?.case === "noneType" ? all.filter((i) => isNoneType(variants[i])) : all;
  return attempt(order, literal) ?? `a ${describeLiteral(literal)} does not fit ${want}`;
}

function describeLiteral(literal: Literal | undefined): string {
  const lv = literal?.value;
  if (lv?.case === "collection") return "list";
  if (lv?.case === "map") return "map";
  if (lv?.case !== "scalar") return "value";
  const sc = lv.value.value;
  if (sc.case === "primitive") {
    return { integer: "int", floatValue: "float", stringValue: "str", boolean: "bool", datetime: "datetime", duration: "timedelta" }[
      sc.value.value.case ?? "integer"
    ] + " value";
  }
  return { noneType: "None", blob: "file", structuredDataset: "dataset", schema: "schema", binary: "binary value", generic: "struct", union: "union value", error: "error" }[
    sc.case ?? "error"
  ] ?? "value";
}
