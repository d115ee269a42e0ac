// Signals of gate nodes: created by GetOrCreateSignal, given a value by SetSignal.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { SignalSchema, type Signal } from "@/lib/gen/flyteidl/admin/signal_pb";
import type { Sort } from "@/lib/gen/flyteidl/admin/common_pb";
import { stmt, type Db } from "./db";
import { filtersToSql, orderBySql, pageFromRequest, pageResult, text, timestamp, type ListSpec } from "./query";

export const SIGNAL_LIST_SPEC: ListSpec = {
  resource: "signals",
  fields: {
    signal_id: text("s.signal_id"),
    created_at: timestamp("s.created_at"),
    updated_at: timestamp("s.updated_at"),
    "signal.signal_id": text("s.signal_id"),
  },
  sortKeys: { signal_id: "s.signal_id", created_at: "s.created_at", updated_at: "s.updated_at" },
  defaultSort: { column: "s.created_at", descending: false },
  tieBreaker: "s.id",
};

export interface StoredSignal {
  rowId: number;
  signal: Signal;
}

export function getSignal(db: Db, executionRowId: number, signalId: string): StoredSignal | undefined {
  const row = stmt(db, "SELECT id, message FROM signals WHERE execution_id = ? AND signal_id = ?").get(executionRowId, signalId) as
    | { id: number; message: Buffer }
    | undefined;
  return row && { rowId: row.id, signal: fromBinary(SignalSchema, row.message) };
}

export function insertSignal(db: Db, executionRowId: number, signal: Signal, nowMs: number): void {
  stmt(db, "INSERT INTO signals (execution_id, signal_id, created_at, updated_at, message) VALUES (?, ?, ?, ?, ?)").run(
    executionRowId,
    signal.id?.signalId ?? "",
    nowMs,
    nowMs,
    Buffer.from(toBinary(SignalSchema, signal)),
  );
}

export function updateSignal(db: Db, rowId: number, signal: Signal, nowMs: number): void {
  stmt(db, "UPDATE signals SET message = ?, updated_at = ? WHERE id = ?").run(Buffer.from(toBinary(SignalSchema, signal)), nowMs, rowId);
}

export function allSignals(db: Db, executionRowId: number): Signal[] {
  const rows = stmt(db, "SELECT message FROM signals WHERE execution_id = ? ORDER BY id").all(executionRowId) as { message: Buffer }[];
  return rows.map((r) => fromBinary(SignalSchema, r.message));
}

export function listSignals(
  db: Db,
  q: { executionRowId: number; filters: string; sort?: Sort; limit: number; token: string },
): { signals: Signal[]; token: string } {
  const where = filtersToSql(q.filters, SIGNAL_LIST_SPEC);
  const page = pageFromRequest(q.limit, q.token);
  const sql = `SELECT s.message FROM signals s WHERE ${["s.execution_id = ?", ...where.where].join(" AND ")}
    ORDER BY ${orderBySql(q.sort, SIGNAL_LIST_SPEC)} LIMIT ? OFFSET ?`;
  const rows = db.prepare(sql).all(q.executionRowId, ...where.params, page.limit + 1, page.offset) as { message: Buffer }[];
  const result = pageResult(rows, page);
  return { signals: result.items.map((r) => fromBinary(SignalSchema, r.message)), token: result.token };
}
