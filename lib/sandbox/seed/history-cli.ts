// `npm run sandbox:history -- --count 10000 --data-dir ./data/sandbox`: appends past executions to an
// existing sandbox data folder (a running sandbox may keep running; SQLite takes the one transaction).
//   --count N        how many (default 10000)
//   --data-dir DIR   default FLYTE_SANDBOX_DATA_DIR or ./data/sandbox; must hold a sandbox database
//   --project P --domain D   default flytesnacks / development
//   --days N         spread over the last N days (default 30)
//   --seed N         for the same names and values again (default: the clock, so each run adds new ones)
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDb } from "../store/db";
import { getProject } from "../store/projects";
import { generateHistory, insertHistory } from "./history";

function fail(message: string): never {
  console.error(`sandbox:history: ${message}`);
  process.exit(1);
}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, got "${raw}"`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        count: { type: "string" },
        "data-dir": { type: "string" },
        project: { type: "string" },
        domain: { type: "string" },
        days: { type: "string" },
        seed: { type: "string" },
      },
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
})();

const dataDir = path.resolve(values["data-dir"] ?? process.env.FLYTE_SANDBOX_DATA_DIR ?? "./data/sandbox");
if (!existsSync(path.join(dataDir, "sandbox.sqlite"))) {
  fail(`no sandbox database in ${dataDir}: start the sandbox once with FLYTE_SANDBOX_DATA_DIR=${dataDir}, or pass --data-dir`);
}
const count = positiveInt("count", values.count, 10_000);
const days = positiveInt("days", values.days, 30);
const seed = positiveInt("seed", values.seed, Date.now() % 2_147_483_647);
const project = values.project ?? "flytesnacks";
const domain = values.domain ?? "development";

const db = openDb(dataDir);
if (!getProject(db, project)) fail(`project ${project} is not registered in ${dataDir}`);
const started = performance.now();
const entries = generateHistory({ project, domain, count, endMs: Date.now(), spanMs: days * 86_400_000, seed, includeInFlight: false });
insertHistory(db, entries);
const total = (db.prepare("SELECT count(*) AS n FROM executions WHERE project = ? AND domain = ?").get(project, domain) as { n: number }).n;
db.close();
console.log(
  `sandbox:history: added ${count} executions to ${project}/${domain} in ${Math.round(performance.now() - started)} ms (now ${total}) in ${dataDir}`,
);
