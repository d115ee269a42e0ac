// Node executions of a workflow execution. `parent_node_id` is the node id of the node
// execution that contains this one (sub-workflow, dynamic, branch), null at the top level;
// `parent_task_key` the task attempt that spawned it (dynamic tasks).
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { CompiledWorkflowClosureSchema, type CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { CatalogCacheStatus, CatalogCacheStatusSchema } from "@/lib/gen/flyteidl/core/catalog_pb";
import { NodeExecution_Phase, NodeExecution_PhaseSchema } from "@/lib/gen/flyteidl/core/execution_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { durationMsOf, msOf, stmt, type Db } from "./db";
import { parseFilters } from "@/lib/flyte/filters";
import { rowCache } from "./rowCache";
import { duration, filtersToSql, orderBySql, pageFromRequest, pageResult, phase, text, timestamp, type FieldSpec, type ListSpec, type SqlValue } from "./query";

// Filter fields and sort keys name FlyteAdmin's columns: `created_at`/`updated_at` are when the store wrote
// the row, `node_execution_created_at`/`node_execution_updated_at` the closure's (reported) times.
const own: Record<string, FieldSpec> = {
  phase: phase("n.phase", NodeExecution_PhaseSchema),
  node_id: text("n.node_id"),
  created_at: timestamp("n.created_at"),
  node_execution_created_at: timestamp("n.node_execution_created_at"),
  updated_at: timestamp("n.updated_at"),
  node_execution_updated_at: timestamp("n.node_execution_updated_at"),
  started_at: timestamp("n.started_at"),
  duration: duration("n.duration_ms"),
  error_kind: text("n.error_kind"),
  error_code: text("n.error_code"),
  // The parent node execution's unique node id (FlyteAdmin's column holds its row id, which no client knows).
  // A filter on it replaces the default "top-level nodes only" scope, so one call can watch several parents.
  parent_id: text("n.parent_node_id"),
  unique_parent_id: text("n.parent_node_id"),
  cache_status: {
    column: "n.cache_status",
    read: (raw) => (/^\d+$/.test(raw) ? CatalogCacheStatus[Number(raw)] : CatalogCacheStatusSchema.values.find((v) => v.name === raw)?.name),
    expects: `one of ${CatalogCacheStatusSchema.values.map((v) => v.name).join(", ")}`,
  },
};

export const NODE_EXECUTION_LIST_SPEC: ListSpec = {
  resource: "node executions",
  fields: { ...own, ...Object.fromEntries(Object.entries(own).map(([k, v]) => [`node_execution.${k}`, v])) },
  // Every column of FlyteAdmin's node_executions table, as its ListNodeExecutions accepts them. `id` (the
  // row id, unique and never changing) is the key to page by while rows are being updated.
  sortKeys: {
    id: "n.id",
    created_at: "n.created_at",
    updated_at: "n.updated_at",
    deleted_at: null,
    execution_project: "n.execution_id",
    execution_domain: "n.execution_id",
    execution_name: "n.execution_id",
    node_id: "n.node_id",
    phase: "n.phase",
    input_uri: null,
    closure: null,
    started_at: "n.started_at",
    node_execution_created_at: "n.node_execution_created_at",
    node_execution_updated_at: "n.node_execution_updated_at",
    duration: "n.duration_ms",
    node_execution_metadata: null,
    parent_id: "n.parent_node_id",
    parent_task_execution_id: "n.parent_task_key",
    error_kind: "n.error_kind",
    error_code: "n.error_code",
    cache_status: "n.cache_status",
    dynamic_workflow_remote_closure_reference: null,
    internal_data: null,
  },
  defaultSort: { column: "n.created_at", descending: false },
  tieBreaker: "n.id",
  aliasPrefix: "node_execution.",
  listMethod: "ListNodeExecutions",
};

export interface StoredNodeExecution {
  rowId: number;
  parentNodeId: string | null;
  nodeExecution: NodeExecution;
}

interface Row {
  id: number;
  parent_node_id: string | null;
  message: Buffer;
}

const decode = (r: Row): StoredNodeExecution => ({
  rowId: r.id,
  parentNodeId: r.parent_node_id,
  nodeExecution: fromBinary(NodeExecutionSchema, r.message),
});

// `created_at`/`updated_at`: when the store wrote the row, by its own clock (`writtenAt`), as FlyteAdmin's
// database does; the closure's times, reported by the events, go to the node_execution_* columns.
function columns(n: NodeExecution, writtenAt: number) {
  const c = n.closure;
  const error = c?.outputResult.case === "error" ? c.outputResult.value : undefined;
  const cache = c?.targetMetadata.case === "taskNodeMetadata" ? c.targetMetadata.value.cacheStatus : undefined;
  const createdAt = msOf(c?.createdAt) ?? writtenAt;
  return {
    phase: NodeExecution_Phase[c?.phase ?? 0] ?? "UNDEFINED",
    updated_at: writtenAt,
    node_execution_created_at: createdAt,
    node_execution_updated_at: msOf(c?.updatedAt) ?? createdAt,
    started_at: msOf(c?.startedAt),
    duration_ms: durationMsOf(c?.duration),
    error_kind: error ? String(error.kind) : null,
    error_code: error ? error.code : null,
    cache_status: cache === undefined ? null : (CatalogCacheStatus[cache] ?? null),
    message: Buffer.from(toBinary(NodeExecutionSchema, n)),
  };
}

export function insertNodeExecution(
  db: Db,
  executionRowId: number,
  n: NodeExecution,
  parent: { parentNodeId?: string; parentTaskKey?: string },
  writtenAt: number,
): number {
  const cols = {
    ...columns(n, writtenAt),
    created_at: writtenAt,
    execution_id: executionRowId,
    node_id: n.id?.nodeId ?? "",
    parent_node_id: parent.parentNodeId ?? null,
    parent_task_key: parent.parentTaskKey ?? null,
  };
  const result = stmt(db, `INSERT INTO node_executions (${Object.keys(cols).join(", ")}) VALUES (${Object.keys(cols).map((k) => `@${k}`).join(", ")})`).run(cols);
  return Number(result.lastInsertRowid);
}

export function updateNodeExecution(db: Db, rowId: number, n: NodeExecution, writtenAt: number): void {
  const cols = columns(n, writtenAt);
  const set = Object.keys(cols).map((k) => `${k} = @${k}`);
  stmt(db, `UPDATE node_executions SET ${set.join(", ")}, rev = rev + 1 WHERE id = @rowId`).run({ ...cols, rowId });
}

export function getNodeExecution(db: Db, executionRowId: number, nodeId: string): StoredNodeExecution | undefined {
  const row = stmt(db, "SELECT id, parent_node_id, message FROM node_executions WHERE execution_id = ? AND node_id = ?").get(executionRowId, nodeId) as
    | Row
    | undefined;
  return row && decode(row);
}

type RevRow = { id: number; rev: number };

export function allNodeExecutions(db: Db, executionRowId: number): StoredNodeExecution[] {
  const revs = stmt(db, "SELECT id, rev FROM node_executions WHERE execution_id = ? ORDER BY id").all(executionRowId) as RevRow[];
  const cache = rowCache<StoredNodeExecution>(db, "node_executions");
  const one = stmt(db, "SELECT id, parent_node_id, message FROM node_executions WHERE id = ?");
  return revs.map((r) => cache.get(r.id, r.rev, () => decode(one.get(r.id) as Row)));
}

export interface NodeExecutionData {
  inputs?: LiteralMap;
  outputs?: LiteralMap;
  dynamicWorkflow?: CompiledWorkflowClosure;
}

export function setNodeExecutionData(db: Db, rowId: number, data: { inputs?: LiteralMap; outputs?: LiteralMap; dynamicWorkflow?: CompiledWorkflowClosure }): void {
  if (data.inputs) stmt(db, "UPDATE node_executions SET inputs = ?, rev = rev + 1 WHERE id = ?").run(Buffer.from(toBinary(LiteralMapSchema, data.inputs)), rowId);
  if (data.outputs) stmt(db, "UPDATE node_executions SET outputs = ?, rev = rev + 1 WHERE id = ?").run(Buffer.from(toBinary(LiteralMapSchema, data.outputs)), rowId);
  if (data.dynamicWorkflow) {
    stmt(db, "UPDATE node_executions SET dynamic_workflow = ?, rev = rev + 1 WHERE id = ?").run(Buffer.from(toBinary(CompiledWorkflowClosureSchema, data.dynamicWorkflow)), rowId);
  }
}

type DataRow = { node_id: string; inputs: Buffer | null; outputs: Buffer | null; dynamic_workflow: Buffer | null };

function decodeData(row: DataRow | undefined): NodeExecutionData {
  return {
    inputs: row?.inputs ? fromBinary(LiteralMapSchema, row.inputs) : undefined,
    outputs: row?.outputs ? fromBinary(LiteralMapSchema, row.outputs) : undefined,
    dynamicWorkflow: row?.dynamic_workflow ? fromBinary(CompiledWorkflowClosureSchema, row.dynamic_workflow) : undefined,
  };
}

export function getNodeExecutionData(db: Db, rowId: number): NodeExecutionData {
  return decodeData(stmt(db, "SELECT node_id, inputs, outputs, dynamic_workflow FROM node_executions WHERE id = ?").get(rowId) as DataRow | undefined);
}

/** Inputs and outputs of every node execution of an execution, by node id. */
export function allNodeExecutionData(db: Db, executionRowId: number): Map<string, NodeExecutionData> {
  const revs = stmt(db, "SELECT id, rev, node_id FROM node_executions WHERE execution_id = ?").all(executionRowId) as (RevRow & { node_id: string })[];
  const cache = rowCache<NodeExecutionData>(db, "node_execution_data");
  const one = stmt(db, "SELECT node_id, inputs, outputs, NULL AS dynamic_workflow FROM node_executions WHERE id = ?");
  return new Map(revs.map((r) => [r.node_id, cache.get(r.id, r.rev, () => decodeData(one.get(r.id) as DataRow))]));
}

export interface NodeExecutionListQuery {
  executionRowId: number;
  /** Children of this node execution; undefined: top-level node executions only. */
  parentNodeId?: string;
  /** Node executions spawned by this task attempt (ListNodeExecutionsForTask). */
  parentTaskKey?: string;
  filters: string;
  sort?: Sort;
  limit: number;
  token: string;
}

const PARENT_FIELDS = new Set(["parent_id", "unique_parent_id", "node_execution.parent_id", "node_execution.unique_parent_id"]);
/** Whether the filters choose the parent themselves (already validated by filtersToSql). */
const filtersParent = (filters: string) => parseFilters(filters).some((e) => PARENT_FIELDS.has(e.field));

export function listNodeExecutions(db: Db, q: NodeExecutionListQuery): { nodeExecutions: NodeExecution[]; token: string } {
  const where = filtersToSql(q.filters, NODE_EXECUTION_LIST_SPEC);
  const conditions = ["n.execution_id = ?"];
  const params: SqlValue[] = [q.executionRowId];
  if (q.parentTaskKey !== undefined) {
    conditions.push("n.parent_task_key = ?");
    params.push(q.parentTaskKey);
  } else if (q.parentNodeId !== undefined) {
    conditions.push("n.parent_node_id = ?");
    params.push(q.parentNodeId);
  } else if (!filtersParent(q.filters)) {
    conditions.push("n.parent_node_id IS NULL");
  }
  const page = pageFromRequest(q.limit, q.token, NODE_EXECUTION_LIST_SPEC.listMethod);
  const sql = `SELECT n.id, n.parent_node_id, n.message FROM node_executions n WHERE ${[...conditions, ...where.where].join(" AND ")}
    ORDER BY ${orderBySql(q.sort, NODE_EXECUTION_LIST_SPEC)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(...params, ...where.params, page.limit + 1, page.offset) as Row[];
  const result = pageResult(rows, page);
  return { nodeExecutions: result.items.map((r) => decode(r).nodeExecution), token: result.token };
}
