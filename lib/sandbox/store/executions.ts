// Workflow executions: one row each, the admin.Execution message plus list columns,
// the resolved inputs, the user's inputs and the outputs, and tags/labels in a side table.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { ExecutionSchema, ExecutionStateSchema, ExecutionMetadata_ExecutionModeSchema, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase, WorkflowExecution_PhaseSchema } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { durationMsOf, msOf, stmt, type Db } from "./db";
import {
  duration,
  filtersToSql,
  integer,
  orderBySql,
  pageFromRequest,
  pageResult,
  phase,
  text,
  timestamp,
  type FieldSpec,
  type ListSpec,
  type Page,
  type SqlValue,
} from "./query";

export interface ExecutionKey {
  project: string;
  domain: string;
  name: string;
}

export interface StoredExecution {
  /** Row id: the key node/task executions, signals and events hang off. */
  id: number;
  execution: Execution;
}

const TERMINAL_EXECUTION_PHASES = [
  WorkflowExecution_Phase.SUCCEEDED,
  WorkflowExecution_Phase.FAILED,
  WorkflowExecution_Phase.ABORTED,
  WorkflowExecution_Phase.TIMED_OUT,
].map((p) => WorkflowExecution_Phase[p]);

function tagExists(kind: string, column: "key" | "value"): FieldSpec {
  return {
    ...text(`t.${column}`),
    exists: (condition) => `EXISTS (SELECT 1 FROM execution_tags t WHERE t.execution_id = e.id AND t.kind = '${kind}' AND ${condition})`,
  };
}

// `created_at`/`updated_at` are when the store wrote the row, `execution_created_at`/`execution_updated_at`
// the closure's times, as FlyteAdmin's columns. An execution's row is written when it is created, so both
// created times are one column here.
const executionFields: Record<string, FieldSpec> = {
  phase: phase("e.phase", WorkflowExecution_PhaseSchema),
  created_at: timestamp("e.created_at"),
  execution_created_at: timestamp("e.created_at"),
  updated_at: timestamp("e.updated_at"),
  execution_updated_at: timestamp("e.execution_updated_at"),
  started_at: timestamp("e.started_at"),
  duration: duration("e.duration_ms"),
  mode: integer("e.mode", ExecutionMetadata_ExecutionModeSchema),
  user: text("e.user"),
  state: integer("e.state", ExecutionStateSchema),
  name: text("e.name"),
  execution_name: text("e.name"),
  project: text("e.project"),
  execution_project: text("e.project"),
  domain: text("e.domain"),
  execution_domain: text("e.domain"),
  error_kind: text("e.error_kind"),
  error_code: text("e.error_code"),
  launch_entity: text("e.launch_entity"),
};

export const EXECUTION_LIST_SPEC: ListSpec = {
  resource: "executions",
  fields: {
    ...executionFields,
    ...Object.fromEntries(Object.entries(executionFields).map(([k, v]) => [`execution.${k}`, v])),
    "workflow.project": text("e.workflow_project"),
    "workflow.domain": text("e.workflow_domain"),
    "workflow.name": text("e.workflow_name"),
    "workflow.version": text("e.workflow_version"),
    "launch_plan.project": text("e.launch_plan_project"),
    "launch_plan.domain": text("e.launch_plan_domain"),
    "launch_plan.name": text("e.launch_plan_name"),
    "launch_plan.version": text("e.launch_plan_version"),
    // FlyteAdmin inner-joins tasks for task.* filters, so only single-task runs match; the task of such a
    // run is registered in its workflow's project and domain (services/singleTask.ts).
    "task.project": text("(CASE WHEN e.task_name <> '' THEN e.workflow_project END)"),
    "task.domain": text("(CASE WHEN e.task_name <> '' THEN e.workflow_domain END)"),
    "task.name": text("e.task_name"),
    "task.version": text("e.task_version"),
    "admin_tag.name": tagExists("tag", "key"),
    // Labels (spec.labels) as key/value pairs.
    "execution_tag.key": tagExists("label", "key"),
    "execution_tag.value": tagExists("label", "value"),
  },
  // Every column of FlyteAdmin's executions table, as its ListExecutions accepts them.
  sortKeys: {
    id: "e.id",
    created_at: "e.created_at",
    updated_at: "e.updated_at",
    deleted_at: null,
    execution_project: "e.project",
    execution_domain: "e.domain",
    execution_name: "e.name",
    launch_plan_id: null,
    workflow_id: null,
    task_id: null,
    phase: "e.phase",
    closure: null,
    spec: null,
    started_at: "e.started_at",
    execution_created_at: "e.created_at",
    execution_updated_at: "e.execution_updated_at",
    duration: "e.duration_ms",
    abort_cause: null,
    mode: "e.mode",
    source_execution_id: null,
    parent_node_execution_id: "e.parent_node_execution",
    cluster: null,
    inputs_uri: null,
    user_inputs_uri: null,
    error_kind: "e.error_kind",
    error_code: "e.error_code",
    user: "e.user",
    state: "e.state",
    launch_entity: "e.launch_entity",
  },
  defaultSort: { column: "e.created_at", descending: true },
  tieBreaker: "e.id",
  aliasPrefix: "execution.",
  listMethod: "ListExecutions",
};

function columns(e: Execution, writtenAt: number) {
  const closure = e.closure;
  const spec = e.spec;
  const lp = spec?.launchPlan;
  const wf = closure?.workflowId;
  const isTask = lp?.resourceType === ResourceType.TASK;
  const error = closure?.outputResult.case === "error" ? closure.outputResult.value : undefined;
  const parent = spec?.metadata?.parentNodeExecution;
  return {
    project: e.id?.project ?? "",
    domain: e.id?.domain ?? "",
    name: e.id?.name ?? "",
    phase: WorkflowExecution_Phase[closure?.phase ?? 0] ?? "UNDEFINED",
    updated_at: writtenAt,
    execution_updated_at: msOf(closure?.updatedAt) ?? msOf(closure?.createdAt) ?? writtenAt,
    started_at: msOf(closure?.startedAt),
    duration_ms: durationMsOf(closure?.duration),
    mode: spec?.metadata?.mode ?? 0,
    user: spec?.metadata?.principal ?? "",
    state: closure?.stateChangeDetails?.state ?? 0,
    workflow_project: wf?.project ?? "",
    workflow_domain: wf?.domain ?? "",
    workflow_name: wf?.name ?? "",
    workflow_version: wf?.version ?? "",
    launch_plan_project: isTask ? "" : (lp?.project ?? ""),
    launch_plan_domain: isTask ? "" : (lp?.domain ?? ""),
    launch_plan_name: isTask ? "" : (lp?.name ?? ""),
    launch_plan_version: isTask ? "" : (lp?.version ?? ""),
    task_name: isTask ? (lp?.name ?? "") : "",
    task_version: isTask ? (lp?.version ?? "") : "",
    launch_entity: isTask ? "task" : "launch_plan",
    parent_node_execution: parent?.executionId ? nodeExecutionKeyString(parent.executionId, parent.nodeId) : null,
    error_kind: error ? String(error.kind) : null,
    error_code: error ? error.code : null,
    message: Buffer.from(toBinary(ExecutionSchema, e)),
  };
}

/** The key a child execution records for the node execution that launched it. */
export function nodeExecutionKeyString(exec: ExecutionKey, nodeId: string): string {
  return `${exec.project}/${exec.domain}/${exec.name}/${nodeId}`;
}

export interface ExecutionData {
  inputs?: LiteralMap;
  userInputs?: LiteralMap;
  outputs?: LiteralMap;
}

const blob = (m: LiteralMap | undefined) => (m ? Buffer.from(toBinary(LiteralMapSchema, m)) : null);

/**
 * Inserts a new execution (the key must be free); returns its row id. The row counts as written when the
 * execution was created (closure.created_at: the sandbox's clock at launch; the past, for seeded history).
 */
export function insertExecution(db: Db, e: Execution, data: ExecutionData = {}): number {
  const createdAt = msOf(e.closure?.createdAt) ?? 0;
  const c = { ...columns(e, createdAt), created_at: createdAt };
  const inputs = blob(data.inputs);
  const result = stmt(
    db,
    `INSERT INTO executions (${Object.keys(c).join(", ")}, inputs, user_inputs, outputs)
     VALUES (${Object.keys(c).map((k) => `@${k}`).join(", ")}, @inputs, @user_inputs, @outputs)`,
  ).run({ ...c, inputs, user_inputs: data.userInputs === data.inputs ? inputs : blob(data.userInputs), outputs: blob(data.outputs) });
  const id = Number(result.lastInsertRowid);
  const tag = stmt(db, "INSERT INTO execution_tags (execution_id, kind, key, value) VALUES (?, ?, ?, ?)");
  for (const t of e.spec?.tags ?? []) tag.run(id, "tag", t, "");
  for (const [k, v] of Object.entries(e.spec?.labels?.values ?? {})) tag.run(id, "label", k, v);
  return id;
}

/** Rewrites an execution's message and columns (its spec, tags and inputs do not change) at `writtenAt`. */
export function updateExecution(db: Db, id: number, e: Execution, writtenAt: number): void {
  const c = columns(e, writtenAt);
  const keys = Object.keys(c).filter((k) => !["project", "domain", "name"].includes(k));
  stmt(db, `UPDATE executions SET ${keys.map((k) => `${k} = @${k}`).join(", ")} WHERE id = @id`).run({ ...c, id });
}

export function setExecutionOutputs(db: Db, id: number, outputs: LiteralMap): void {
  stmt(db, "UPDATE executions SET outputs = ? WHERE id = ?").run(blob(outputs), id);
}

interface MessageRow {
  id: number;
  message: Buffer;
}

export function getExecution(db: Db, key: ExecutionKey): StoredExecution | undefined {
  const row = stmt(db, "SELECT id, message FROM executions WHERE project = ? AND domain = ? AND name = ?").get(
    key.project,
    key.domain,
    key.name,
  ) as MessageRow | undefined;
  return row && { id: row.id, execution: fromBinary(ExecutionSchema, row.message) };
}

/** The row id alone: node and task events need no more of their execution, and decoding it for each is most of their cost. */
export function getExecutionRowId(db: Db, key: ExecutionKey): number | undefined {
  const row = stmt(db, "SELECT id FROM executions WHERE project = ? AND domain = ? AND name = ?").get(key.project, key.domain, key.name) as
    | { id: number }
    | undefined;
  return row?.id;
}

export function getExecutionById(db: Db, id: number): StoredExecution | undefined {
  const row = stmt(db, "SELECT id, message FROM executions WHERE id = ?").get(id) as MessageRow | undefined;
  return row && { id: row.id, execution: fromBinary(ExecutionSchema, row.message) };
}

export function getExecutionData(db: Db, id: number): ExecutionData {
  const row = stmt(db, "SELECT inputs, user_inputs, outputs FROM executions WHERE id = ?").get(id) as
    | { inputs: Buffer | null; user_inputs: Buffer | null; outputs: Buffer | null }
    | undefined;
  const read = (b: Buffer | null | undefined) => (b ? fromBinary(LiteralMapSchema, b) : undefined);
  return { inputs: read(row?.inputs), userInputs: read(row?.user_inputs), outputs: read(row?.outputs) };
}

export interface ExecutionListQuery {
  project: string;
  domain: string;
  filters: string;
  sort?: Sort;
  limit: number;
  token: string;
}

/** The SQL of one page of executions (exported so tests can check its query plan). */
export function executionListSql(q: ExecutionListQuery): { sql: string; params: SqlValue[]; page: Page } {
  const where = filtersToSql(q.filters, EXECUTION_LIST_SPEC);
  const page = pageFromRequest(q.limit, q.token, EXECUTION_LIST_SPEC.listMethod);
  const conditions = ["e.project = ?", "e.domain = ?", ...where.where];
  const sql = `SELECT e.id, e.message FROM executions e WHERE ${conditions.join(" AND ")}
    ORDER BY ${orderBySql(q.sort, EXECUTION_LIST_SPEC)} LIMIT ? OFFSET ?`;
  return { sql, params: [q.project, q.domain, ...where.params, page.limit + 1, page.offset], page };
}

/** One page of executions of a project/domain; throws QueryError on bad filters/sort/token. */
export function listExecutions(db: Db, q: ExecutionListQuery): { executions: Execution[]; token: string } {
  const { sql, params, page } = executionListSql(q);
  const rows = db.prepare(sql).all(...params) as MessageRow[];
  const { items, token } = pageResult(rows, page);
  return { executions: items.map((r) => fromBinary(ExecutionSchema, r.message)), token };
}

/** Row ids of every execution that is not terminal: what the executor loop works on. */
export function activeExecutionIds(db: Db): number[] {
  const placeholders = TERMINAL_EXECUTION_PHASES.map(() => "?").join(", ");
  const rows = stmt(db, `SELECT id FROM executions WHERE phase NOT IN (${placeholders}) ORDER BY id`).all(
    ...TERMINAL_EXECUTION_PHASES,
  ) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Executions launched by node executions of this execution (launch-plan nodes). */
export function childExecutions(db: Db, parent: ExecutionKey): Execution[] {
  const prefix = `${parent.project}/${parent.domain}/${parent.name}/`;
  const rows = stmt(db, "SELECT message FROM executions WHERE parent_node_execution >= ? AND parent_node_execution < ? ORDER BY id").all(
    prefix,
    `${prefix}\uffff`,
  ) as { message: Buffer }[];
  return rows.map((r) => fromBinary(ExecutionSchema, r.message));
}
