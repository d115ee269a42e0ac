// The task cache: outputs of successful cacheable attempts, keyed by task, cache version and inputs.
import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { TaskExecutionIdentifierSchema, type TaskExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { stmt, type Db } from "./db";

export function putCacheEntry(
  db: Db,
  key: { taskKey: string; cacheVersion: string; inputsDigest: string },
  source: TaskExecutionIdentifier,
  outputs: LiteralMap,
  nowMs: number,
): void {
  stmt(
    db,
    `INSERT OR REPLACE INTO cache_entries (task_key, cache_version, inputs_digest, source, outputs, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(key.taskKey, key.cacheVersion, key.inputsDigest, Buffer.from(toBinary(TaskExecutionIdentifierSchema, source)), Buffer.from(toBinary(LiteralMapSchema, outputs)), nowMs);
}

export function getCacheEntry(
  db: Db,
  key: { taskKey: string; cacheVersion: string; inputsDigest: string },
): { source: TaskExecutionIdentifier; outputs: LiteralMap } | undefined {
  const row = stmt(db, "SELECT source, outputs FROM cache_entries WHERE task_key = ? AND cache_version = ? AND inputs_digest = ?").get(
    key.taskKey,
    key.cacheVersion,
    key.inputsDigest,
  ) as { source: Buffer; outputs: Buffer } | undefined;
  return row && { source: fromBinary(TaskExecutionIdentifierSchema, row.source), outputs: fromBinary(LiteralMapSchema, row.outputs) };
}
