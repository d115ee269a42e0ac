// Two runs' inputs or outputs, compared as the typed trees the console shows them as (DisplayNode): what
// changed, where (a path as the literal tree names it: `xs[3]`, `cfg.lr`), and how a person would say it
// ("list element added", "struct field changed", "blob URI changed"). Pure.
import type { DisplayNode } from "../literals/display-node";
import { literalMapToDisplay, type DisplayRow } from "../literals/display";
import type { JsonLike } from "../literals/json-like";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Variable } from "@/lib/gen/flyteidl/core/interface_pb";

export type ChangeKind = "added" | "removed" | "changed";

export interface ValueChange {
  /** Where, as the literal tree's paths read: `name`, `name[2]`, `name.key`, `name["odd key"]`. */
  path: string;
  kind: ChangeKind;
  /** What a person reads: "list element added", "struct field changed", "blob URI changed", … */
  what: string;
  /** The value before and after, as short text, where one is worth showing. */
  before?: string;
  after?: string;
}

/** Path segment for a map key or struct field, the way the literal tree writes it. */
export function keyPath(path: string, key: string): string {
  return /^[A-Za-z_][\w]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const short = (text: string, max = 120) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function jsonText(v: JsonLike | undefined): string {
  if (v === undefined) return "";
  return short(JSON.stringify(v, (_, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? "");
}

function leafText(node: DisplayNode): string {
  switch (node.kind) {
    case "primitive":
      return short(node.text);
    case "none":
      return "None";
    case "error":
      return short(node.message);
    case "blob":
    case "structuredDataset":
    case "schema":
    case "offloaded":
      return short(node.uri);
    case "struct":
      return jsonText(node.json);
    case "binary":
      return node.decoded !== undefined ? jsonText(node.decoded) : `${node.size} bytes`;
    case "unknown":
      return node.reason;
    case "union":
      return `${node.variant}: ${leafText(node.value)}`;
    case "list":
      return `${node.items.length} items`;
    case "map":
      return `${node.entries.length} keys`;
  }
}

const NOUN: Record<DisplayNode["kind"], string> = {
  primitive: "value",
  none: "value",
  error: "error",
  blob: "blob",
  structuredDataset: "structured dataset",
  schema: "schema",
  binary: "value",
  struct: "struct",
  union: "union",
  list: "list",
  map: "map",
  offloaded: "offloaded value",
  unknown: "value",
};

/** JSON values (a struct's, a dataclass's), field by field and element by element. */
function diffJson(a: JsonLike, b: JsonLike, path: string, out: ValueChange[], noun: string) {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) diffJson(a[i], b[i], `${path}[${i}]`, out, noun);
    for (let i = n; i < b.length; i++) out.push({ path: `${path}[${i}]`, kind: "added", what: `${noun} list element added`, after: jsonText(b[i]) });
    for (let i = n; i < a.length; i++) out.push({ path: `${path}[${i}]`, kind: "removed", what: `${noun} list element removed`, before: jsonText(a[i]) });
    return;
  }
  const isObject = (v: JsonLike): v is { [key: string]: JsonLike } => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    for (const [k, v] of Object.entries(a)) {
      const p = keyPath(path, k);
      if (!(k in b)) out.push({ path: p, kind: "removed", what: `${noun} field removed`, before: jsonText(v) });
      else diffJson(v, b[k], p, out, noun);
    }
    for (const [k, v] of Object.entries(b)) if (!(k in a)) out.push({ path: keyPath(path, k), kind: "added", what: `${noun} field added`, after: jsonText(v) });
    return;
  }
  if (jsonText(a) !== jsonText(b)) out.push({ path, kind: "changed", what: `${noun} field changed`, before: jsonText(a), after: jsonText(b) });
}

function changed(path: string, what: string, a: DisplayNode, b: DisplayNode): ValueChange {
  return { path, kind: "changed", what, before: leafText(a), after: leafText(b) };
}

/** The changes from `a` to `b` (either may be missing: the value was added or removed), deepest first found. */
export function diffDisplay(a: DisplayNode | undefined, b: DisplayNode | undefined, path: string, out: ValueChange[] = []): ValueChange[] {
  if (!a && !b) return out;
  if (!a) return [...out, { path, kind: "added", what: "value added", after: leafText(b!) }];
  if (!b) return [...out, { path, kind: "removed", what: "value removed", before: leafText(a) }];
  if (a.kind !== b.kind) {
    out.push(changed(path, `${NOUN[a.kind]} became ${NOUN[b.kind] === NOUN[a.kind] ? `another ${NOUN[b.kind]}` : `a ${NOUN[b.kind]}`}`, a, b));
    return out;
  }
  switch (a.kind) {
    case "list": {
      const items = (b as typeof a).items;
      const n = Math.min(a.items.length, items.length);
      for (let i = 0; i < n; i++) diffDisplay(a.items[i], items[i], `${path}[${i}]`, out);
      for (let i = n; i < items.length; i++) out.push({ path: `${path}[${i}]`, kind: "added", what: "list element added", after: leafText(items[i]) });
      for (let i = n; i < a.items.length; i++) out.push({ path: `${path}[${i}]`, kind: "removed", what: "list element removed", before: leafText(a.items[i]) });
      return out;
    }
    case "map": {
      const other = new Map((b as typeof a).entries.map((e) => [e.key, e.value]));
      const mine = new Set(a.entries.map((e) => e.key));
      for (const e of a.entries) {
        const p = keyPath(path, e.key);
        if (!other.has(e.key)) out.push({ path: p, kind: "removed", what: "map key removed", before: leafText(e.value) });
        else diffDisplay(e.value, other.get(e.key), p, out);
      }
      for (const [k, v] of other) if (!mine.has(k)) out.push({ path: keyPath(path, k), kind: "added", what: "map key added", after: leafText(v) });
      return out;
    }
    case "struct":
      diffJson(a.json, (b as typeof a).json, path, out, "struct");
      return out;
    case "binary": {
      const bb = b as typeof a;
      if (a.decoded !== undefined && bb.decoded !== undefined) diffJson(a.decoded, bb.decoded, path, out, "struct");
      else if (a.size !== bb.size || a.tag !== bb.tag) out.push(changed(path, "binary value changed", a, bb));
      return out;
    }
    case "union": {
      const bb = b as typeof a;
      if (a.variant !== bb.variant) out.push(changed(path, "union variant changed", a, bb));
      else diffDisplay(a.value, bb.value, path, out);
      return out;
    }
    case "blob": {
      const bb = b as typeof a;
      if (a.uri !== bb.uri) out.push({ path, kind: "changed", what: "blob URI changed", before: a.uri, after: bb.uri });
      if (a.format !== bb.format) out.push({ path, kind: "changed", what: "blob format changed", before: a.format, after: bb.format });
      return out;
    }
    case "structuredDataset":
    case "schema": {
      const bb = b as typeof a;
      if (a.uri !== bb.uri) out.push({ path, kind: "changed", what: `${NOUN[a.kind]} URI changed`, before: a.uri, after: bb.uri });
      const cols = (x: typeof a) => x.columns.map((c) => `${c.name}: ${c.type}`).join(", ");
      if (cols(a) !== cols(bb)) out.push({ path, kind: "changed", what: `${NOUN[a.kind]} columns changed`, before: cols(a), after: cols(bb) });
      return out;
    }
    case "offloaded":
      if (a.uri !== (b as typeof a).uri) out.push(changed(path, "offloaded value's URI changed", a, b));
      return out;
    case "primitive":
      if (a.text !== (b as typeof a).text || a.exact !== (b as typeof a).exact) out.push(changed(path, "value changed", a, b));
      return out;
    case "error":
      if (a.message !== (b as typeof a).message) out.push(changed(path, "error changed", a, b));
      return out;
    case "unknown":
      if (a.reason !== (b as typeof a).reason) out.push(changed(path, "value changed", a, b));
      return out;
    case "none":
      return out;
  }
}

/** One variable across the runs compared: its value in each (undefined: absent) and each run's changes against the first. */
export interface VariableComparison {
  name: string;
  typeLabel: string;
  description: string;
  /** By run, in the order given; undefined where that run has no such value. */
  values: (DisplayNode | undefined)[];
  /** By run: the changes from the first run's value to this run's ([] for the first run and for equal values). */
  changes: ValueChange[][];
  /** Any run differs from the first. */
  differs: boolean;
}

/**
 * Inputs (or outputs) of several runs, variable by variable: the first run is the baseline the others are
 * compared with. Variables in the order the first run that has them lists them (interface order, then the rest).
 */
export function compareLiteralMaps(maps: readonly (LiteralMap | undefined)[], variables?: { [name: string]: Variable }): VariableComparison[] {
  const rowsByRun: Map<string, DisplayRow>[] = maps.map((m) => new Map(literalMapToDisplay(m, variables).map((r) => [r.name, r])));
  const names = [...new Set(rowsByRun.flatMap((rows) => [...rows.keys()]))];
  return names.map((name) => {
    const rows = rowsByRun.map((r) => r.get(name));
    const first = rows.find((r) => r !== undefined)!;
    const values = rows.map((r) => r?.node);
    const changes = values.map((v, i) => (i === 0 ? [] : diffDisplay(values[0], v, name)));
    return {
      name,
      typeLabel: first.typeLabel,
      description: first.description,
      values,
      changes,
      differs: changes.some((c) => c.length > 0),
    };
  });
}
