// Registers small workflows in the sandbox through FlyteAdmin's REST API (/api/v1, proto3 JSON) and launches
// them, the way flytekit's registration and FlyteRemote would. `custom.sandbox` tells the sandbox's simulated
// executor how each task behaves (lib/sandbox/executor/behaviour.ts).
import { expect, type APIRequestContext } from "@playwright/test";
import { DOMAIN, PROJECT, SANDBOX_HTTP } from "./helpers";

type Json = Record<string, unknown>;

export interface TaskDef {
  name: string;
  inputs?: Record<string, "STRING" | "INTEGER">;
  outputs?: Record<string, "STRING" | "INTEGER">;
  retries?: number;
  sandbox?: Json;
}

export interface WorkflowDef {
  name: string;
  inputs?: Record<string, "STRING" | "INTEGER">;
  /**
   * Nodes in order; each runs a task, or a sub-workflow (`workflow`, with no inputs or outputs of its own), and
   * takes `input` (another node's output, or the workflow's input from start-node) as its input `text`.
   */
  nodes: { id: string; name?: string; task?: string; workflow?: WorkflowDef; after?: string[]; input?: { node: string; var: string } }[];
}

const id = (resourceType: string, name: string, version: string) => ({ resourceType, project: PROJECT, domain: DOMAIN, name, version });
const variables = (vars: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(vars).map(([k, simple]) => [k, { type: { simple } }]));

async function post(request: APIRequestContext, path: string, body: Json) {
  const res = await request.post(`${SANDBOX_HTTP}/api/v1/${path}`, { data: body });
  const text = await res.text();
  // Registering an identical version again is FlyteAdmin's AlreadyExists (409), which is fine here.
  if (res.status() === 409 && text.includes("identical structure already exists")) return;
  expect(res.ok(), `${path}: ${res.status()} ${text}`).toBeTruthy();
}

/** Registers the tasks, the workflow and a launch plan of the same name; returns the launch plan id. */
export async function registerWorkflow(request: APIRequestContext, version: string, tasks: TaskDef[], wf: WorkflowDef) {
  for (const t of tasks) {
    const taskId = id("TASK", t.name, version);
    await post(request, "tasks", {
      id: taskId,
      spec: {
        template: {
          id: taskId,
          type: "python-task",
          metadata: { runtime: { type: "FLYTE_SDK", version: "1.13.5", flavor: "python" }, retries: { retries: t.retries ?? 0 } },
          interface: { inputs: { variables: variables(t.inputs) }, outputs: { variables: variables(t.outputs) } },
          container: { image: "cr.flyte.org/flyteorg/flytekit:py3.11-1.13.5", args: ["pyflyte-execute", "--task-module", "e2e"] },
          ...(t.sandbox ? { custom: { sandbox: t.sandbox } } : {}),
        },
      },
    });
  }
  const subWorkflows: Json[] = [];
  const template = (def: WorkflowDef): Json => {
    const wfId = id("WORKFLOW", def.name, version);
    return {
      id: wfId,
      interface: { inputs: { variables: variables(def.inputs) }, outputs: { variables: {} } },
      nodes: def.nodes.map((n) => {
        if (n.workflow) subWorkflows.push(template(n.workflow));
        return {
          id: n.id,
          metadata: { name: n.name ?? n.task ?? n.workflow?.name },
          ...(n.input ? { inputs: [{ var: "text", binding: { promise: { nodeId: n.input.node, var: n.input.var } } }] } : {}),
          ...(n.after ? { upstreamNodeIds: n.after } : {}),
          ...(n.workflow ? { workflowNode: { subWorkflowRef: id("WORKFLOW", n.workflow.name, version) } } : { taskNode: { referenceId: id("TASK", n.task!, version) } }),
        };
      }),
      outputs: [],
    };
  };
  const wfId = id("WORKFLOW", wf.name, version);
  const top = template(wf);
  await post(request, "workflows", { id: wfId, spec: { template: top, subWorkflows } });
  const lpId = id("LAUNCH_PLAN", wf.name, version);
  await post(request, "launch_plans", {
    id: lpId,
    spec: { workflowId: wfId, defaultInputs: { parameters: {} }, fixedInputs: { literals: {} } },
  });
  return lpId;
}

/** Starts an execution of a launch plan with string inputs; returns its name. */
export async function launch(request: APIRequestContext, launchPlan: Json, name: string, inputs: Record<string, string> = {}) {
  await post(request, "executions", {
    project: PROJECT,
    domain: DOMAIN,
    name,
    spec: { launchPlan, metadata: { mode: "MANUAL", principal: "e2e" } },
    inputs: { literals: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { scalar: { primitive: { stringValue: v } } }])) },
  });
  return name;
}

/** A fresh name per run: the sandbox keeps executions across tests. */
export const uniqueName = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.slice(0, 20);

/**
 * Registers a chain of `nodes` tasks (n0 → n1 → …), each running `durationMs` in the sandbox, and launches it;
 * returns the execution's name. `tag` keeps one spec's tasks and workflow apart from another's.
 */
export async function launchChain(
  request: APIRequestContext,
  tag: string,
  nodes: string[],
  sandbox: { durationMs: number; queueMs?: number },
  options: { nodeName?: (i: number) => string } = {},
) {
  const task = `e2e.${tag}.step`;
  const lp = await registerWorkflow(
    request,
    uniqueName("v"),
    [{ name: task, inputs: { text: "STRING" }, outputs: { o0: "STRING" }, sandbox: { queueMs: 200, ...sandbox } }],
    {
      name: `e2e.${tag}.chain`,
      inputs: { text: "STRING" },
      nodes: nodes.map((id, i) => ({
        id,
        ...(options.nodeName ? { name: options.nodeName(i) } : {}),
        task,
        input: i === 0 ? { node: "start-node", var: "text" } : { node: nodes[i - 1], var: "o0" },
        ...(i > 0 ? { after: [nodes[i - 1]] } : {}),
      })),
    },
  );
  return launch(request, lp, uniqueName(`e2e${tag}`), { text: "hello" });
}
