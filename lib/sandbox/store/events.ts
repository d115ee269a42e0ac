// The event log: every accepted Create*Event, in order. GetExecutionMetrics builds spans from it.
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { stmt, type Db } from "./db";

export type EventKind = "workflow" | "node" | "task";

export interface StoredEvent {
  kind: EventKind;
  nodeId: string;
  retryAttempt: number;
  phase: string;
  occurredAt: number;
  message: Buffer;
}

export function appendEvent<D extends DescMessage>(
  db: Db,
  executionRowId: number,
  e: { kind: EventKind; nodeId?: string; retryAttempt?: number; phase: string; occurredAt: number },
  schema: D,
  message: MessageShape<D>,
): void {
  stmt(db, "INSERT INTO events (execution_id, kind, node_id, retry_attempt, phase, occurred_at, message) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    executionRowId,
    e.kind,
    e.nodeId ?? "",
    e.retryAttempt ?? 0,
    e.phase,
    e.occurredAt,
    Buffer.from(toBinary(schema, message)),
  );
}

export function eventsOf(db: Db, executionRowId: number): StoredEvent[] {
  const rows = stmt(
    db,
    "SELECT kind, node_id, retry_attempt, phase, occurred_at, message FROM events WHERE execution_id = ? ORDER BY id",
  ).all(executionRowId) as { kind: EventKind; node_id: string; retry_attempt: number; phase: string; occurred_at: number; message: Buffer }[];
  return rows.map((r) => ({ kind: r.kind, nodeId: r.node_id, retryAttempt: r.retry_attempt, phase: r.phase, occurredAt: r.occurred_at, message: r.message }));
}

