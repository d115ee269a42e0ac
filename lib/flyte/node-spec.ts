// What a node execution runs, read from its workflow's compiled closure where that is unambiguous (a top-level
// node: its id is its spec node id) and from the node execution itself otherwise. Pure.
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { nodeReference, staticNodeKind, type StaticNodeKind } from "./closure";

/** A node of the execution's own workflow, not one inside a sub-workflow, branch or dynamic node. */
export function isTopLevelNodeExecution(ne: NodeExecution): boolean {
  const nodeId = ne.id?.nodeId ?? "";
  return (ne.metadata?.specNodeId || nodeId) === nodeId;
}

/** The workflow node a top-level node execution runs; undefined for nested ones (their spec id is not unique). */
export function topLevelSpecNode(closure: CompiledWorkflowClosure | undefined, ne: NodeExecution): Node | undefined {
  if (!closure || !isTopLevelNodeExecution(ne)) return undefined;
  return closure.primary?.template?.nodes.find((n) => n.id === ne.id?.nodeId);
}

/** What kind of node ran, when the spec or the node execution says so. */
export function nodeExecutionKind(ne: NodeExecution, spec: Node | undefined): StaticNodeKind | undefined {
  if (spec) return staticNodeKind(spec);
  const target = ne.closure?.targetMetadata;
  if (target?.case === "workflowNodeMetadata" && target.value.executionId) return "launchplan";
  if (ne.metadata?.isArray) return "array";
  if (target?.case === "taskNodeMetadata") return "task";
  return undefined;
}

/** Node kinds that run a task template of their own (a map node: one per sub-task). */
export function runsTask(kind: StaticNodeKind | undefined): boolean {
  return kind === "task" || kind === "array";
}

/** The task a node runs: what its latest attempt reported, else its spec's reference. */
export function nodeTaskId(attempts: readonly TaskExecution[], spec: Node | undefined): Identifier | undefined {
  let latest: TaskExecution | undefined;
  for (const a of attempts) if (!latest || (a.id?.retryAttempt ?? 0) >= (latest.id?.retryAttempt ?? 0)) latest = a;
  const reported = latest?.id?.taskId;
  if (reported?.name) return reported;
  return spec && runsTask(staticNodeKind(spec)) ? nodeReference(spec) : undefined;
}
