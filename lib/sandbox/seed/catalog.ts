// The sandbox's seed data for one project/domain: registration requests for tasks, workflows and
// launch plans that exercise every node kind, phase and literal type, and the executions to start on
// first boot. Definitions live by theme under ./catalog/.
import type { TaskCreateRequest } from "@/lib/gen/flyteidl/admin/task_pb";
import type { WorkflowCreateRequest } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { LaunchPlanCreateRequest } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import type { ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import { basics } from "./catalog/basics";
import { CatalogBuilder, type RegistrationStep } from "./catalog/builder";
import { controlFlow } from "./catalog/control-flow";
import { failures } from "./catalog/failures";
import { gates } from "./catalog/gates";
import { scale } from "./catalog/scale";
import { triage } from "./catalog/triage";
import { typeSystem } from "./catalog/type-system";

export type { RegistrationStep } from "./catalog/builder";

/** Version of every seeded entity; bump it when a definition changes so re-seeding registers anew. */
export const SEED_VERSION = "v1";

export interface SeedCatalog {
  tasks: TaskCreateRequest[];
  workflows: WorkflowCreateRequest[];
  launchPlans: LaunchPlanCreateRequest[];
  /** Executions to create on first boot (fixed names: creating them twice gives AlreadyExists). */
  launches: ExecutionCreateRequest[];
  /**
   * The same tasks, workflows and launch plans in an order that registers each entity after what it
   * references: a workflow with a launch-plan node compiles only once that launch plan exists.
   */
  steps: RegistrationStep[];
}

export function seedCatalog(project: string, domain: string): SeedCatalog {
  const c = new CatalogBuilder(project, domain, SEED_VERSION);
  basics(c);
  typeSystem(c);
  controlFlow(c);
  gates(c);
  failures(c);
  triage(c);
  scale(c);
  const catalog: SeedCatalog = { tasks: [], workflows: [], launchPlans: [], launches: c.launches, steps: c.steps };
  for (const step of c.steps) {
    if (step.kind === "task") catalog.tasks.push(step.request);
    else if (step.kind === "workflow") catalog.workflows.push(step.request);
    else catalog.launchPlans.push(step.request);
  }
  return catalog;
}
