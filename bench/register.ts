// Registers and launches synthetic workflows of a given size in the sandbox, the way a
// registration client would: CreateTask, CreateWorkflow, CreateLaunchPlan, CreateExecution.
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import type { Client } from "@connectrpc/connect";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { WorkflowTemplateSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import { IdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { TaskTemplateSchema } from "@/lib/gen/flyteidl/core/tasks_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { syntheticClosure } from "@/lib/flyte/graph/synthetic";
import { workflowPhase } from "@/lib/flyte/phases";

type Admin = Client<typeof AdminService>;
export const BENCH_PROJECT = "flytesnacks";
export const BENCH_DOMAIN = "development";

export async function registerSynthetic(admin: Admin, nodes: number, version: string, width = 50) {
  const name = `bench.synthetic_${nodes}`;
  const taskId = { resourceType: ResourceType.TASK, project: BENCH_PROJECT, domain: BENCH_DOMAIN, name: "bench.synthetic_task", version };
  const wfId = { resourceType: ResourceType.WORKFLOW, project: BENCH_PROJECT, domain: BENCH_DOMAIN, name, version };
  const lpId = { resourceType: ResourceType.LAUNCH_PLAN, project: BENCH_PROJECT, domain: BENCH_DOMAIN, name, version };
  const closure = syntheticClosure(nodes, { width });
  const template = create(WorkflowTemplateSchema, closure.primary!.template!);
  template.id = create(IdentifierSchema, wfId);
  // A spec, as flytekit registers it: the compiler adds start-node and end-node itself.
  const reserved = new Set(["start-node", "end-node"]);
  template.nodes = template.nodes.filter((node) => !reserved.has(node.id));
  for (const node of template.nodes) {
    // The closure keeps dependencies in its connections; a spec states them on each node.
    const upstream = closure.primary!.connections?.upstream[node.id]?.ids ?? node.upstreamNodeIds;
    node.upstreamNodeIds = upstream.filter((id) => !reserved.has(id));
    if (node.target.case === "taskNode" && node.target.value.reference.case === "referenceId") {
      node.target.value.reference.value = create(IdentifierSchema, taskId);
    }
  }
  const taskTemplate: MessageInitShape<typeof TaskTemplateSchema> = {
    id: taskId,
    type: "python-task",
    metadata: { runtime: { type: 1, version: "1.16.0", flavor: "python" }, retries: {} },
    interface: { inputs: { variables: {} }, outputs: { variables: {} } },
    target: { case: "container", value: { image: "ghcr.io/flyteorg/flytekit:py3.11-1.16.0", args: ["pyflyte-execute"] } },
  };
  await admin.createTask({ id: taskId, spec: { template: taskTemplate } }).catch(ignoreExists);
  await admin.createWorkflow({ id: wfId, spec: { template } }).catch(ignoreExists);
  await admin
    .createLaunchPlan({ id: lpId, spec: { workflowId: wfId, defaultInputs: { parameters: {} }, fixedInputs: { literals: {} } } })
    .catch(ignoreExists);
  return lpId;
}

function ignoreExists(err: unknown) {
  if (err instanceof Error && /already exists/i.test(err.message)) return;
  throw err;
}

export async function launch(admin: Admin, launchPlan: { project: string; domain: string; name: string; version: string }, name: string) {
  await admin.createExecution({
    project: BENCH_PROJECT,
    domain: BENCH_DOMAIN,
    name,
    spec: { launchPlan: { resourceType: ResourceType.LAUNCH_PLAN, ...launchPlan }, metadata: { mode: 0, principal: "bench" } },
    inputs: { literals: {} },
  });
  return { project: BENCH_PROJECT, domain: BENCH_DOMAIN, name };
}

export async function waitForPhase(
  admin: Admin,
  id: { project: string; domain: string; name: string },
  done: (phase: WorkflowExecution_Phase) => boolean = (p) => workflowPhase(p).isTerminal,
  timeoutMs = 300_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const e = await admin.getExecution({ id });
    const phase = e.closure?.phase ?? 0;
    if (done(phase)) return phase;
    if (Date.now() > deadline) throw new Error(`${id.name} still ${workflowPhase(phase).name} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
