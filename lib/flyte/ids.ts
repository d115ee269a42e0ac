import {
  ResourceType,
  type Identifier,
  type WorkflowExecutionIdentifier,
} from "@/lib/gen/flyteidl/core/identifier_pb";

/*
 * Structural shapes so callers can pass generated messages or plain objects (route params, JSON);
 * `org` is optional because most deployments leave it empty.
 */
export type ExecutionIdLike = Pick<WorkflowExecutionIdentifier, "project" | "domain" | "name"> & {
  org?: string;
};
export type NodeExecutionIdLike = { nodeId: string; executionId?: ExecutionIdLike };
export type IdentifierLike = Pick<
  Identifier,
  "resourceType" | "project" | "domain" | "name" | "version"
> & { org?: string };
export type TaskExecutionIdLike = {
  taskId?: IdentifierLike;
  nodeExecutionId?: NodeExecutionIdLike;
  retryAttempt: number;
};

/** The entity kinds the console has pages for (the URL spelling flytekit uses). */
export type EntityKind = "workflow" | "task" | "launch_plan";
export const entityKinds: readonly EntityKind[] = ["workflow", "task", "launch_plan"];

/*
 * Keys: each part percent-encoded and joined with "/", so no two different ids share a key even when
 * names contain "/" or ":". A non-empty org is prefixed as "org:" (":" never survives encoding).
 */
const enc = encodeURIComponent;
const withOrg = (org: string | undefined, rest: string) => (org ? `${enc(org)}:${rest}` : rest);

/** Stable string key for a workflow execution id, e.g. "flytesnacks/development/f8a1b2c3". */
export function executionKey(id: ExecutionIdLike): string {
  return withOrg(id.org, [id.project, id.domain, id.name].map(enc).join("/"));
}

/** Stable key for a node execution id: the execution key plus "/" and the node id. */
export function nodeExecutionKey(id: NodeExecutionIdLike): string {
  const exec = id.executionId ? executionKey(id.executionId) : "";
  return `${exec}/${enc(id.nodeId)}`;
}

/** Stable key for an entity id, e.g. "TASK/flytesnacks/development/my.task/v1". */
export function identifierKey(id: IdentifierLike): string {
  const parts = [resourceTypeName(id.resourceType), id.project, id.domain, id.name, id.version];
  return withOrg(id.org, parts.map(enc).join("/"));
}

/** Stable key for a task execution (one attempt): node execution, task id and retry attempt. */
export function taskExecutionKey(id: TaskExecutionIdLike): string {
  const node = id.nodeExecutionId ? nodeExecutionKey(id.nodeExecutionId) : "";
  const task = id.taskId ? identifierKey(id.taskId) : "";
  return `${node}|${task}|${id.retryAttempt}`;
}

function sameBy<T>(key: (t: T) => string, a: T | undefined, b: T | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === b || key(a) === key(b);
}

export function sameExecution(a?: ExecutionIdLike, b?: ExecutionIdLike): boolean {
  return sameBy(executionKey, a, b);
}
export function sameNodeExecution(a?: NodeExecutionIdLike, b?: NodeExecutionIdLike): boolean {
  return sameBy(nodeExecutionKey, a, b);
}
export function sameIdentifier(a?: IdentifierLike, b?: IdentifierLike): boolean {
  return sameBy(identifierKey, a, b);
}
export function sameTaskExecution(a?: TaskExecutionIdLike, b?: TaskExecutionIdLike): boolean {
  return sameBy(taskExecutionKey, a, b);
}

/** Proto name of a ResourceType ("LAUNCH_PLAN"); "UNKNOWN" for a value this build does not know. */
export function resourceTypeName(rt: ResourceType | number): string {
  const name = Number.isInteger(rt) ? ResourceType[rt as ResourceType] : undefined;
  return typeof name === "string" ? name : "UNKNOWN";
}

const RESOURCE_TYPE_LABELS: Record<keyof typeof ResourceType, string> = {
  UNSPECIFIED: "Entity",
  TASK: "Task",
  WORKFLOW: "Workflow",
  LAUNCH_PLAN: "Launch plan",
  DATASET: "Dataset",
};

/** Human label of a ResourceType ("Launch plan"). */
export function resourceTypeLabel(rt: ResourceType | number): string {
  const name = resourceTypeName(rt);
  return Object.hasOwn(RESOURCE_TYPE_LABELS, name)
    ? RESOURCE_TYPE_LABELS[name as keyof typeof ResourceType]
    : "Entity";
}

/** The console page kind for a ResourceType; undefined for types without pages (dataset, unspecified). */
export function entityKindOf(rt: ResourceType | number): EntityKind | undefined {
  switch (rt) {
    case ResourceType.WORKFLOW:
      return "workflow";
    case ResourceType.TASK:
      return "task";
    case ResourceType.LAUNCH_PLAN:
      return "launch_plan";
    default:
      return undefined;
  }
}

export function resourceTypeOfKind(kind: EntityKind): ResourceType {
  switch (kind) {
    case "workflow":
      return ResourceType.WORKFLOW;
    case "task":
      return ResourceType.TASK;
    case "launch_plan":
      return ResourceType.LAUNCH_PLAN;
  }
}
