// `npm run sandbox:history -- --count 1000 --data-dir ./data/sandbox`: appends past executions to an
// existing sandbox data folder (a running sandbox may keep running; SQLite takes the one transaction).
// They are runs of the seed catalog's launch plans, run by the executor (./history.ts); the catalog is
// registered in the project/domain first where it is missing.
//   --count N        how many (default 1000)
//   --data-dir DIR   default FLYTE_SANDBOX_DATA_DIR or ./data/sandbox; must hold a sandbox database
//   --project P --domain D   default flytesnacks / development
//   --days N         spread over the last N days (default 30)
//   --seed N         for the same names and values again (default: the clock, so each run adds new ones)
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sandboxConfig } from "../config";
import type { SandboxContext } from "../services/context";
import { findLaunchPlan, findTask, findWorkflow } from "../services/lookups";
import { openDb } from "../store/db";
import { getProject } from "../store/projects";
import { seedCatalog, type RegistrationStep } from "./catalog";
import { seedHistory } from "./history";
import { registerSteps } from "./index";

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
const count = positiveInt("count", values.count, 1_000);
const days = positiveInt("days", values.days, 30);
const seed = positiveInt("seed", values.seed, Date.now() % 2_147_483_647);
const project = values.project ?? "flytesnacks";
const domain = values.domain ?? "development";

const db = openDb(dataDir);
if (!getProject(db, project)) fail(`project ${project} is not registered in ${dataDir}`);
const config = sandboxConfig({ ...process.env, FLYTE_SANDBOX_DATA_DIR: dataDir });
// Log links point at the sandbox's HTTP port as configured (the CLI does not know the one a running sandbox took).
const ctx: SandboxContext = { db, config, now: () => Date.now(), httpBaseUrl: `http://${config.host}:${config.httpPort}` };
const started = performance.now();
const registered = (step: RegistrationStep) =>
  step.kind === "task" ? findTask(db, step.request.id!) : step.kind === "workflow" ? findWorkflow(db, step.request.id!) : findLaunchPlan(db, step.request.id!);
registerSteps(ctx, seedCatalog(project, domain).steps.filter((step) => !registered(step)));
seedHistory(ctx, { project, domain, count, endMs: Date.now(), spanMs: days * 86_400_000, seed });
const total = (db.prepare("SELECT count(*) AS n FROM executions WHERE project = ? AND domain = ?").get(project, domain) as { n: number }).n;
db.close();
console.log(
  `sandbox:history: added ${count} executions to ${project}/${domain} in ${Math.round(performance.now() - started)} ms (now ${total}) in ${dataDir}`,
);
