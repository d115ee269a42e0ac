// `npm run bench`: figures for the hot paths, printed as tables and written to results/bench/*.json, and
// at the end one table of issue 12's targets with PASS or MISS (results/bench/targets.json).
// Sections: `npm run bench -- sandbox graph bff page compare dashboard deploy` (default: all). Ports: bench/ports.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { os } from "./os";
import { benchBff } from "./bff";
import { benchComparePage } from "./compare-page";
import { benchDashboard } from "./dashboard";
import { benchDeploy } from "./deploy";
import { launchChromium } from "./browser";
import { benchExecutionPage } from "./execution-page";
import { measureFloor } from "./floor";
import { PORTS } from "./ports";
import { benchSandbox } from "./sandbox";
import { startStack } from "./stack";
import { printTable, round } from "./stats";
import { printTargets } from "./targets";
import { benchBuildGraph, benchBuildLayoutInput } from "@/lib/flyte/graph/bench";

const outDir = join(process.cwd(), "results", "bench");
mkdirSync(outDir, { recursive: true });

function write(name: string, figures: unknown) {
  const file = join(outDir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), machine: os(), figures }, null, 2));
  console.log(`wrote ${file}`);
}

const wanted = new Set(process.argv.slice(2));
const want = (name: string) => wanted.size === 0 || wanted.has(name);

// In-process sections first: they need no console build.
if (want("sandbox")) write("sandbox", await benchSandbox());

if (want("graph")) {
  const graph = [100, 1000, 5000, 10_000].map((n) => ({ nodes: n, buildMs: round(benchBuildGraph(n), 2), buildAndSizeAllOpenMs: round(benchBuildLayoutInput(n), 2) }));
  console.log("\nGraph model (lib/flyte/graph), median of 5");
  printTable(["nodes", "build ms", "build + size, all open, ms"], graph.map((g) => [g.nodes, g.buildMs, g.buildAndSizeAllOpenMs]));
  write("graph", graph);
}

if (want("bff") || want("page") || want("compare") || want("dashboard") || want("deploy")) {
  const { buildIfStale } = await import("../scripts/build-if-stale.mjs");
  buildIfStale();
}

if (want("bff") || want("page") || want("compare") || want("deploy")) {
  const stack = await startStack({
    ...PORTS.page,
    env: { FLYTE_SANDBOX_TASK_MS: "150", FLYTE_SANDBOX_QUEUE_MS: "30", FLYTE_SANDBOX_FAILURE_RATE: "0" },
  });
  try {
    if (want("bff")) write("bff", await benchBff(stack));
    if (want("page")) {
      const browser = await launchChromium();
      const floor = await measureFloor(browser, PORTS.floor).finally(() => browser.close());
      write("floor", floor);
      write("execution-page", await benchExecutionPage(stack, floor));
    }
    if (want("compare")) write("compare-page", await benchComparePage(stack));
    if (want("deploy")) write("deploy", await benchDeploy(stack, PORTS.deploy));
  } finally {
    stack.stop();
  }
}

if (want("dashboard")) write("dashboard", await benchDashboard());

if (want("page") || want("compare") || want("dashboard")) write("targets", printTargets());
