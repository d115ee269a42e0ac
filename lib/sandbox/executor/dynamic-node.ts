// Dynamic task nodes: once the task's attempt succeeds, the node goes DYNAMIC_RUNNING with the
// workflow the task "yielded" (a generated CompiledWorkflowClosure: N copies of a task of the closure),
// whose nodes then run like a sub-workflow's under the node. The closure is rebuilt the same every
// round, so nothing but the recorded events is needed to carry on.
import { create } from "@bufbuild/protobuf";
import {
  CompiledWorkflowClosureSchema,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { BindingSchema, type Binding } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { END_NODE_ID, START_NODE_ID, indexClosure } from "@/lib/flyte/closure";
import type { TaskBehaviour } from "./behaviour";
import type { NodeCtx, Scope } from "./context";
import { emitNodeEvent } from "./events";
import { generateLiteral } from "./literal-gen";
import { literalToBindingData } from "./literals";
import { nodeInputs } from "./node-common";
import { abortScope, stepScope, scopeOutputs } from "./scope";

function chooseTask(n: NodeCtx, template: TaskTemplate, wanted: string | undefined): TaskTemplate {
  const tasks = [...n.scope.closure.tasks.values()];
  if (wanted) {
    const named = tasks.find((t) => t.id?.name === wanted);
    if (named) return named;
  }
  return tasks.find((t) => t.id?.name !== template.id?.name && !t.custom?.sandbox) ?? template;
}

const promise = (v: string, nodeId: string, outputVar: string): Binding =>
  create(BindingSchema, { var: v, binding: { value: { case: "promise", value: { nodeId, var: outputVar } } } });

/** The workflow a dynamic task yields: `copies` nodes of one task fanned out between start and end. */
export function dynamicClosure(n: NodeCtx, template: TaskTemplate, b: TaskBehaviour): CompiledWorkflowClosure {
  const copies = b.dynamic?.copies ?? 3;
  const task = chooseTask(n, template, b.dynamic?.task);
  const seed = `${n.r.execId.name}/${n.id}/dynamic`;
  const parentInputs = template.interface?.inputs?.variables ?? {};
  const nodeIds = Array.from({ length: copies }, (_, i) => `dn${i}`);
  const nodes = nodeIds.map((id) => ({
    id,
    metadata: { name: task.id?.name ?? id, retries: task.metadata?.retries },
    inputs: Object.entries(task.interface?.inputs?.variables ?? {}).map(([v, variable]) =>
      v in parentInputs
        ? promise(v, START_NODE_ID, v)
        : create(BindingSchema, { var: v, binding: literalToBindingData(generateLiteral(variable.type, `${seed}/${id}/${v}`)) }),
    ),
    upstreamNodeIds: [START_NODE_ID],
    target: { case: "taskNode" as const, value: { reference: { case: "referenceId" as const, value: task.id! } } },
  }));
  const taskOutputs = task.interface?.outputs?.variables ?? {};
  const last = nodeIds[nodeIds.length - 1];
  const outputs = Object.entries(template.interface?.outputs?.variables ?? {}).map(([v, variable]) =>
    v in taskOutputs
      ? promise(v, last, v)
      : create(BindingSchema, { var: v, binding: literalToBindingData(generateLiteral(variable.type, `${seed}/out/${v}`)) }),
  );
  const ids = (list: string[]) => ({ ids: list });
  return create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: {
          resourceType: ResourceType.WORKFLOW,
          project: template.id?.project || n.r.execId.project,
          domain: template.id?.domain || n.r.execId.domain,
          name: `${template.id?.name ?? "dynamic"}-${n.id}`,
          version: template.id?.version ?? "",
        },
        interface: template.interface,
        nodes: [{ id: START_NODE_ID }, { id: END_NODE_ID, inputs: outputs, upstreamNodeIds: nodeIds }, ...nodes],
        outputs,
      },
      connections: {
        upstream: {
          [END_NODE_ID]: ids(nodeIds),
          ...Object.fromEntries(nodeIds.map((id) => [id, ids([START_NODE_ID])])),
        },
        downstream: {
          [START_NODE_ID]: ids(nodeIds),
          ...Object.fromEntries(nodeIds.map((id) => [id, ids([END_NODE_ID])])),
        },
      },
    },
    tasks: task.id ? [{ template: task }] : [],
  });
}

function dynamicScope(n: NodeCtx, template: TaskTemplate, b: TaskBehaviour): Scope {
  const closure = dynamicClosure(n, template, b);
  const attempt = (n.r.attempts.get(n.id) ?? []).at(-1)?.id?.retryAttempt ?? 0;
  return {
    template: closure.primary!.template!,
    connections: closure.primary!.connections,
    parent: { uniqueId: n.id, attempt, inDynamicChain: true },
    inputs: nodeInputs(n),
    closure: indexClosure(closure),
  };
}

export function enterDynamic(n: NodeCtx, template: TaskTemplate, b: TaskBehaviour, atMs: number): void {
  const closure = dynamicClosure(n, template, b);
  emitNodeEvent(n, NodeExecution_Phase.DYNAMIC_RUNNING, atMs, {
    isDynamic: true,
    isParent: true,
    targetMetadata: {
      case: "taskNodeMetadata",
      value: { dynamicWorkflow: { id: closure.primary?.template?.id, compiledWorkflow: closure } },
    },
  });
}

export function stepDynamicNode(n: NodeCtx, template: TaskTemplate, b: TaskBehaviour): void {
  const scope = dynamicScope(n, template, b);
  const status = stepScope(n.r, scope);
  if (status.state === "succeeded") {
    emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, n.r.now, {
      isDynamic: true,
      isParent: true,
      outputResult: { case: "outputData", value: scopeOutputs(n.r, scope, `${n.r.execId.name}/${n.id}/outputs`) },
    });
  } else if (status.state === "failed") {
    abortScope(n.r, scope, "dynamic workflow failed");
    emitNodeEvent(n, NodeExecution_Phase.FAILED, n.r.now, {
      isDynamic: true,
      isParent: true,
      outputResult: { case: "error", value: status.error },
    });
  }
}

export function abortDynamicNode(n: NodeCtx, template: TaskTemplate, b: TaskBehaviour, reason: string): void {
  abortScope(n.r, dynamicScope(n, template, b), reason);
}
