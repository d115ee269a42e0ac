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
