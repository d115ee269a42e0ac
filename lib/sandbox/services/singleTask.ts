// Launching a task on its own (spec.launch_plan is a TASK id), as FlyteAdmin does: a one-node
// workflow and a launch plan named after the task are registered on first use, then launched.
import { create } from "@bufbuild/protobuf";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { LaunchPlanCreateRequestSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { WorkflowCreateRequestSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { IdentifierSchema, ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { SandboxContext } from "./context";
import { notFound } from "./errors";
import { findLaunchPlan, findTask, findWorkflow, formatIdentifier } from "./lookups";
import { registerLaunchPlan, registerWorkflow } from "./registration";

/** A node id from the task's name, as FlyteAdmin derives it (short, DNS-safe). */
function nodeIdFor(taskName: string): string {
  const last = taskName.split(".").pop() ?? "task";
  return last.toLowerCase().replace(/[^a-z0-9-]/g, "-").slice(0, 63) || "task";
}

export function singleTaskLaunchPlan(ctx: SandboxContext, taskId: Identifier): LaunchPlan | undefined {
  const task = findTask(ctx.db, taskId);
  const template = task?.closure?.compiledTask?.template;
  if (!template) throw notFound(`task ${formatIdentifier(taskId)} not found`);
  const base = { project: taskId.project, domain: taskId.domain, name: taskId.name, version: taskId.version };
  const lpId = create(IdentifierSchema, { ...base, resourceType: ResourceType.LAUNCH_PLAN });
  const known = findLaunchPlan(ctx.db, lpId);
  if (known) return known;

  const wfId = create(IdentifierSchema, { ...base, resourceType: ResourceType.WORKFLOW });
  if (findWorkflow(ctx.db, wfId)) {
    registerLaunchPlan(ctx, create(LaunchPlanCreateRequestSchema, { id: lpId, spec: { workflowId: wfId } }));
    return findLaunchPlan(ctx.db, lpId);
  }
  const nodeId = nodeIdFor(taskId.name);
  const iface = template.interface;
  registerWorkflow(
    ctx,
    create(WorkflowCreateRequestSchema, {
      id: wfId,
      spec: {
        template: {
          id: wfId,
          interface: iface,
          nodes: [
            {
              id: nodeId,
              metadata: { name: taskId.name },
              inputs: Object.keys(iface?.inputs?.variables ?? {}).map((v) => ({
                var: v,
                binding: { value: { case: "promise" as const, value: { nodeId: "start-node", var: v } } },
              })),
              target: { case: "taskNode", value: { reference: { case: "referenceId", value: create(IdentifierSchema, { ...base, resourceType: ResourceType.TASK }) } } },
            },
          ],
          outputs: Object.keys(iface?.outputs?.variables ?? {}).map((v) => ({
            var: v,
            binding: { value: { case: "promise" as const, value: { nodeId, var: v } } },
          })),
        },
      },
    }),
  );
  registerLaunchPlan(ctx, create(LaunchPlanCreateRequestSchema, { id: lpId, spec: { workflowId: wfId } }));
  return findLaunchPlan(ctx.db, lpId);
}
