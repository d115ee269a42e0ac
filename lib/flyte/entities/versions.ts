// An entity's versions as rows: version, when it was registered, and (launch plans) whether it is
// the active one. Pure.
import { LaunchPlanState, type LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { Task } from "@/lib/gen/flyteidl/admin/task_pb";
import type { Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { timestampMs } from "../time";

export interface VersionRow {
  version: string;
  createdMs?: number;
  /** Launch plans only. */
  active?: boolean;
}

export type AnyEntity =
  | { kind: "workflow"; value: Workflow }
  | { kind: "task"; value: Task }
  | { kind: "launch_plan"; value: LaunchPlan };

export function versionRow(entity: AnyEntity): VersionRow {
  const { kind, value } = entity;
  const row: VersionRow = { version: value.id?.version ?? "", createdMs: timestampMs(value.closure?.createdAt) };
  if (kind === "launch_plan") row.active = value.closure?.state === LaunchPlanState.ACTIVE;
  return row;
}

/**
 * Rows newest first, whatever order the pages came in (FlyteAdmin sorts by created_at; equal
 * times keep their order), without repeats when a page boundary shifted.
 */
export function versionRows(entities: readonly AnyEntity[]): VersionRow[] {
  const seen = new Set<string>();
  const rows: VersionRow[] = [];
  for (const e of entities) {
    const r = versionRow(e);
    if (seen.has(r.version)) continue;
    seen.add(r.version);
    rows.push(r);
  }
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.createdMs ?? 0) - (a.r.createdMs ?? 0) || a.i - b.i)
    .map(({ r }) => r);
}
