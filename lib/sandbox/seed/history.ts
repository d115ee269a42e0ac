// Past executions: what a project dashboard of a team that has used Flyte for a while looks like. Each
// is a run of a launch plan the seed catalog registers, launched and run to its end by the sandbox's own
// executor on a simulated clock in the past (./simulate.ts), so its node and task executions, events,
// data and log links are what a live run leaves. Deterministic for a given seed and end time.
import { clone, create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  ExecutionCreateRequestSchema,
  ExecutionMetadata_ExecutionMode,
  ExecutionSchema,
  ExecutionState,
  type ExecutionCreateRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { ResourceType, WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { DEMO_USERS } from "../auth/users";
import type { ExecutorConfig } from "../executor/types";
import type { SandboxContext } from "../services/context";
import { getExecution, updateExecution } from "../store/executions";
import { SEED_VERSION } from "./catalog";
import { lit } from "./literals";
import { captureRun, replayRun, type RunTemplate } from "./replay";
import { simulateRun, type SimulatedRun } from "./simulate";

export interface HistoryWorkflow {
  /** A launch plan of the seed catalog (version SEED_VERSION). */
  launchPlan: string;
  /** Typical run time in ms; runs vary around it. */
  typicalMs: number;
  /** Tasks one after the other on the longest path: a task takes about typicalMs / steps. */
  steps: number;
  inputs: (rng: () => number, scheduledAtMs: number) => Record<string, Literal>;
  /** Of its failures, the share that are SYSTEM errors (OOMKilled) rather than USER ones. */
  systemErrorShare: number;
}

/** Launch plans of flytesnacks' examples, as registered by the seed catalog (./catalog). */
export const HISTORY_WORKFLOWS: HistoryWorkflow[] = [
  { launchPlan: "core.flyte_basics.hello_world.my_wf", typicalMs: 25_000, steps: 1, systemErrorShare: 0.3, inputs: () => ({}) },
  {
    launchPlan: "core.flyte_basics.basic_workflow.my_wf",
    typicalMs: 40_000,
    steps: 2,
    systemErrorShare: 0.2,
    inputs: (r) => ({ a: lit.int(Math.floor(r() * 100)), b: lit.str(pick(r, ["hello", "flyte", "world"])) }),
  },
  { launchPlan: "core.flyte_basics.lp.go_greet", typicalMs: 35_000, steps: 2, systemErrorShare: 0.2, inputs: (r) => ({ a: lit.int(Math.floor(r() * 50)) }) },
  {
    launchPlan: "core.control_flow.conditions.consume_outputs",
    typicalMs: 60_000,
    steps: 3,
    systemErrorShare: 0.1,
    inputs: (r) => ({ my_input: lit.float(Math.round(r() * 900) / 100), seed: lit.int(Math.floor(r() * 10)) }),
  },
  {
    launchPlan: "core.control_flow.merge_sort.merge_sort",
    typicalMs: 140_000,
    steps: 2,
    systemErrorShare: 0.2,
    inputs: (r) => {
      const numbers = Array.from({ length: 4 + Math.floor(r() * 8) }, () => Math.floor(r() * 100));
      return { numbers: lit.list(numbers.map((n) => lit.int(n))), numbers_count: lit.int(numbers.length), run_local_at_count: lit.int(3) };
    },
  },
  {
    // At most 7 items: the catalog's mappable task fails its 8th, below the node's success ratio.
    launchPlan: "core.control_flow.map_task.my_map_workflow",
    typicalMs: 300_000,
    steps: 2,
    systemErrorShare: 0.5,
    inputs: (r) => ({ a: lit.list(Array.from({ length: 2 + Math.floor(r() * 6) }, (_, i) => lit.int(i + 1))) }),
  },
  {
    launchPlan: "core.containerization.raw_container.wf",
    typicalMs: 90_000,
    steps: 2,
    systemErrorShare: 0.5,
    inputs: (r) => ({ a: lit.float(Math.round(r() * 500) / 100), b: lit.float(Math.round(r() * 500) / 100) }),
  },
];

/** What the scheduler launches (mode SCHEDULED): the catalog's cron launch plan, its kickoff time as input. */
export const SCHEDULED_WORKFLOW: HistoryWorkflow = {
  launchPlan: "core.scheduled_workflows.lp_schedules.my_cron_scheduled_lp",
  typicalMs: 20_000,
  steps: 1,
  systemErrorShare: 0.5,
  inputs: (_r, scheduledAtMs) => ({ kickoff_time: lit.datetime(scheduledAtMs) }),
};

/** Who launched them: the sign-in page's people (as their token subjects, FlyteAdmin's principal) and one more. */
export const HISTORY_USERS = [...DEMO_USERS.map((u) => u.subject), "katherine"];

/** A small deterministic PRNG (mulberry32), so seeded data is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FlyteAdmin-style execution name: 20 characters, a letter first. */
export function executionName(rng: () => number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const chars = `${letters}0123456789`;
  let name = letters[Math.floor(rng() * letters.length)];
  while (name.length < 20) name += chars[Math.floor(rng() * chars.length)];
  return name;
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function weighted<T>(rng: () => number, table: readonly [T, number][]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1][0];
}

export interface HistoryOptions {
  project: string;
  domain: string;
  count: number;
  /** Every run has ended by this time (the newest was created a little before). */
  endMs: number;
  /** Executions spread over this much time before endMs. */
  spanMs: number;
  seed: number;
}

/** The outcome a run is set up for; its phase comes from running it (a run that cannot fail succeeds). */
type Outcome = "succeed" | "fail" | "abort";
const OUTCOMES: [Outcome, number][] = [
  ["succeed", 76],
  ["fail", 18],
  ["abort", 6],
];

const MODES: [ExecutionMetadata_ExecutionMode, number][] = [
  [ExecutionMetadata_ExecutionMode.MANUAL, 70],
  [ExecutionMetadata_ExecutionMode.SCHEDULED, 18],
  [ExecutionMetadata_ExecutionMode.RELAUNCH, 8],
  [ExecutionMetadata_ExecutionMode.RECOVERED, 4],
];

const TAG_SETS: string[][] = [[], [], ["nightly"], ["experiment"], ["experiment", "gpu"], ["backfill"]];
const TEAMS = ["ml-platform", "data-eng", "research"];

/** One past run, planned: what to launch, when, with which executor settings, and what happens to it after. */
export interface HistoryRun extends SimulatedRun {
  workflow: HistoryWorkflow;
  outcome: Outcome;
  /** Archived (UpdateExecution EXECUTION_ARCHIVED) a minute after it ended, by this user. */
  archivedBy?: string;
}

/** Plans `count` runs over the period; pure and deterministic for the options (the executor then is too). */
export function planHistory(o: HistoryOptions, httpBaseUrl: string): HistoryRun[] {
  const rng = seededRandom(o.seed);
  const runs: HistoryRun[] = [];
  for (let i = 0; i < o.count; i++) {
    let mode = weighted(rng, MODES);
    const wf = mode === ExecutionMetadata_ExecutionMode.SCHEDULED ? SCHEDULED_WORKFLOW : pick(rng, HISTORY_WORKFLOWS);
    const outcome = weighted(rng, OUTCOMES);
    // Long enough before endMs for the slowest run to have ended by then.
    const latestMs = o.endMs - 4 * wf.typicalMs - 60_000;
    const createdMs = Math.min(latestMs, Math.round(o.endMs - o.spanMs * ((o.count - i) / o.count) - rng() * (o.spanMs / o.count)));
    const user = mode === ExecutionMetadata_ExecutionMode.SCHEDULED ? "flyte-scheduler" : pick(rng, HISTORY_USERS);
    const config: ExecutorConfig = {
      taskDurationMs: Math.round((wf.typicalMs / wf.steps) * (0.4 + rng() * 1.4)),
      queueDelayMs: 500 + Math.round(rng() * 4000),
      failureRate: outcome === "fail" ? 1 : 0,
      systemErrorShare: wf.systemErrorShare,
      httpBaseUrl,
    };
    const name = executionName(rng);
    const tags = pick(rng, TAG_SETS);
    let inputs = wf.inputs(rng, createdMs);
    const archived = rng() < 0.03;
    const abortFraction = 0.1 + rng() * 0.5;
    const team = pick(rng, TEAMS);

    // A relaunch or recovery repeats an earlier run of the same launch plan with its inputs (a recovery, of a failed one).
    let reference: HistoryRun | undefined;
    if (mode === ExecutionMetadata_ExecutionMode.RELAUNCH || mode === ExecutionMetadata_ExecutionMode.RECOVERED) {
      const recover = mode === ExecutionMetadata_ExecutionMode.RECOVERED;
      reference = runs.findLast((r) => r.workflow === wf && (!recover || r.outcome === "fail"));
      if (reference) inputs = { ...(reference.request.inputs?.literals ?? {}) };
      else mode = ExecutionMetadata_ExecutionMode.MANUAL;
    }
    const request: ExecutionCreateRequest = create(ExecutionCreateRequestSchema, {
      project: o.project,
      domain: o.domain,
      name,
      spec: {
        launchPlan: { resourceType: ResourceType.LAUNCH_PLAN, project: o.project, domain: o.domain, name: wf.launchPlan, version: SEED_VERSION },
        metadata: {
          mode,
          principal: user,
          scheduledAt: mode === ExecutionMetadata_ExecutionMode.SCHEDULED ? timestampFromMs(createdMs) : undefined,
        },
        labels: { values: { team } },
        tags,
      },
      inputs: { literals: inputs },
    });
    const referenceId = reference && create(WorkflowExecutionIdentifierSchema, { project: o.project, domain: o.domain, name: reference.request.name });
    runs.push({
      request,
      launch: { mode, referenceExecution: referenceId, principal: user },
      createdMs,
      config,
      workflow: wf,
      outcome,
      abort:
        outcome === "abort"
          ? { atMs: createdMs + config.queueDelayMs + Math.round(wf.typicalMs * abortFraction), cause: "Terminated from the console", principal: pick(rng, HISTORY_USERS) }
          : undefined,
      archivedBy: archived ? user : undefined,
    });
  }
  return runs;
}

/** Runs simulated per launch plan, outcome and recovery before the rest replay one of them (./replay.ts). */
const PROTOTYPES = 3;

/**
 * Runs each planned run to its end in the store, oldest first, in one transaction: the first few of each
 * kind through the executor, the rest as replays of those (their rows copied, renamed and moved in time).
 */
export function runHistory(ctx: SandboxContext, runs: readonly HistoryRun[]): void {
  const prototypes = new Map<string, RunTemplate[]>();
  ctx.db.transaction(() => {
    runs.forEach((run, i) => {
      const key = `${run.workflow.launchPlan}|${run.outcome}|${run.launch?.mode === ExecutionMetadata_ExecutionMode.RECOVERED}`;
      const pool = prototypes.get(key) ?? [];
      prototypes.set(key, pool);
      let endedMs: number;
      if (pool.length < PROTOTYPES) {
        const result = simulateRun(ctx, run);
        if (result.script.replayable) pool.push(captureRun(ctx.db, result.script));
        endedMs = result.endedMs;
      } else {
        endedMs = replayRun(ctx.db, pool[i % pool.length], run).endedMs;
      }
      if (run.archivedBy) archive(ctx, run.request, endedMs + 60_000, run.archivedBy);
    });
  })();
}

/** Plans and runs history: what the first start and `npm run sandbox:history` write. */
export function seedHistory(ctx: SandboxContext, o: HistoryOptions): HistoryRun[] {
  const runs = planHistory(o, ctx.httpBaseUrl);
  runHistory(ctx, runs);
  return runs;
}

function archive(ctx: SandboxContext, req: ExecutionCreateRequest, atMs: number, principal: string): void {
  const stored = getExecution(ctx.db, { project: req.project, domain: req.domain, name: req.name });
  if (!stored) return;
  const e = clone(ExecutionSchema, stored.execution);
  e.closure!.stateChangeDetails = { $typeName: "flyteidl.admin.ExecutionStateChangeDetails", state: ExecutionState.EXECUTION_ARCHIVED, occurredAt: timestampFromMs(atMs), principal };
  updateExecution(ctx.db, stored.id, e, atMs);
}
