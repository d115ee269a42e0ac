// protojson's EmitUnpopulated on top of protobuf-es's toJson (whose alwaysEmitImplicit already writes
// default scalars, [] and {}): an unset singular message field is written as null, at every depth,
// including messages packed in google.protobuf.Any. Unset oneof members and proto3 `optional` fields stay
// out, as protojson leaves them (google.golang.org/protobuf/encoding/protojson, unpopulatedFieldRanger).
import { anyUnpack, type Any } from "@bufbuild/protobuf/wkt";
import type { DescMessage, JsonObject, JsonValue, Message, Registry } from "@bufbuild/protobuf";
import { reflect, type ReflectMessage } from "@bufbuild/protobuf/reflect";

/** Well-known types whose JSON is not an object of their fields: nothing to fill in. */
const SPECIAL_JSON = new Set(
  [
    "Timestamp", "Duration", "FieldMask", "Struct", "Value", "ListValue", "DoubleValue", "FloatValue", "Int64Value",
    "UInt64Value", "Int32Value", "UInt32Value", "BoolValue", "StringValue", "BytesValue",
  ].map((n) => `google.protobuf.${n}`),
);

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function fillMessage(r: ReflectMessage, json: JsonValue | undefined, registry: Registry, protoNames: boolean): void {
  if (!isObject(json) || SPECIAL_JSON.has(r.desc.typeName)) return;
  if (r.desc.typeName === "google.protobuf.Any") {
    const inner = anyUnpack(r.message as Any, registry);
    const desc = inner && registry.getMessage(inner.$typeName);
    if (inner && desc) fillMessage(reflect(desc, inner), SPECIAL_JSON.has(desc.typeName) ? undefined : json, registry, protoNames);
    return;
  }
  for (const field of r.fields) {
    const key = protoNames ? field.name : field.jsonName;
    if (field.fieldKind === "message") {
      if (r.isSet(field)) fillMessage(r.get(field), json[key], registry, protoNames);
      else if (!field.oneof && !field.proto.proto3Optional) json[key] = null;
    } else if (field.fieldKind === "list" && field.listKind === "message") {
      const items = json[key];
      if (!Array.isArray(items)) continue;
      const list = r.get(field);
      for (let i = 0; i < list.size; i++) fillMessage(list.get(i) as ReflectMessage, items[i], registry, protoNames);
    } else if (field.fieldKind === "map" && field.mapKind === "message") {
      const entries = json[key];
      if (!isObject(entries)) continue;
      for (const [k, v] of r.get(field)) fillMessage(v as ReflectMessage, entries[String(k)], registry, protoNames);
    }
  }
}

/** Writes null into `json` (toJson's output for `message`) for every unset singular message field. */
export function emitUnpopulatedMessages(schema: DescMessage, message: Message, json: JsonValue, registry: Registry, protoNames: boolean): JsonValue {
  fillMessage(reflect(schema, message), json, registry, protoNames);
  return json;
}
