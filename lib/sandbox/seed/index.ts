// First-start seed: projects, the catalog of tasks/workflows/launch plans registered through
// the same handlers CreateTask/CreateWorkflow/CreateLaunchPlan serve, a dashboard's worth of past runs
// of it (./history.ts; FLYTE_SANDBOX_HISTORY=<n>: n of them in flytesnacks/development over 30 days),
// and the catalog's launches. Runs once per data folder.
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ProjectSchema, Project_ProjectState } from "@/lib/gen/flyteidl/admin/project_pb";
import { LaunchPlanState } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import { getMeta, setMeta } from "../store/db";
import { putProject } from "../store/projects";
import type { SandboxContext } from "../services/context";
import { DOMAINS } from "../services/projects";
import { registerLaunchPlan, registerTask, registerWorkflow } from "../services/registration";
import { launchExecution } from "../services/launch";
import { setLaunchPlanState } from "../services/launchPlans";
import { findLaunchPlan } from "../services/lookups";
import { seedAttributes } from "./attributes";
import { seedCatalog, type RegistrationStep } from "./catalog";
import { seedHistory } from "./history";

const DAY_MS = 86_400_000;

export const SEED_PROJECTS = [
  { id: "flytesnacks", name: "flytesnacks", description: "Flyte's example workflows: every node type, phase and literal type." },
  { id: "sandbox-demo", name: "Sandbox demo", description: "A second project, to switch between." },
];

/** Where the catalog is registered; launches run only in the first. */
const CATALOG_TARGETS: [string, string][] = [
  ["flytesnacks", "development"],
  ["flytesnacks", "staging"],
  ["flytesnacks", "production"],
  ["sandbox-demo", "development"],
];

const SEEDED_KEY = "seeded";

function describeStep(step: RegistrationStep): string {
  const id = step.request.id;
  return `${step.kind} ${id?.project}/${id?.domain}/${id?.name}@${id?.version}`;
}

/** Registers every step; returns how many failed (each is logged, none stops the seed). */
export function registerSteps(ctx: SandboxContext, steps: RegistrationStep[]): number {
  let failed = 0;
  for (const step of steps) {
    try {
      if (step.kind === "task") registerTask(ctx, step.request);
      else if (step.kind === "workflow") registerWorkflow(ctx, step.request);
      else {
        registerLaunchPlan(ctx, step.request);
        // Scheduled launch plans are registered active, as `pyflyte register --activate-launchplans` does.
        if (step.request.spec?.entityMetadata?.schedule) {
          const lp = findLaunchPlan(ctx.db, step.request.id!);
          if (lp) setLaunchPlanState(ctx.db, lp, LaunchPlanState.ACTIVE, ctx.now());
        }
      }
    } catch (err) {
      // The same version registered again (a restart, a shared task): FlyteAdmin's AlreadyExists, not a failure.
      if (err instanceof ConnectError && err.code === Code.AlreadyExists) continue;
      failed++;
      console.warn(`sandbox: seed could not register ${describeStep(step)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed;
}

export function launchAll(ctx: SandboxContext, launches: ExecutionCreateRequest[]): number {
  let failed = 0;
  for (const req of launches) {
    try {
      launchExecution(ctx, req);
    } catch (err) {
      failed++;
      console.warn(`sandbox: seed could not launch ${req.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed;
}

export async function seedIfEmpty(ctx: SandboxContext): Promise<void> {
  if (getMeta(ctx.db, SEEDED_KEY)) return;
  const now = ctx.now();
  ctx.db.transaction(() => {
    for (const p of SEED_PROJECTS) {
      putProject(
        ctx.db,
        create(ProjectSchema, {
          id: p.id,
          name: p.name,
          description: p.description,
          domains: [...DOMAINS],
          labels: { values: { "flyte.org/sandbox": "true" } },
          state: Project_ProjectState.ACTIVE,
        }),
      );
    }
    // Without the seed (tests, benchmarks): the projects only, so registration and launches work.
    if (!ctx.config.seed) {
      setMeta(ctx.db, SEEDED_KEY, new Date(now).toISOString());
      return;
    }
    seedAttributes(ctx.db);
    let failed = 0;
    const catalogs = CATALOG_TARGETS.map(([project, domain]) => ({ project, domain, catalog: seedCatalog(project, domain) }));
    for (const { catalog } of catalogs) failed += registerSteps(ctx, catalog.steps);
    // Past runs of what was just registered, then the catalog's launches, which the executor runs live.
    const bulk = ctx.config.history;
    seedHistory(ctx, { project: "flytesnacks", domain: "development", count: bulk ?? 48, endMs: now, spanMs: (bulk === undefined ? 14 : 30) * DAY_MS, seed: 1 });
    seedHistory(ctx, { project: "flytesnacks", domain: "staging", count: 12, endMs: now, spanMs: 7 * DAY_MS, seed: 2 });
    seedHistory(ctx, { project: "sandbox-demo", domain: "development", count: 8, endMs: now, spanMs: 3 * DAY_MS, seed: 3 });
    for (const { project, domain, catalog } of catalogs) {
      if (project === "flytesnacks" && domain === "development") failed += launchAll(ctx, catalog.launches);
    }
    if (failed > 0) console.warn(`sandbox: seed finished with ${failed} problem(s) (see above)`);
    setMeta(ctx.db, SEEDED_KEY, new Date(now).toISOString());
  })();
}
