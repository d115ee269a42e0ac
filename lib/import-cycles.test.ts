// No import circles among the project's files (issue 14). Type-only imports count: they are erased at
// run time, but two modules that name each other's types still cannot be read or changed one at a time.
import { describe, expect, it } from "vitest";
import { circlePath, circles, importGraph } from "./import-graph.testutil";

// Circles known and being removed, each as the sorted files of one strongly connected set. An entry
// that no longer occurs fails the test too, so delete it as soon as its circle is gone.
const KNOWN_CIRCLES: string[][] = [];

const key = (circle: string[]) => circle.join(", ");

describe("the import graph", () => {
  const graph = importGraph();
  const found = circles(graph);

  it("is read from the project's sources, type-only and dynamic imports included", () => {
    // Guards against a walk that silently finds nothing (a wrong root or a broken resolver).
    expect(graph.files).toContain("app/(console)/layout.tsx");
    expect(graph.files).toContain("proxy.ts");
    expect(graph.files.some((f) => f.endsWith(".test.ts"))).toBe(false);
    expect(graph.edges.get("proxy.ts")).toContain("lib/admin/page-proxy.ts");
    expect(graph.edges.get("components/search/command-palette.tsx")).toContain("components/search/palette-dialog.tsx");
    expect(graph.edges.get("instrumentation.ts")).toContain("lib/admin/metrics-server.ts");
  });

  it("has no circles but the known ones", () => {
    const known = new Set(KNOWN_CIRCLES.map(key));
    const report = (c: string[]) => `circle of ${c.length} files [${key(c)}], e.g. ${circlePath(graph, c)}`;
    expect(found.filter((c) => !known.has(key(c))).map(report)).toEqual([]);
  });

  it("still has every known circle (an entry whose circle is gone must be deleted)", () => {
    const present = new Set(found.map(key));
    expect(KNOWN_CIRCLES.map(key).filter((k) => !present.has(k))).toEqual([]);
  });
});
