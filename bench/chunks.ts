// What the scripts fetched before the graph draws are made of: `npm run bench -- page` records them
// (results/bench/execution-page.json, the first cold load of the largest execution); this maps each one's
// bytes back to the source files through source maps and prints a table per script and per package or
// folder. The measured build has no source maps, so a second build of the same sources has them, and each
// measured script is matched to its twin there by the module ids it registers (chunk names differ):
//   FLYTE_CONSOLE_SOURCE_MAPS=1 FLYTE_CONSOLE_DIST_DIR=.next-maps npx next build
//   npx tsx bench/chunks.ts [execution-page.json]    (BENCH_MAPS_DIR, default .next-maps)
// gz per source is the script's gzip -9 size shared out by raw bytes (an estimate; gzip does not split).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { printTable, round } from "./stats";

interface RawMap {
  sources?: string[];
  mappings?: string;
  sections?: { offset: { line: number; column: number }; map: RawMap }[];
}

const B64 = new Map([..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].map((c, i) => [c, i]));

/**
 * One source map's segments as [generated line, generated column, source index] (VLQ, each field relative to
 * the one before; the source's line and column and the name are not needed here).
 */
function* segments(mappings: string): Generator<[number, number, number]> {
  let line = 0;
  let col = 0;
  let src = 0;
  for (const lineText of mappings.split(";")) {
    col = 0;
    for (const seg of lineText.split(",")) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.get(ch)!;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length >= 4) {
        src += fields[1];
        yield [line, col, src];
      } else yield [line, col, -1];
    }
    line++;
  }
}

/** Characters of the generated file attributed to each source (unmapped runs to "(unmapped)"). */
function attribute(js: string, map: RawMap): Map<string, number> {
  const lines = js.split("\n");
  const out = new Map<string, number>();
  const add = (source: string, n: number) => n > 0 && out.set(source, (out.get(source) ?? 0) + n);
  // Flatten index maps into absolute [line, column, source] marks, in order.
  const marks: [number, number, string][] = [];
  const walk = (m: RawMap, lineOff: number, colOff: number) => {
    if (m.sections) {
      for (const s of m.sections) walk(s.map, lineOff + s.offset.line, (s.offset.line === 0 ? colOff : 0) + s.offset.column);
      return;
    }
    const sources = m.sources ?? [];
    for (const [l, c, s] of segments(m.mappings ?? "")) marks.push([lineOff + l, (l === 0 ? colOff : 0) + c, s < 0 ? "(unmapped)" : sources[s]]);
  };
  walk(map, 0, 0);
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let mapped = 0;
  for (let i = 0; i < marks.length; i++) {
    const [l, c, s] = marks[i];
    const next = marks[i + 1];
    const end = next && next[0] === l ? next[1] : (lines[l]?.length ?? c);
    add(s, end - c);
    mapped += Math.max(0, end - c);
  }
  add("(unmapped)", js.length - mapped);
  return out;
}

/** A package (node_modules/@scope/name), else the source's folder, two or three levels deep. */
export function groupOf(source: string): string {
  const path = source.replace(/^turbopack:\/\/\/?/, "").replace(/^\[project\]\//, "").replace(/^\.\.\//, "");
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = path.slice(nm + "node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = path.split("/");
  const depth = parts[0] === "lib" && parts[1] === "gen" ? 4 : 2;
  return parts.slice(0, Math.min(depth, parts.length - 1)).join("/") || path;
}

/** The module ids a Turbopack chunk registers (it only pushes them when run; nothing is executed). */
function moduleIds(js: string): string | undefined {
  const sandbox: { TURBOPACK?: unknown[][] } = {};
  try {
    runInNewContext(js, sandbox, { timeout: 1000 });
  } catch {
    return undefined;
  }
  const ids = (sandbox.TURBOPACK ?? []).flatMap((entry) => (Array.isArray(entry) ? entry.filter((x) => typeof x === "number") : []));
  return ids.length ? ids.join(",") : undefined;
}

const stripMapComment = (js: string) => js.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "");

/** The maps build's twin of a measured script: same module ids, or the same text, or (the runtime) the same kind of name. */
function twinFinder(mapsChunks: string) {
  const byIds = new Map<string, string>();
  const byText = new Map<string, string>();
  const runtimes: string[] = [];
  for (const f of readdirSync(mapsChunks).filter((f) => f.endsWith(".js"))) {
    const js = readFileSync(join(mapsChunks, f), "utf8");
    const ids = moduleIds(js);
    if (ids) byIds.set(ids, f);
    byText.set(stripMapComment(js), f);
    if (/^turbopack-[^w]/.test(f)) runtimes.push(f);
  }
  return (js: string, name: string): string | undefined => {
    const ids = moduleIds(js);
    return (ids && byIds.get(ids)) ?? byText.get(js) ?? (/^turbopack-[^w]/.test(name) && runtimes.length === 1 ? runtimes[0] : undefined);
  };
}

const file = process.argv[2] ?? join("results", "bench", "execution-page.json");
const distDir = process.env.FLYTE_CONSOLE_DIST_DIR || ".next";
const mapsDir = process.env.BENCH_MAPS_DIR || ".next-maps";
const twin = twinFinder(join(mapsDir, "static", "chunks"));
const page = JSON.parse(readFileSync(file, "utf8")) as {
  figures: { loads: { label: string; nodes?: number; samples: { kind: string; jsFiles?: { url: string; encodedBodySize: number }[] }[] }[] };
};
const load = [...page.figures.loads].sort((a, b) => (b.nodes ?? 0) - (a.nodes ?? 0))[0];
const files = load.samples.find((s) => s.kind === "cold" && s.jsFiles)?.jsFiles ?? [];
console.log(`${load.label}, first cold load: ${files.length} scripts (${file}; scripts from ${distDir}, source maps from ${mapsDir})`);

const byGroup = new Map<string, number>();
const byFile = new Map<string, number>();
const rows: (string | number)[][] = [];
let total = 0;
for (const f of files) {
  const name = f.url.slice(f.url.indexOf("/static/") + 1);
  const path = join(distDir, name);
  if (!existsSync(path)) {
    rows.push([name.split("/").pop()!, "?", "not in this build"]);
    continue;
  }
  const js = readFileSync(path, "utf8");
  const gz = gzipSync(js, { level: 9 }).length;
  total += gz;
  const twinName = twin(js, name.split("/").pop()!);
  const mapped = twinName ? readFileSync(join(mapsDir, "static", "chunks", twinName), "utf8") : "";
  const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(mapped)?.[1];
  const mapPath = mapName && join(mapsDir, "static", "chunks", mapName);
  if (!mapPath || !existsSync(mapPath)) {
    rows.push([name.split("/").pop()!, round(gz / 1024, 1), twinName ? "(no source map)" : "(no twin in the maps build)"]);
    continue;
  }
  const chars = new Map([...attribute(mapped, JSON.parse(readFileSync(mapPath, "utf8")) as RawMap)].map(([s, n]) => [s, (n * js.length) / mapped.length]));
  const groups = new Map<string, number>();
  for (const [source, n] of chars) {
    const share = (gz * n) / js.length;
    const g = groupOf(source);
    groups.set(g, (groups.get(g) ?? 0) + share);
    byGroup.set(g, (byGroup.get(g) ?? 0) + share);
    byFile.set(source, (byFile.get(source) ?? 0) + share);
  }
  const top = [...groups].sort((a, b) => b[1] - a[1]).filter(([, n]) => n >= 256);
  rows.push([name.split("/").pop()!, round(gz / 1024, 1), top.map(([g, n]) => `${g} ${round(n / 1024, 1)}`).join(", ")]);
}
rows.sort((a, b) => Number(b[1]) - Number(a[1]));
console.log(`\nScripts (gzip -9 KB; what each holds, KB gz estimated): ${round(total / 1024, 1)} KB in all`);
printTable(["script", "KB gz", "holds"], rows);
console.log("\nBy package or folder (KB gz, estimated)");
printTable(["package / folder", "KB gz"], [...byGroup].sort((a, b) => b[1] - a[1]).filter(([, n]) => n >= 512).map(([g, n]) => [g, round(n / 1024, 1)]));
console.log("\nLargest source files (KB gz, estimated)");
printTable(["source", "KB gz"], [...byFile].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_CHUNKS_TOP || 40)).map(([s, n]) => [s.replace(/^turbopack:\/\/\/?/, ""), round(n / 1024, 1)]));
