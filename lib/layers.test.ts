// DESIGN.md's layers, checked: dependencies point downwards only.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir))) {
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(entry) && !/\.(test|testutil)\.tsx?$/.test(entry)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/from\s+["']([^"']+)["']|import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
}

function violations(dir: string, forbidden: RegExp, except: RegExp = /^$/): string[] {
  return sources(dir)
    .filter((f) => !except.test(relative(root, join(root, f))))
    .flatMap((f) => imports(f).filter((i) => forbidden.test(i)).map((i) => `${f} imports ${i}`));
}

describe("layers", () => {
  it("components never reach the upstream boundary or the sandbox", () => {
    expect(violations("components", /lib\/(admin|sandbox)/)).toEqual([]);
  });
  it("pages reach lib/admin only from API routes, and server pages through its public entry", () => {
    expect(violations("app", /lib\/sandbox/)).toEqual([]);
    expect(violations("app", /lib\/admin/, /^app\/(api\/|healthz\/|readyz\/)|\/page\.tsx$/)).toEqual([]);
    expect(sources("app").filter((f) => f.endsWith("/page.tsx")).flatMap((f) => imports(f).filter((i) => /lib\/admin\//.test(i)).map((i) => `${f} imports ${i}`))).toEqual([]);
  });
  it("lib/flyte is pure: only lib/gen and itself", () => {
    expect(violations("lib/flyte", /^(@\/lib\/(?!flyte|gen)|react|next|node:)/)).toEqual([]);
  });
  it("the browser data layer never imports the server", () => {
    expect(violations("lib/query", /lib\/(admin|sandbox)|^node:/)).toEqual([]);
  });
});

// Components call lib/query's hooks; requests are built there (issue 14), not in a component.
describe("requests are built in lib/query", () => {
  /** "file:line: text" for each match of `pattern` (which may span lines) in the non-test sources under `dir`. */
  function matches(dir: string, pattern: RegExp): string[] {
    return sources(dir).flatMap((f) => {
      const text = readFileSync(join(root, f), "utf8");
      return [...text.matchAll(new RegExp(pattern, "g"))].map((m) => {
        const line = text.slice(0, m.index).split("\n").length;
        return `${f}:${line}: ${m[0].replace(/\s+/g, " ")}`;
      });
    });
  }
  // Components that still query FlyteAdmin themselves; each should move its queries into lib/query.
  const NOT_YET_MOVED = new Set([
    "components/dashboard/dashboard.tsx",
    "components/dashboard/filter-bar.tsx",
    "components/dashboard/use-execution-stats.ts",
    "components/entities/entity-executions.tsx",
    "components/entities/entity-list-page.tsx",
    "components/entities/entity-page.tsx",
    "components/entities/launch-plan-card.tsx",
    "components/entities/run-strip.tsx",
    "components/entities/use-entity.ts",
    "components/execution/child-execution-link.tsx",
    "components/execution/execution-page.tsx",
    "components/execution/node-panel.tsx",
    "components/execution/timeline-tab.tsx",
    "components/execution/use-live-execution.ts",
    "components/execution/use-node-extras.ts",
    "components/execution/use-node-names.ts",
    "components/logs/use-log-access.ts",
    "components/projects/project-nav.tsx",
    "components/projects/projects-page.tsx",
    "components/search/use-palette-results.ts",
    "components/shell/connection-banner.tsx",
    "components/shell/project-switcher.tsx",
  ]);

  it("no component creates a protobuf message (create(…Schema)", () => {
    expect(matches("components", /create\(\s*\w+Schema/)).toEqual([]);
  });
  it("components query and mutate through lib/query's hooks, not connect-query's", () => {
    const direct = matches("components", /from\s+["']@connectrpc\/connect-query["']/).filter(
      (hit) => !NOT_YET_MOVED.has(hit.slice(0, hit.indexOf(":"))) && !hit.startsWith("components/providers.tsx:"),
    );
    expect(direct).toEqual([]);
  });
});
