// Launch-plan nodes: start a child execution (mode CHILD_WORKFLOW, parent_node_execution set, name as
// FlytePropeller derives it), report it in workflow_node_metadata, and follow its phase to the end.
import { create } from "@bufbuild/protobuf";
import {
  ExecutionCreateRequestSchema,
  ExecutionMetadata_ExecutionMode,
  ExecutionTerminateRequestSchema,
  type Execution,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import {
  ExecutionError_ErrorKind,
  NodeExecution_Phase,
  WorkflowExecution_Phase,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { findLaunchPlan } from "@/lib/flyte/closure";
import { ms, type NodeCtx } from "./context";
import { emitNodeEvent, executionError } from "./events";
import { childExecutionName } from "./ids";
import { generateLiteralMap } from "./literal-gen";
import { nodeInputs } from "./node-common";

const ACTIVE_CHILD = new Set([
  WorkflowExecution_Phase.UNDEFINED,
  WorkflowExecution_Phase.QUEUED,
  WorkflowExecution_Phase.RUNNING,
  WorkflowExecution_Phase.SUCCEEDING,
  WorkflowExecution_Phase.FAILING,
  WorkflowExecution_Phase.ABORTING,
]);

function launchPlanRef(n: NodeCtx): Identifier | undefined {
  const t = n.node.target;
  return t.case === "workflowNode" && t.value.reference.case === "launchplanRef" ? t.value.reference.value : undefined;
}

function childId(n: NodeCtx) {
  const { project, domain, org } = n.r.execId;
  return { project, domain, org, name: childExecutionName(n.r.execId.name, n.id, 0) };
}

function launch(n: NodeCtx, lp: Identifier): void {
  const parent = n.r.snap.execution.spec;
  const id = childId(n);
  n.r.actions.push({
    kind: "launch",
    request: create(ExecutionCreateRequestSchema, {
      project: id.project,
      domain: id.domain,
      org: id.org,
      name: id.name,
      inputs: nodeInputs(n),
      spec: {
        launchPlan: lp,
        metadata: {
          mode: ExecutionMetadata_ExecutionMode.CHILD_WORKFLOW,
          principal: parent?.metadata?.principal ?? "",
          nesting: (parent?.metadata?.nesting ?? 0) + 1,
          parentNodeExecution: { executionId: n.r.execId, nodeId: n.id },
        },
        labels: parent?.labels,
        annotations: parent?.annotations,
        securityContext: parent?.securityContext,
        maxParallelism: parent?.maxParallelism ?? 0,
        rawOutputDataConfig: parent?.rawOutputDataConfig,
        interruptible: parent?.interruptible,
        overwriteCache: parent?.overwriteCache ?? false,
        envs: parent?.envs,
      },
    }),
  });
}

function childOutputs(n: NodeCtx, child: Execution, lp: Identifier): LiteralMap {
  const out = child.closure?.outputResult;
  if (out?.case === "outputData") return out.value;
  if (out?.case === "outputs" && out.value.data.case === "values") return out.value.data.value;
  const outputsType =
    findLaunchPlan(n.scope.closure, lp)?.interface?.outputs ?? n.r.snap.launchPlanWorkflow(lp)?.primary?.template?.interface?.outputs;
  return generateLiteralMap(outputsType, `${n.r.execId.name}/${n.id}/outputs`);
}

function followChild(n: NodeCtx, child: Execution, lp: Identifier): void {
  const phase = child.closure?.phase ?? WorkflowExecution_Phase.UNDEFINED;
  if (ACTIVE_CHILD.has(phase)) return;
  const at = Math.min(n.r.now, Math.max(ms(child.closure?.updatedAt) ?? n.r.now, ms(n.ne?.closure?.updatedAt) ?? 0));
  const name = child.id?.name ?? "";
  switch (phase) {
    case WorkflowExecution_Phase.SUCCEEDED:
      return emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, at, {
        outputResult: { case: "outputData", value: childOutputs(n, child, lp) },
      });
    case WorkflowExecution_Phase.TIMED_OUT:
      return emitNodeEvent(n, NodeExecution_Phase.TIMED_OUT, at, {
        outputResult: {
          case: "error",
          value: executionError("TimeoutExpired", `child execution [${name}] timed out`, ExecutionError_ErrorKind.USER, at),
        },
      });
    case WorkflowExecution_Phase.ABORTED:
      return emitNodeEvent(n, NodeExecution_Phase.FAILED, at, {
        outputResult: {
          case: "error",
          value: executionError("RemoteExecutionAborted", `child execution [${name}] was aborted`, ExecutionError_ErrorKind.USER, at),
        },
      });
    default: {
      const out = child.closure?.outputResult;
      const error =
        out?.case === "error"
          ? out.value
          : executionError("RemoteExecutionFailed", `child execution [${name}] failed`, ExecutionError_ErrorKind.USER, at);
      return emitNodeEvent(n, NodeExecution_Phase.FAILED, at, { outputResult: { case: "error", value: error } });
    }
  }
}

export function stepLaunchPlanNode(n: NodeCtx): void {
  const lp = launchPlanRef(n);
  if (!lp) return;
  const child = n.r.children.get(childId(n).name);
  if (n.ne?.closure?.phase === NodeExecution_Phase.QUEUED) {
    if (!child) launch(n, lp);
    emitNodeEvent(n, NodeExecution_Phase.RUNNING, n.r.now, {
      targetMetadata: { case: "workflowNodeMetadata", value: { executionId: childId(n) } },
    });
    return;
  }
  // Launching is idempotent by name (FlyteAdmin answers AlreadyExists): ask again until the child shows up.
  if (!child) return launch(n, lp);
  followChild(n, child, lp);
}

export function abortLaunchPlanNode(n: NodeCtx, reason: string): void {
  const child = n.r.children.get(childId(n).name);
  if (!child?.id || !ACTIVE_CHILD.has(child.closure?.phase ?? WorkflowExecution_Phase.UNDEFINED)) return;
  if (child.closure?.phase === WorkflowExecution_Phase.ABORTING) return;
  n.r.actions.push({
    kind: "terminate",
    request: create(ExecutionTerminateRequestSchema, { id: child.id, cause: `parent execution ${n.r.execId.name}: ${reason}` }),
  });
}
