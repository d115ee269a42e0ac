// Reads of registered entities by id, shared by the services, the executor loop and the seed.
import { fromBinary } from "@bufbuild/protobuf";
import { LaunchPlanSchema, type LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskSchema, type Task } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getEntityRow } from "../store/entities";
import type { Db } from "../store/db";

export function formatIdentifier(id: Partial<Pick<Identifier, "project" | "domain" | "name" | "version">> | undefined): string {
  return `${id?.project ?? ""}/${id?.domain ?? ""}/${id?.name ?? ""}/${id?.version ?? ""}`;
}

export function findTask(db: Db, id: Identifier): Task | undefined {
  const row = getEntityRow(db, "tasks", id);
  return row && fromBinary(TaskSchema, row.message);
}

export function findWorkflow(db: Db, id: Identifier): Workflow | undefined {
  const row = getEntityRow(db, "workflows", id);
  return row && fromBinary(WorkflowSchema, row.message);
}

export function findLaunchPlan(db: Db, id: Identifier): LaunchPlan | undefined {
  const row = getEntityRow(db, "launch_plans", id);
  return row && fromBinary(LaunchPlanSchema, row.message);
}
