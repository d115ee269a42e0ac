// Task executions: one row per attempt of a task node (node id, task version, retry attempt).
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { TaskExecutionSchema, type TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { TaskExecution_Phase, TaskExecution_PhaseSchema } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Identifier, TaskExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { durationMsOf, msOf, stmt, type Db } from "./db";
import { rowCache } from "./rowCache";
import { duration, filtersToSql, integer, orderBySql, pageFromRequest, pageResult, phase, text, timestamp, type FieldSpec, type ListSpec } from "./query";

// `created_at`/`updated_at`: when the store wrote the row; `task_execution_*`: the closure's reported times.
const own: Record<string, FieldSpec> = {
  phase: phase("t.phase", TaskExecution_PhaseSchema),
  retry_attempt: integer("t.retry_attempt"),
  created_at: timestamp("t.created_at"),
  task_execution_created_at: timestamp("t.task_execution_created_at"),
  updated_at: timestamp("t.updated_at"),
  task_execution_updated_at: timestamp("t.task_execution_updated_at"),
  started_at: timestamp("t.started_at"),
  duration: duration("t.duration_ms"),
};

export const TASK_EXECUTION_LIST_SPEC: ListSpec = {
  resource: "task executions",
  fields: {
    ...own,
    ...Object.fromEntries(Object.entries(own).map(([k, v]) => [`task_execution.${k}`, v])),
    "task.project": text("t.task_project"),
    "task.domain": text("t.task_domain"),
    "task.name": text("t.task_name"),
    "task.version": text("t.task_version"),
  },
  // Every column of FlyteAdmin's task_executions table, as its ListTaskExecutions accepts them.
  sortKeys: {
    id: "t.id",
    created_at: "t.created_at",
    updated_at: "t.updated_at",
    deleted_at: null,
    project: "t.task_project",
    domain: "t.task_domain",
    name: "t.task_name",
    version: "t.task_version",
    execution_project: "t.execution_id",
    execution_domain: "t.execution_id",
    execution_name: "t.execution_id",
    node_id: "t.node_id",
    retry_attempt: "t.retry_attempt",
    phase: "t.phase",
    phase_version: "t.phase_version",
    input_uri: null,
    closure: null,
    started_at: "t.started_at",
    task_execution_created_at: "t.task_execution_created_at",
    task_execution_updated_at: "t.task_execution_updated_at",
    duration: "t.duration_ms",
  },
  defaultSort: { column: "t.retry_attempt", descending: false },
  tieBreaker: "t.id",
  aliasPrefix: "task_execution.",
  listMethod: "ListTaskExecutions",
};

/** The string a child node execution records for the task attempt that spawned it. */
export function taskAttemptKey(nodeId: string, taskId: Identifier | undefined, retryAttempt: number): string {
  return [nodeId, taskId?.project ?? "", taskId?.domain ?? "", taskId?.name ?? "", taskId?.version ?? "", retryAttempt].join("/");
}

export function taskAttemptKeyOf(id: TaskExecutionIdentifier): string {
  return taskAttemptKey(id.nodeExecutionId?.nodeId ?? "", id.taskId, id.retryAttempt);
}

// `created_at`/`updated_at`: when the store wrote the row, by its own clock (see nodeExecutions.ts).
function columns(t: TaskExecution, writtenAt: number) {
  const c = t.closure;
  const createdAt = msOf(c?.createdAt) ?? writtenAt;
  return {
    phase: TaskExecution_Phase[c?.phase ?? 0] ?? "UNDEFINED",
    updated_at: writtenAt,
    task_execution_created_at: createdAt,
    task_execution_updated_at: msOf(c?.updatedAt) ?? createdAt,
    started_at: msOf(c?.startedAt),
    duration_ms: durationMsOf(c?.duration),
    message: Buffer.from(toBinary(TaskExecutionSchema, t)),
  };
}

export interface StoredTaskExecution {
  rowId: number;
  phaseVersion: number;
  taskExecution: TaskExecution;
}

type Row = { id: number; phase_version: number; message: Buffer };
const decode = (r: Row): StoredTaskExecution => ({ rowId: r.id, phaseVersion: r.phase_version, taskExecution: fromBinary(TaskExecutionSchema, r.message) });

export function insertTaskExecution(db: Db, executionRowId: number, t: TaskExecution, phaseVersion: number, writtenAt: number): number {
  const id = t.id!;
  const cols = {
    ...columns(t, writtenAt),
    created_at: writtenAt,
    execution_id: executionRowId,
    node_id: id.nodeExecutionId?.nodeId ?? "",
    task_project: id.taskId?.project ?? "",
    task_domain: id.taskId?.domain ?? "",
    task_name: id.taskId?.name ?? "",
    task_version: id.taskId?.version ?? "",
    retry_attempt: id.retryAttempt,
    phase_version: phaseVersion,
  };
  const r = stmt(db, `INSERT INTO task_executions (${Object.keys(cols).join(", ")}) VALUES (${Object.keys(cols).map((k) => `@${k}`).join(", ")})`).run(cols);
  return Number(r.lastInsertRowid);
}

export function updateTaskExecution(db: Db, rowId: number, t: TaskExecution, phaseVersion: number, writtenAt: number): void {
  const cols = { ...columns(t, writtenAt), phase_version: phaseVersion };
  const set = Object.keys(cols).map((k) => `${k} = @${k}`);
  stmt(db, `UPDATE task_executions SET ${set.join(", ")}, rev = rev + 1 WHERE id = @rowId`).run({ ...cols, rowId });
}

export function getTaskExecution(db: Db, executionRowId: number, id: TaskExecutionIdentifier): StoredTaskExecution | undefined {
  const row = stmt(
    db,
    `SELECT id, phase_version, message FROM task_executions WHERE execution_id = ? AND node_id = ? AND task_project = ? AND task_domain = ?
       AND task_name = ? AND task_version = ? AND retry_attempt = ?`,
  ).get(
    executionRowId,
    id.nodeExecutionId?.nodeId ?? "",
    id.taskId?.project ?? "",
    id.taskId?.domain ?? "",
    id.taskId?.name ?? "",
    id.taskId?.version ?? "",
    id.retryAttempt,
  ) as Row | undefined;
  return row && decode(row);
}

export function allTaskExecutions(db: Db, executionRowId: number): TaskExecution[] {
  const revs = stmt(db, "SELECT id, rev FROM task_executions WHERE execution_id = ? ORDER BY id").all(executionRowId) as { id: number; rev: number }[];
  const cache = rowCache<TaskExecution>(db, "task_executions");
  const one = stmt(db, "SELECT id, phase_version, message FROM task_executions WHERE id = ?");
  return revs.map((r) => cache.get(r.id, r.rev, () => decode(one.get(r.id) as Row).taskExecution));
}

export function setTaskExecutionData(db: Db, rowId: number, data: { inputs?: LiteralMap; outputs?: LiteralMap }): void {
  if (data.inputs) stmt(db, "UPDATE task_executions SET inputs = ? WHERE id = ?").run(Buffer.from(toBinary(LiteralMapSchema, data.inputs)), rowId);
  if (data.outputs) stmt(db, "UPDATE task_executions SET outputs = ? WHERE id = ?").run(Buffer.from(toBinary(LiteralMapSchema, data.outputs)), rowId);
}

export function getTaskExecutionData(db: Db, rowId: number): { inputs?: LiteralMap; outputs?: LiteralMap } {
  const row = stmt(db, "SELECT inputs, outputs FROM task_executions WHERE id = ?").get(rowId) as { inputs: Buffer | null; outputs: Buffer | null } | undefined;
  return {
    inputs: row?.inputs ? fromBinary(LiteralMapSchema, row.inputs) : undefined,
    outputs: row?.outputs ? fromBinary(LiteralMapSchema, row.outputs) : undefined,
  };
}

export function listTaskExecutions(
  db: Db,
  q: { executionRowId: number; nodeId: string; filters: string; sort?: Sort; limit: number; token: string },
): { taskExecutions: TaskExecution[]; token: string } {
  const where = filtersToSql(q.filters, TASK_EXECUTION_LIST_SPEC);
  const page = pageFromRequest(q.limit, q.token, TASK_EXECUTION_LIST_SPEC.listMethod);
  const sql = `SELECT t.id, t.phase_version, t.message FROM task_executions t
    WHERE ${["t.execution_id = ?", "t.node_id = ?", ...where.where].join(" AND ")}
    ORDER BY ${orderBySql(q.sort, TASK_EXECUTION_LIST_SPEC)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(q.executionRowId, q.nodeId, ...where.params, page.limit + 1, page.offset) as Row[];
  const result = pageResult(rows, page);
  return { taskExecutions: result.items.map((r) => decode(r).taskExecution), token: result.token };
}
