// Past executions written straight into the store: what a project dashboard of a team
// that has used Flyte for a while looks like. Deterministic for a given seed.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  ExecutionClosureSchema,
  ExecutionMetadata_ExecutionMode,
  ExecutionSchema,
  ExecutionState,
  type Execution,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { ExecutionError_ErrorKind, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { DEMO_USERS } from "../auth/users";
import type { Db } from "../store/db";
import { insertExecution } from "../store/executions";
import { lit, literalMap } from "./literals";

export interface HistoryEntry {
  execution: Execution;
  inputs: LiteralMap;
  outputs?: LiteralMap;
}

export interface HistoryWorkflow {
  name: string;
  version: string;
  /** Typical run time in ms; runs vary around it. */
  typicalMs: number;
  inputs: (rng: () => number) => LiteralMap;
  outputs?: (rng: () => number) => LiteralMap;
  failure?: { code: string; message: string };
}

/** Workflows named as in flytesnacks; versions look like what `pyflyte register` produces. */
export const HISTORY_WORKFLOWS: HistoryWorkflow[] = [
  {
    name: "core.flyte_basics.hello_world.my_wf",
    version: "v0.3.112",
    typicalMs: 25_000,
    inputs: () => literalMap({}),
    outputs: () => literalMap({ o0: lit.str("hello world") }),
  },
  {
    name: "core.control_flow.run_merge_sort.merge_sort",
    version: "v0.3.112",
    typicalMs: 140_000,
    inputs: (r) => literalMap({ numbers: lit.list([5, 3, 9, 1].map((n) => lit.int(n + Math.floor(r() * 10)))), numbers_count: lit.int(4), run_local_at_count: lit.int(10) }),
    outputs: () => literalMap({ o0: lit.list([1, 3, 5, 9].map((n) => lit.int(n))) }),
    failure: { code: "USER:RecursionError", message: "maximum recursion depth exceeded while calling a Python object" },
  },
  {
    name: "core.control_flow.subworkflows.parent_wf",
    version: "v0.3.110",
    typicalMs: 90_000,
    inputs: (r) => literalMap({ a: lit.int(Math.floor(r() * 100)) }),
    outputs: (r) => literalMap({ o0: lit.int(Math.floor(r() * 1000)), o1: lit.str("world") }),
  },
  {
    name: "core.control_flow.map_task.my_map_workflow",
    version: "v0.3.112",
    typicalMs: 300_000,
    inputs: () => literalMap({ a: lit.list([1, 2, 3, 4, 5].map((n) => lit.int(n))) }),
    outputs: () => literalMap({ o0: lit.str("1,4,9,16,25") }),
    failure: { code: "USER:IndexError", message: "list index out of range (subtask 3)" },
  },
  {
    name: "core.flyte_basics.task_cache.cached_dataframe_wf",
    version: "v0.3.108",
    typicalMs: 60_000,
    inputs: () => literalMap({}),
    outputs: () => literalMap({}),
  },
  {
    name: "ml.training.train_model_wf",
    version: "a1b2c3d",
    typicalMs: 1_800_000,
    inputs: (r) =>
      literalMap({
        learning_rate: lit.float(Math.round(r() * 1000) / 100000),
        epochs: lit.int(10 + Math.floor(r() * 40)),
        dataset: lit.str("s3://flyte-demo/datasets/iris.parquet"),
        use_gpu: lit.bool(r() < 0.5),
      }),
    outputs: (r) => literalMap({ accuracy: lit.float(0.8 + r() * 0.19), model_uri: lit.str("s3://flyte-demo/models/iris/model.joblib") }),
    failure: { code: "SYSTEM:OOMKilled", message: "container train-model was terminated: OOMKilled (memory limit 4Gi)" },
  },
  {
    name: "etl.daily.ingest_events_wf",
    version: "2024.05.1",
    typicalMs: 420_000,
    inputs: (r) => literalMap({ day: lit.datetime(Date.UTC(2024, 4, 1 + Math.floor(r() * 28))), source: lit.str("kafka://events") }),
    outputs: (r) => literalMap({ rows: lit.int(100_000 + Math.floor(r() * 900_000)) }),
    failure: { code: "USER:ConnectionError", message: "could not connect to kafka://events: timed out" },
  },
];

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
  /** The newest execution is created at about this time. */
  endMs: number;
  /** Executions spread over this much time before endMs. */
  spanMs: number;
  seed: number;
  /** Whether some executions are still QUEUED/RUNNING (the seed's do; bulk history's do not). */
  includeInFlight: boolean;
}

const PHASES: [WorkflowExecution_Phase, number][] = [
  [WorkflowExecution_Phase.SUCCEEDED, 70],
  [WorkflowExecution_Phase.FAILED, 16],
  [WorkflowExecution_Phase.ABORTED, 6],
  [WorkflowExecution_Phase.TIMED_OUT, 3],
];

const MODES: [ExecutionMetadata_ExecutionMode, number][] = [
  [ExecutionMetadata_ExecutionMode.MANUAL, 70],
  [ExecutionMetadata_ExecutionMode.SCHEDULED, 18],
  [ExecutionMetadata_ExecutionMode.RELAUNCH, 8],
  [ExecutionMetadata_ExecutionMode.RECOVERED, 4],
];

const TAG_SETS: string[][] = [[], [], ["nightly"], ["experiment"], ["experiment", "gpu"], ["backfill"]];
const TEAMS = ["ml-platform", "data-eng", "research"];

export function generateHistory(o: HistoryOptions): HistoryEntry[] {
  const rng = seededRandom(o.seed);
  const entries: HistoryEntry[] = [];
  for (let i = 0; i < o.count; i++) {
    const wf = pick(rng, HISTORY_WORKFLOWS);
    const createdMs = Math.round(o.endMs - o.spanMs * ((o.count - i) / o.count) - rng() * (o.spanMs / o.count));
    const inFlight = o.includeInFlight && i >= o.count - 4;
    const phase = inFlight
      ? i === o.count - 1
        ? WorkflowExecution_Phase.QUEUED
        : WorkflowExecution_Phase.RUNNING
      : weighted(rng, PHASES);
    const mode = weighted(rng, MODES);
    const user = mode === ExecutionMetadata_ExecutionMode.SCHEDULED ? "flyte-scheduler" : pick(rng, HISTORY_USERS);
    const queuedMs = 500 + Math.round(rng() * 4000);
    const runMs = Math.round(wf.typicalMs * (0.4 + rng() * 1.4));
    const startedMs = phase === WorkflowExecution_Phase.QUEUED ? undefined : createdMs + queuedMs;
    const terminal = !inFlight;
    const durationMs = terminal ? runMs : 0;
    const updatedMs = terminal ? (startedMs ?? createdMs) + runMs : Math.min(o.endMs, (startedMs ?? createdMs) + 1000);
    const name = executionName(rng);
    const tags = pick(rng, TAG_SETS);
    const inputs = wf.inputs(rng);
    const archived = terminal && rng() < 0.03;

    let outputResult: MessageInitShape<typeof ExecutionClosureSchema>["outputResult"] = { case: undefined };
    if (phase === WorkflowExecution_Phase.FAILED) {
      const failure = wf.failure ?? { code: "USER:ValueError", message: "invalid input" };
      outputResult = {
        case: "error",
        value: {
          code: failure.code,
          message: `Traceback (most recent call last):\n  File "workflow.py", line 42, in run\n${failure.message}`,
          kind: failure.code.startsWith("SYSTEM") ? ExecutionError_ErrorKind.SYSTEM : ExecutionError_ErrorKind.USER,
          errorUri: `s3://flyte-demo/metadata/${o.project}/${o.domain}/${name}/error.pb`,
        },
      };
    } else if (phase === WorkflowExecution_Phase.ABORTED) {
      outputResult = { case: "abortMetadata", value: { cause: "Terminated from the console", principal: pick(rng, HISTORY_USERS) } };
    } else if (phase === WorkflowExecution_Phase.TIMED_OUT) {
      outputResult = {
        case: "error",
        value: { code: "Timeout", message: "workflow exceeded its deadline of 1h0m0s", kind: ExecutionError_ErrorKind.SYSTEM },
      };
    }

    const workflowId = { resourceType: ResourceType.WORKFLOW, project: o.project, domain: o.domain, name: wf.name, version: wf.version };
    const execution = create(ExecutionSchema, {
      id: { project: o.project, domain: o.domain, name },
      spec: {
        launchPlan: { ...workflowId, resourceType: ResourceType.LAUNCH_PLAN },
        metadata: {
          mode,
          principal: user,
          nesting: 0,
          scheduledAt: mode === ExecutionMetadata_ExecutionMode.SCHEDULED ? timestampFromMs(createdMs) : undefined,
          systemMetadata: { executionCluster: "sandbox", namespace: `${o.project}-${o.domain}` },
        },
        labels: { values: { team: pick(rng, TEAMS) } },
        tags,
        notificationOverrides: { case: undefined },
      },
      closure: {
        phase,
        createdAt: timestampFromMs(createdMs),
        startedAt: startedMs === undefined ? undefined : timestampFromMs(startedMs),
        updatedAt: timestampFromMs(updatedMs),
        duration: durationFromMs(durationMs),
        workflowId,
        outputResult,
        stateChangeDetails: archived
          ? { state: ExecutionState.EXECUTION_ARCHIVED, occurredAt: timestampFromMs(updatedMs + 60_000), principal: user }
          : undefined,
      },
    });
    const outputs = phase === WorkflowExecution_Phase.SUCCEEDED ? wf.outputs?.(rng) : undefined;
    entries.push({ execution, inputs, outputs });
  }
  return entries;
}

/** Writes history in one transaction (10,000 executions take about a second). */
export function insertHistory(db: Db, entries: readonly HistoryEntry[]): void {
  db.transaction(() => {
    for (const h of entries) insertExecution(db, h.execution, { inputs: h.inputs, userInputs: h.inputs, outputs: h.outputs });
  })();
}
