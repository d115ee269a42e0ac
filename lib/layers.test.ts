// DESIGN.md's layers, checked: dependencies point downwards only. Imports are followed transitively
// (type-only and dynamic ones too), so a layer cannot reach a forbidden one through a third module.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, forbiddenReach, importGraph } from "./import-graph.testutil";

const graph = importGraph();
const under =
  (...dirs: string[]) =>
  (f: string) =>
    dirs.some((d) => f.startsWith(`${d}/`));
const not = (p: (f: string) => boolean) => (f: string) => !p(f);

/** Every file the given ones import, directly or not, themselves included. */
function reachable(from: (f: string) => boolean): string[] {
  const seen = new Set(graph.files.filter(from));
  for (const f of seen) for (const next of graph.edges.get(f) ?? []) seen.add(next);
  return [...seen].sort();
}

/** Outside packages the given files reach, as "file imports package". */
function packagesOf(files: string[], forbidden: RegExp): string[] {
  return files.flatMap((f) => (graph.packages.get(f) ?? []).filter((p) => forbidden.test(p)).map((p) => `${f} imports ${p}`));
}

const LIB_ADMIN_ENTRY = "lib/admin/index.ts";
const isRouteHandler = (f: string) => /^app\/.*\/route\.ts$/.test(f);
const isServerPage = (f: string) =>
  /^app\/(.*\/)?(page|layout)\.tsx$/.test(f) && !/^\s*["']use client["']/.test(readFileSync(join(ROOT, f), "utf8"));

describe("layers", () => {
  it("lib/flyte is pure: it reaches only lib/gen and itself, and no React, Next or Node", () => {
    expect(forbiddenReach(graph, under("lib/flyte"), not(under("lib/flyte", "lib/gen")))).toEqual([]);
    expect(packagesOf(reachable(under("lib/flyte")), /^(react|next|node:)/)).toEqual([]);
  });

  it("the browser data layer reaches neither the server, the sandbox nor the UI, and no Node module", () => {
    expect(forbiddenReach(graph, under("lib/query"), under("lib/admin", "lib/sandbox", "components", "app"))).toEqual([]);
    expect(packagesOf(reachable(under("lib/query")), /^node:/)).toEqual([]);
  });

  it("the BFF (lib/admin) reaches neither the sandbox, components nor pages", () => {
    expect(forbiddenReach(graph, under("lib/admin"), under("lib/sandbox", "components", "app"))).toEqual([]);
  });

  it("the sandbox reaches neither the BFF, the browser data layer, components nor pages", () => {
    expect(forbiddenReach(graph, under("lib/sandbox"), under("lib/admin", "lib/query", "components", "app"))).toEqual([]);
  });

  it("components never reach the upstream boundary, the sandbox or pages", () => {
    expect(forbiddenReach(graph, under("components"), under("lib/admin", "lib/sandbox", "app"))).toEqual([]);
  });

  it("pages never reach the sandbox", () => {
    expect(forbiddenReach(graph, under("app"), under("lib/sandbox"))).toEqual([]);
  });

  it("lib/admin is entered only by route handlers, by server pages and layouts through its public entry, and by proxy.ts and instrumentation.ts", () => {
    const allowed = (from: string, to: string) =>
      under("lib/admin")(from) ||
      from === "proxy.ts" ||
      from === "instrumentation.ts" ||
      isRouteHandler(from) ||
      (isServerPage(from) && to === LIB_ADMIN_ENTRY);
    const entries = graph.files.flatMap((from) =>
      (graph.edges.get(from) ?? []).filter((to) => under("lib/admin")(to) && !allowed(from, to)).map((to) => `${from} imports ${to}`),
    );
    expect(entries).toEqual([]);
  });
});

// Components call lib/query's hooks; requests are built there (issue 14), not in a component.
describe("requests are built in lib/query", () => {
  /** "file:line: text" for each match of `pattern` (which may span lines) in the non-test sources under `dir`. */
  function matches(dir: string, pattern: RegExp): string[] {
    return graph.files.filter(under(dir)).flatMap((f) => {
      const text = readFileSync(join(ROOT, f), "utf8");
      return [...text.matchAll(new RegExp(pattern, "g"))].map((m) => {
        const line = text.slice(0, m.index).split("\n").length;
        return `${f}:${line}: ${m[0].replace(/\s+/g, " ")}`;
      });
    });
  }

  it("no component creates a protobuf message (create(…Schema)", () => {
    expect(matches("components", /create\(\s*\w+Schema/)).toEqual([]);
  });

  it("components query and mutate through lib/query's hooks; only the providers import connect-query, for its TransportProvider", () => {
    const direct = matches("components", /from\s+["']@connectrpc\/connect-query["']/).filter((hit) => !hit.startsWith("components/providers.tsx:"));
    expect(direct).toEqual([]);
  });
});
