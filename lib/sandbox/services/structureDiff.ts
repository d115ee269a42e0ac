// What changed between a registered version and a new spec under the same id, in the form FlyteAdmin
// puts in its "different structure already exists" message (flyteadmin/pkg/errors/errors.go: a JSON
// diff of the old and new compiled entity, one "path:\n\t- old \n\t+ new" entry per changed leaf).
import { toJson, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";

const MAX_ENTRIES = 20;

function flatten(value: JsonValue | undefined, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) out.set(path, Array.isArray(value) ? "[]" : "map[]");
    for (const [k, v] of entries) flatten(v, `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
    return;
  }
  out.set(path, value === undefined ? "<nil>" : typeof value === "string" ? value : JSON.stringify(value));
}

export function structureDiff<D extends DescMessage>(schema: D, before: MessageShape<D> | undefined, after: MessageShape<D>): string[] {
  const old = new Map<string, string>();
  const now = new Map<string, string>();
  if (before) flatten(toJson(schema, before, { useProtoFieldName: true }), "", old);
  flatten(toJson(schema, after, { useProtoFieldName: true }), "", now);
  const lines: string[] = [];
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(path) ?? "<nil>";
    const b = now.get(path) ?? "<nil>";
    if (a === b) continue;
    if (lines.length === MAX_ENTRIES) {
      lines.push("…");
      break;
    }
    lines.push(`${path}:\n\t- ${a} \n\t+ ${b}`);
  }
  return lines;
}
