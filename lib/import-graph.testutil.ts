// The project's import graph, for the layer and circle tests: every non-test .ts/.tsx file under app,
// components and lib, plus proxy.ts and instrumentation.ts, and what each imports (`import`, `import type`,
// `export … from`, dynamic `import()`), resolved as the compiler resolves them (tsconfig's `@/` alias,
// relative paths, index files). TypeScript's own scanner reads the imports, so strings and comments
// that look like imports are not taken for them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import ts from "typescript";

export const ROOT = join(__dirname, "..");
const TOP = ["app", "components", "lib", "proxy.ts", "instrumentation.ts"];

export interface ImportGraph {
  /** Project files, relative to the root with "/" separators. */
  files: string[];
  /** The project files each file imports. */
  edges: Map<string, string[]>;
  /** What each file imports from outside the project (packages, node:, CSS), as written. */
  packages: Map<string, string[]>;
}

const isSource = (name: string) => /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) && !/\.(test|testutil)\.tsx?$/.test(name);
const toRel = (abs: string) => relative(ROOT, abs).split(sep).join("/");

function walk(path: string): string[] {
  const abs = join(ROOT, path);
  if (!statSync(abs).isDirectory()) return isSource(path) ? [path] : [];
  return readdirSync(abs).flatMap((entry) => walk(`${path}/${entry}`));
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, configPath).options;
}

let built: ImportGraph | undefined;

export function importGraph(): ImportGraph {
  if (built) return built;
  const files = TOP.flatMap(walk).sort();
  const known = new Set(files);
  const options = compilerOptions();
  const cache = ts.createModuleResolutionCache(ROOT, (f) => f, options);
  const edges = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const abs = join(ROOT, file);
    const internal = new Set<string>();
    const external = new Set<string>();
    for (const { fileName: spec } of ts.preProcessFile(readFileSync(abs, "utf8"), true, true).importedFiles) {
      const resolved = ts.resolveModuleName(spec, abs, options, ts.sys, cache).resolvedModule;
      const target = resolved && !resolved.isExternalLibraryImport ? toRel(resolved.resolvedFileName) : undefined;
      if (target && known.has(target)) internal.add(target);
      else if (spec.startsWith(".") || spec.startsWith("@/")) {
        // A project path that is not a source file here: a stylesheet, or a bad path (tsc reports those).
        if (!/\.css$/.test(spec) && !target) throw new Error(`${file}: cannot resolve ${spec}`);
      } else external.add(spec);
    }
    edges.set(file, [...internal].sort());
    packages.set(file, [...external].sort());
  }
  built = { files, edges, packages };
  return built;
}

/**
 * Files matching `forbidden` that files matching `from` reach, each with one shortest import path to it.
 * The walk stops at a forbidden file: what is reported is where the layer is crossed.
 */
export function forbiddenReach(graph: ImportGraph, from: (f: string) => boolean, forbidden: (f: string) => boolean): string[] {
  const cameFrom = new Map<string, string | null>();
  const queue = graph.files.filter((f) => from(f) && !forbidden(f));
  for (const f of queue) cameFrom.set(f, null);
  const hits: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.edges.get(queue[i]) ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, queue[i]);
      if (forbidden(next)) hits.push(next);
      else queue.push(next);
    }
  }
  return hits.sort().map((hit) => {
    const path = [hit];
    for (let at = cameFrom.get(hit); at; at = cameFrom.get(at)) path.unshift(at);
    return path.join(" → ");
  });
}

/** The graph's circles: each strongly connected set of files (Tarjan), its files sorted. */
export function circles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (f: string) => {
    index.set(f, index.size);
    low.set(f, index.get(f)!);
    stack.push(f);
    onStack.add(f);
    for (const next of graph.edges.get(f) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(f, Math.min(low.get(f)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(f, Math.min(low.get(f)!, index.get(next)!));
    }
    if (low.get(f) !== index.get(f)) return;
    const set: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      set.push(member);
    } while (member !== f);
    if (set.length > 1 || graph.edges.get(f)?.includes(f)) found.push(set.sort());
  };
  for (const f of graph.files) if (!index.has(f)) visit(f);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}

/** One closed import path through a circle's files, for the failure message: a → b → … → a. */
export function circlePath(graph: ImportGraph, circle: string[]): string {
  const members = new Set(circle);
  const start = circle[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.edges.get(queue[i]) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path: string[] = [];
        for (let at = queue[i]; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        return [start, ...path, start].join(" → ");
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  return circle.join(", ");
}
