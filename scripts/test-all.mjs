// `npm test`: every suite — types, lint (ESLint), unit tests (vitest), end-to-end tests (Playwright
// against the real sandbox + console + Chromium) — then one line `N passed, N failed` summing them.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildIfStale } from "./build-if-stale.mjs";

const root = process.cwd();
const bin = (name) => join(root, "node_modules", ".bin", name);
const results = join(root, "results", "tests");
mkdirSync(results, { recursive: true });
const tally = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return res.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

// 1. Types: one check counts as one test.
const tscStatus = run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
if (tscStatus === 0) tally.passed++;
else tally.failed++;

// 2. Lint: one run counts as one test; its findings are printed above when it fails.
const lintStatus = run("lint (ESLint)", bin("eslint"), ["--max-warnings", "0", "."]);
if (lintStatus === 0) tally.passed++;
else tally.failed++;

// 3. Unit tests.
const vitestJson = join(results, "vitest.json");
rmSync(vitestJson, { force: true });
const vitestStatus = run("unit tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  tally.passed += v.numPassedTests;
  tally.failed += v.numFailedTests;
  tally.skipped += v.numPendingTests + v.numTodoTests;
}
if (vitestStatus !== 0 && (!v || v.numFailedTests === 0)) tally.failed++; // a crash, not a test failure

// 4. End-to-end tests against the built console.
buildIfStale(root);
const pwJson = join(results, "playwright.json");
rmSync(pwJson, { force: true });
const pwStatus = run("end-to-end tests (Playwright)", bin("playwright"), ["test"], { E2E_JSON: pwJson });
const p = readJson(pwJson);
if (p?.stats) {
  // A test that passed only on a retry is flaky: it counts as a failure, or CI would hide it.
  tally.passed += p.stats.expected;
  tally.failed += p.stats.unexpected + p.stats.flaky;
  if (p.stats.flaky) console.log(`\n${p.stats.flaky} flaky (passed only on a retry): counted as failed`);
  tally.skipped += p.stats.skipped;
}
if (pwStatus !== 0 && (!p?.stats || p.stats.unexpected + p.stats.flaky === 0)) tally.failed++;

if (tally.skipped) console.log(`\n${tally.skipped} skipped`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed > 0 ? 1 : 0);
