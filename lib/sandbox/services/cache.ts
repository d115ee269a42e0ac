// The task cache as the executor sees it: a successful attempt of a cacheable task records its
// outputs under (task name, cache version, inputs); a later run with the same key is a CACHE_HIT.
import { createHash } from "node:crypto";
import { toJson, type JsonValue } from "@bufbuild/protobuf";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskNodeMetadata } from "@/lib/gen/flyteidl/event/event_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { getCacheEntry, putCacheEntry } from "../store/cache";
import type { Db } from "../store/db";
import { getNodeExecutionData } from "../store/nodeExecutions";
import { allTaskExecutions } from "../store/taskExecutions";
import type { CacheEntry } from "../executor/types";
import type { SandboxContext } from "./context";
import { findTask } from "./lookups";

function stable(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, JsonValue>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A digest of a literal map that does not depend on the order its entries were built in. */
export function literalMapDigest(m: LiteralMap): string {
  return createHash("sha256").update(stable(toJson(LiteralMapSchema, m))).digest("hex");
}

const taskKeyOf = (task: Identifier) => `${task.project}/${task.domain}/${task.name}`;

export function cacheLookup(db: Db, task: Identifier, cacheVersion: string, inputs: LiteralMap): CacheEntry | undefined {
  return getCacheEntry(db, { taskKey: taskKeyOf(task), cacheVersion, inputsDigest: literalMapDigest(inputs) });
}

/** Records a CACHE_POPULATED node's outputs, keyed by its last successful attempt's task. */
export function populateCache(ctx: SandboxContext, executionRowId: number, nodeRowId: number, node: NodeExecution, meta: TaskNodeMetadata): void {
  if (meta.cacheStatus !== CatalogCacheStatus.CACHE_POPULATED) return;
  const nodeId = node.id?.nodeId ?? "";
  const attempt = allTaskExecutions(ctx.db, executionRowId)
    .filter((t) => t.id?.nodeExecutionId?.nodeId === nodeId && t.closure?.phase === TaskExecution_Phase.SUCCEEDED)
    .pop();
  if (!attempt?.id?.taskId) return;
  const data = getNodeExecutionData(ctx.db, nodeRowId);
  if (!data.inputs || !data.outputs) return;
  const template = findTask(ctx.db, attempt.id.taskId)?.closure?.compiledTask?.template;
  const cacheVersion = template?.metadata?.discoveryVersion ?? "";
  putCacheEntry(
    ctx.db,
    { taskKey: taskKeyOf(attempt.id.taskId), cacheVersion, inputsDigest: literalMapDigest(data.inputs) },
    attempt.id,
    data.outputs,
    ctx.now(),
  );
}
