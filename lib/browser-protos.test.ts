// The browser bundle gets lib/gen/browser in place of lib/gen (next.config.mjs): buf.gen.yaml keeps there
// only the AdminService, SignalService and DataProxyService methods listed for the browser and the messages they reach.
// Importing something it lacks fails the build, but a method is looked up by name at run time
// (`AdminService.method.x`, `client.x(…)`), so the names browser code uses are checked here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DescService } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { AdminService } from "./gen/flyteidl/service/admin_pb";
import { SignalService } from "./gen/flyteidl/service/signal_pb";
import { DataProxyService } from "./gen/flyteidl/service/dataproxy_pb";
import { AdminService as BrowserAdminService } from "./gen/browser/flyteidl/service/admin_pb";
import { DataProxyService as BrowserDataProxyService } from "./gen/browser/flyteidl/service/dataproxy_pb";
import { SignalService as BrowserSignalService } from "./gen/browser/flyteidl/service/signal_pb";
import { ROOT, importGraph } from "./import-graph.testutil";

const graph = importGraph();
const source = (f: string) => readFileSync(join(ROOT, f), "utf8");

/** Every file the browser bundle may hold: client components, lib/query, and all they import. */
function browserFiles(): string[] {
  const entries = graph.files.filter((f) => f.startsWith("lib/query/") || /^\s*["']use client["']/.test(source(f)));
  const seen = new Set(entries);
  for (const f of seen) for (const next of graph.edges.get(f) ?? []) seen.add(next);
  return [...seen].filter((f) => !f.startsWith("lib/gen/")).sort();
}

/** Property names in browser code: `AdminService.method.name`, `client.name(…)`. */
function namesUsed(): Set<string> {
  const names = new Set<string>();
  for (const f of browserFiles()) for (const m of source(f).matchAll(/\.(\w+)/g)) names.add(m[1]);
  return names;
}

const methodNames = (service: DescService) => service.methods.map((m) => m.localName).sort();

describe("the browser's generation of the protos", () => {
  const used = namesUsed();

  it("is read from the browser's sources", () => {
    // Guards against a scan that silently finds nothing.
    expect(browserFiles()).toContain("components/execution/execution-page.tsx");
    expect(used.has("getExecution")).toBe(true);
  });

  it.each([
    ["AdminService", AdminService, BrowserAdminService],
    ["SignalService", SignalService, BrowserSignalService],
    ["DataProxyService", DataProxyService, BrowserDataProxyService],
  ])("has every %s method browser code uses, and no other (buf.gen.yaml lists them)", (_, full, browser) => {
    const usedMethods = methodNames(full).filter((name) => used.has(name));
    expect(methodNames(browser)).toEqual(usedMethods);
  });
});
