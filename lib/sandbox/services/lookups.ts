// Reads of registered entities by id, shared by the services, the executor loop and the seed.
import { fromBinary } from "@bufbuild/protobuf";
import { LaunchPlanSchema, type LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskSchema, type Task } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getEntityRow } from "../store/entities";
import type { Db } from "../store/db";
import { rowCache } from "../store/rowCache";

export function formatIdentifier(id: Partial<Pick<Identifier, "project" | "domain" | "name" | "version">> | undefined): string {
  return `${id?.project ?? ""}/${id?.domain ?? ""}/${id?.name ?? ""}/${id?.version ?? ""}`;
}

export function findTask(db: Db, id: Identifier): Task | undefined {
  const row = getEntityRow(db, "tasks", id);
  return row && fromBinary(TaskSchema, row.message);
}

/**
 * A registered workflow, decoded once per row: a version never changes after registration, and the
 * executor reads the closure of every running execution on every round. Treat the result as read-only.
 */
export function findWorkflow(db: Db, id: Identifier): Workflow | undefined {
  const row = getEntityRow(db, "workflows", id);
  return row && rowCache<Workflow>(db, "workflows").get(row.id, 0, () => fromBinary(WorkflowSchema, row.message));
}

export function findLaunchPlan(db: Db, id: Identifier): LaunchPlan | undefined {
  const row = getEntityRow(db, "launch_plans", id);
  return row && fromBinary(LaunchPlanSchema, row.message);
}
