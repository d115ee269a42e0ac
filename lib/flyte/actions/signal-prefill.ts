// A signal value carried in a link (`?signal=<id>&value=<json>`, e.g. sent to chat) as the form value
// of the signal's type. It only fills the field; nothing is sent until a person clicks. Pure.
import { formValueToLiteral } from "../literals/form";
import { defaultFormValue, type FormValue } from "../literals/form-value";
import { isNoneType, literalTypeToString } from "../literals/type-string";
import { SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";

export type SignalPrefill = { ok: true; value: FormValue } | { ok: false; message: string };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fromJson(type: LiteralType | undefined, v: Json): FormValue | string {
  const t = type?.type;
  const want = literalTypeToString(type);
  const misfit = `${JSON.stringify(v)} does not fit ${want}`;
  switch (t?.case) {
    case "simple":
      switch (t.value) {
        case SimpleType.INTEGER:
          return typeof v === "number" || typeof v === "string" ? { kind: "integer", text: String(v) } : misfit;
        case SimpleType.FLOAT:
          return typeof v === "number" || typeof v === "string" ? { kind: "float", text: String(v) } : misfit;
        case SimpleType.STRING:
          // `value=42` for a string signal means the text "42".
          return { kind: "string", text: typeof v === "string" ? v : JSON.stringify(v) };
        case SimpleType.BOOLEAN:
          if (typeof v === "boolean") return { kind: "boolean", value: v };
          return v === "true" || v === "false" ? { kind: "boolean", value: v === "true" } : misfit;
        case SimpleType.DATETIME:
          return typeof v === "string" ? { kind: "datetime", text: v } : misfit;
        case SimpleType.DURATION:
          return typeof v === "string" ? { kind: "duration", text: v } : misfit;
        case SimpleType.STRUCT:
          return v !== null && typeof v === "object" && !Array.isArray(v) ? { kind: "struct", text: JSON.stringify(v, null, 2) } : misfit;
        case SimpleType.NONE:
          return v === null ? { kind: "none" } : misfit;
        default:
          return `${want} values cannot be given in a link`;
      }
    case "enumType":
      return typeof v === "string" && t.value.values.includes(v) ? { kind: "enum", value: v, options: [...t.value.values] } : misfit;
    case "blob":
      return typeof v === "string" ? { ...(defaultFormValue(type) as Extract<FormValue, { kind: "blob" }>), uri: v } : misfit;
    case "structuredDatasetType":
      return typeof v === "string" ? { kind: "structuredDataset", uri: v, format: t.value.format } : misfit;
    case "collectionType": {
      if (!Array.isArray(v)) return misfit;
      const items: FormValue[] = [];
      for (const item of v) {
        const r = fromJson(t.value, item);
        if (typeof r === "string") return r;
        items.push(r);
      }
      return { kind: "list", items };
    }
    case "mapValueType": {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return misfit;
      const entries: { key: string; value: FormValue }[] = [];
      for (const [key, item] of Object.entries(v)) {
        const r = fromJson(t.value, item);
        if (typeof r === "string") return r;
        entries.push({ key, value: r });
      }
      return { kind: "map", entries };
    }
    case "unionType": {
      const variants = t.value.variants;
      if (v === null) {
        const noneAt = variants.findIndex(isNoneType);
        return noneAt >= 0 ? { kind: "union", variant: noneAt, value: { kind: "none" } } : misfit;
      }
      // The first variant the value converts to cleanly, as flytekit's union transformer tries them.
      for (let i = 0; i < variants.length; i++) {
        if (isNoneType(variants[i])) continue;
        const r = fromJson(variants[i], v);
        if (typeof r !== "string" && formValueToLiteral(variants[i], r).ok) return { kind: "union", variant: i, value: r };
      }
      return misfit;
    }
    default:
      return `${want} values cannot be given in a link`;
  }
}

/**
 * The link's `value` as a form value of `type`. JSON first; text that is not JSON is taken as it is
 * for string-like fields, so `value=Weekly report` works as well as `value="Weekly report"`.
 */
export function signalPrefill(type: LiteralType | undefined, text: string): SignalPrefill {
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = text;
  }
  const r = fromJson(type, json);
  return typeof r === "string" ? { ok: false, message: `The link's value was not used: ${r}` } : { ok: true, value: r };
}
