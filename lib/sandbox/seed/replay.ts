// Replays of a simulated run (./simulate.ts) for bulk history: the prototype's stored rows (its execution,
// node and task executions, events, data, cache entries) copied for another planned run, with the run's
// name, its own spec (launcher, mode, labels, tags, abort) and every time moved to the run's creation and
// stretched by its task duration over the prototype's. The messages inside the rows are templates parsed
// once per prototype (./protoTemplate.ts), so a copy re-encodes only what differs. What a replay leaves
// is what the event handlers leave when given the prototype's events renamed and moved the same way.
import { clone, create, toBinary, type DescMessage } from "@bufbuild/protobuf";
import { NodeExecutionEventRequestSchema, TaskExecutionEventRequestSchema, WorkflowExecutionEventRequestSchema } from "@/lib/gen/flyteidl/admin/event_pb";
import {
  ExecutionClosureSchema,
  ExecutionMetadataSchema,
  ExecutionSpecSchema,
  type ExecutionSpec,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import type { LaunchPlanSpec } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { TaskExecutionIdentifierSchema, WorkflowExecutionIdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { executionDefaults, resolveExecutionSpec, type ExecutionDefaults } from "../services/executionConfig";
import { findLaunchPlan } from "../services/lookups";
import { stmt, type Db } from "../store/db";
import { getExecutionById } from "../store/executions";
import { compileTemplate, renderTemplate, startRendering, type ProtoTemplate, type RenderOptions } from "./protoTemplate";
import type { RunScript, SimulatedRun } from "./simulate";

type Row = Record<string, unknown>;

/** How one table's rows are copied: which columns are times, which hold messages, how its duration is measured. */
interface TableCopy {
  table: string;
  /** Rows of the prototype, in the order they were written. */
  select: string;
  times: string[];
  blobs: Record<string, DescMessage | ((row: Row) => DescMessage)>;
  /** duration_ms runs from the first of these columns that is set. */
  durationFrom?: string[];
  /** INSERT OR REPLACE: rows keyed by something other than the execution (cache entries). */
  replace?: boolean;
}

const EVENT_SCHEMAS: Record<string, DescMessage> = {
  workflow: WorkflowExecutionEventRequestSchema,
  node: NodeExecutionEventRequestSchema,
  task: TaskExecutionEventRequestSchema,
};

const TABLES: TableCopy[] = [
  {
    table: "node_executions",
    select: "SELECT * FROM node_executions WHERE execution_id = ? ORDER BY id",
    times: ["created_at", "updated_at", "node_execution_created_at", "node_execution_updated_at", "started_at"],
    blobs: { message: NodeExecutionSchema, inputs: LiteralMapSchema, outputs: LiteralMapSchema, dynamic_workflow: CompiledWorkflowClosureSchema },
    durationFrom: ["started_at", "node_execution_created_at"],
  },
  {
    table: "task_executions",
    select: "SELECT * FROM task_executions WHERE execution_id = ? ORDER BY id",
    times: ["created_at", "updated_at", "task_execution_created_at", "task_execution_updated_at", "started_at"],
    blobs: { message: TaskExecutionSchema, inputs: LiteralMapSchema, outputs: LiteralMapSchema },
    durationFrom: ["started_at", "task_execution_created_at"],
  },
  {
    table: "events",
    select: "SELECT * FROM events WHERE execution_id = ? ORDER BY id",
    times: ["occurred_at"],
    blobs: { message: (row) => EVENT_SCHEMAS[row.kind as string] },
  },
  {
    // Outputs of cacheable tasks the prototype populated: a replay with the same inputs populates them again.
    table: "cache_entries",
    select: "SELECT * FROM cache_entries WHERE instr(source, CAST(? AS BLOB)) > 0 ORDER BY rowid",
    times: ["created_at"],
    blobs: { source: TaskExecutionIdentifierSchema, outputs: LiteralMapSchema },
    replace: true,
  },
];

/** The execution row; its message and user inputs are the replay's own (replayRun). */
const EXECUTIONS: TableCopy = {
  table: "executions",
  select: "",
  times: ["created_at", "updated_at", "execution_updated_at", "started_at"],
  blobs: { inputs: LiteralMapSchema, outputs: LiteralMapSchema },
  durationFrom: ["started_at", "created_at"],
};

/** Stand-ins for the abort's cause and principal in the prototype's closure: each replay has its own. */
const ABORT_CAUSE = "\u0001abort-cause\u0001";
const ABORT_PRINCIPAL = "\u0001abort-principal\u0001";

/** Rows of one table, as positional values with the indexes of what a replay changes. */
interface RowsTemplate {
  sql: string;
  rows: { values: unknown[]; blobs: [index: number, ProtoTemplate][] }[];
  times: number[];
  duration?: { index: number; from: number[] };
  executionId?: number;
}

function rowsTemplate(copy: TableCopy, rows: Row[], marks: string[], extra: Record<string, DescMessage> = {}): RowsTemplate {
  const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== "id");
  const index = (c: string) => columns.indexOf(c);
  const blobs = { ...copy.blobs, ...extra };
  return {
    sql: `INSERT ${copy.replace ? "OR REPLACE " : ""}INTO ${copy.table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    rows: rows.map((row) => ({
      values: columns.map((c) => row[c]),
      blobs: Object.entries(blobs).flatMap(([c, schema]): [number, ProtoTemplate][] => {
        const bytes = row[c] as Buffer | null;
        return bytes ? [[index(c), compileTemplate(typeof schema === "function" ? schema(row) : schema, bytes, marks)]] : [];
      }),
    })),
    times: copy.times.map(index),
    duration: copy.durationFrom && { index: index("duration_ms"), from: copy.durationFrom.map(index) },
    executionId: columns.includes("execution_id") ? index("execution_id") : undefined,
  };
}

/** The template's rows for the replay: times moved, durations stretched, messages rendered; returns the last row id. */
function insertRows(db: Db, t: RowsTemplate, o: RenderOptions, executionRowId: number, override?: (values: unknown[]) => void): number {
  if (t.rows.length === 0) return 0;
  const insert = stmt(db, t.sql);
  let rowId = 0;
  for (const r of t.rows) {
    startRendering();
    const v = r.values.slice();
    const d = t.duration && (v[t.duration.index] as number);
    if (t.duration && d && d > 0) {
      const start = t.duration.from.map((i) => v[i]).find((x): x is number => typeof x === "number") ?? 0;
      v[t.duration.index] = Math.max(0, o.at(start + d) - o.at(start));
    }
    for (const i of t.times) if (typeof v[i] === "number") v[i] = o.at(v[i]);
    for (const [i, template] of r.blobs) v[i] = renderTemplate(template, o);
    if (t.executionId !== undefined) v[t.executionId] = executionRowId;
    override?.(v);
    rowId = Number(insert.run(v).lastInsertRowid);
  }
  return rowId;
}

export interface RunTemplate {
  script: RunScript;
  execution: {
    rows: RowsTemplate;
    columns: string[];
    id: ProtoTemplate;
    closure: ProtoTemplate;
    spec: ExecutionSpec;
  };
  launchPlan?: LaunchPlanSpec;
  defaults: ExecutionDefaults;
  tables: RowsTemplate[];
}

/** Reads a finished simulated run's rows once, as templates for its replays. */
export function captureRun(db: Db, script: RunScript): RunTemplate {
  const marks = [script.name, ABORT_CAUSE, ABORT_PRINCIPAL];
  const stored = getExecutionById(db, script.rowId);
  if (!stored) throw new Error(`prototype run ${script.name} is not in the store`);
  const e = stored.execution;
  const closure = clone(ExecutionClosureSchema, e.closure ?? create(ExecutionClosureSchema));
  if (closure.outputResult.case === "abortMetadata") closure.outputResult.value = { ...closure.outputResult.value, cause: ABORT_CAUSE, principal: ABORT_PRINCIPAL };
  const row = stmt(db, "SELECT * FROM executions WHERE id = ?").get(script.rowId) as Row;
  const rows = rowsTemplate(EXECUTIONS, [row], marks);
  return {
    script,
    execution: {
      rows,
      columns: Object.keys(row).filter((c) => c !== "id"),
      id: compileTemplate(WorkflowExecutionIdentifierSchema, toBinary(WorkflowExecutionIdentifierSchema, e.id!), marks),
      closure: compileTemplate(ExecutionClosureSchema, toBinary(ExecutionClosureSchema, closure), marks),
      spec: e.spec ?? create(ExecutionSpecSchema),
    },
    launchPlan: e.spec?.launchPlan && findLaunchPlan(db, e.spec.launchPlan)?.spec,
    defaults: executionDefaults(db, e.id?.project ?? "", e.id?.domain ?? ""),
    tables: TABLES.map((copy) => rowsTemplate(copy, stmt(db, copy.select).all(copy.table === "cache_entries" ? script.name : script.rowId) as Row[], marks)),
  };
}

/** The spec CreateExecution gives `run`'s request (services/launch.ts), the launch plan's part taken from the prototype's. */
function replaySpec(t: RunTemplate, run: SimulatedRun): ExecutionSpec {
  const spec = clone(ExecutionSpecSchema, run.request.spec ?? create(ExecutionSpecSchema));
  spec.inputs = undefined;
  const m = (spec.metadata ??= create(ExecutionMetadataSchema));
  if (run.launch?.principal) m.principal = run.launch.principal;
  if (run.launch?.mode !== undefined) m.mode = run.launch.mode;
  if (run.launch?.referenceExecution) m.referenceExecution = run.launch.referenceExecution;
  m.principal ||= "sandbox";
  m.systemMetadata = t.execution.spec.metadata?.systemMetadata;
  resolveExecutionSpec(spec, t.launchPlan, t.defaults);
  return spec;
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

/** One length-delimited field (wire type 2) of a message. */
const messageField = (number: number, bytes: Uint8Array) => [Buffer.from([...varint(number * 8 + 2), ...varint(bytes.length)]), bytes];

/**
 * Writes `run` as a replay of the template's prototype (the caller holds the transaction); returns the
 * time the run ended at.
 */
export function replayRun(db: Db, t: RunTemplate, run: SimulatedRun): { rowId: number; endedMs: number } {
  const from = t.script;
  const name = run.request.name;
  const scale = run.config.taskDurationMs / from.taskDurationMs;
  const at = (ms: number) => Math.round(run.createdMs + (ms - from.createdMs) * scale);
  const cause = run.abort?.cause ?? "terminated";
  const principal = run.abort?.principal ?? "sandbox";
  const text = (s: string) => {
    const v = s.replaceAll(from.name, name).replace(ABORT_CAUSE, cause).replace(ABORT_PRINCIPAL, principal);
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(v) ? new Date(at(Date.parse(v))).toISOString() : v;
  };
  const o: RenderOptions = { at, text };

  const spec = replaySpec(t, run);
  startRendering();
  const message = Buffer.concat([
    ...messageField(1, renderTemplate(t.execution.id, o)),
    ...messageField(2, toBinary(ExecutionSpecSchema, spec)),
    ...messageField(3, renderTemplate(t.execution.closure, o)),
  ]);
  const cols = t.execution.columns;
  const set: [string, unknown][] = [
    ["name", name],
    ["message", message],
    ["mode", spec.metadata?.mode ?? 0],
    ["user", spec.metadata?.principal ?? ""],
  ];
  const rowId = insertRows(db, t.execution.rows, o, 0, (v) => {
    for (const [c, value] of set) v[cols.indexOf(c)] = value;
    v[cols.indexOf("user_inputs")] = v[cols.indexOf("inputs")];
  });
  const tag = stmt(db, "INSERT INTO execution_tags (execution_id, kind, key, value) VALUES (?, ?, ?, ?)");
  for (const tg of spec.tags) tag.run(rowId, "tag", tg, "");
  for (const [k, v] of Object.entries(spec.labels?.values ?? {})) tag.run(rowId, "label", k, v);
  for (const rows of t.tables) insertRows(db, rows, o, rowId);
  return { rowId, endedMs: at(from.endedMs) };
}
