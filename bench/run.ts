// `npm run bench`: figures for the hot paths, printed as tables and written to results/bench/*.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { os } from "./os";
import { benchBff } from "./bff";
import { startStack } from "./stack";

const outDir = join(process.cwd(), "results", "bench");
mkdirSync(outDir, { recursive: true });

const { buildIfStale } = await import("../scripts/build-if-stale.mjs");
buildIfStale();

const stack = await startStack({ grpcPort: 28089, httpPort: 28088, consolePort: 23000 });
try {
  const bff = await benchBff(stack);
  const file = join(outDir, "bff.json");
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), machine: os(), bff }, null, 2));
  console.log(`\nwrote ${file}`);
} finally {
  stack.stop();
}
