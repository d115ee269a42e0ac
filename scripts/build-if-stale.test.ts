import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildIsStale } from "./build-if-stale.mjs";

describe("buildIsStale", () => {
  const roots: string[] = [];
  afterEach(() => {
    vi.unstubAllEnvs();
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  function builtFor(basePath: string | undefined) {
    const root = mkdtempSync(join(tmpdir(), "console-build-"));
    roots.push(root);
    mkdirSync(join(root, "app"));
    writeFileSync(join(root, "app", "page.tsx"), "");
    mkdirSync(join(root, ".next"));
    writeFileSync(join(root, ".next", "BUILD_ID"), "x");
    if (basePath !== undefined) writeFileSync(join(root, ".next", "console-build.json"), JSON.stringify({ basePath }));
    return root;
  }

  it("keeps a fresh build made for the base path the server will use", () => {
    vi.stubEnv("FLYTE_CONSOLE_DIST_DIR", "");
    vi.stubEnv("FLYTE_CONSOLE_BASE_PATH", undefined);
    expect(buildIsStale(builtFor("/console"))).toBe(false);
  });

  it("rebuilds when the build was made for another base path, or does not say", () => {
    vi.stubEnv("FLYTE_CONSOLE_DIST_DIR", "");
    vi.stubEnv("FLYTE_CONSOLE_BASE_PATH", "");
    expect(buildIsStale(builtFor("/console"))).toBe(true);
    vi.stubEnv("FLYTE_CONSOLE_BASE_PATH", undefined);
    expect(buildIsStale(builtFor(undefined))).toBe(true);
  });
});
