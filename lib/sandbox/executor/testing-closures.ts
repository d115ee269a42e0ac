// Test helper: small compiled closures built by hand (tasks, nodes, workflows with their connections
// derived as the compiler derives them), for behaviours the real fixtures do not exercise.
import { create, type JsonObject } from "@bufbuild/protobuf";
import { durationFromMs } from "@bufbuild/protobuf/wkt";
import {
  CompiledWorkflowClosureSchema,
  CompiledWorkflowSchema,
  type CompiledWorkflow,
  type CompiledWorkflowClosure,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { BindingDataSchema, type BindingData, type Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { TaskTemplateSchema, type TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import {
  BlobType_BlobDimensionality,
  LiteralTypeSchema,
  SimpleType,
  type LiteralType,
} from "@/lib/gen/flyteidl/core/types_pb";
import { NodeSchema, WorkflowMetadata_OnFailurePolicy, type Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { promiseNodeIds } from "@/lib/flyte/closure";
import { literalToBindingData } from "./literals";
import type { InitOf } from "./literals";

type NodeInit = InitOf<typeof NodeSchema>;
const lt = (init: InitOf<typeof LiteralTypeSchema>) => create(LiteralTypeSchema, init);
const simple = (value: SimpleType) => lt({ type: { case: "simple", value } });

export const types = {
  int: simple(SimpleType.INTEGER),
  float: simple(SimpleType.FLOAT),
  str: simple(SimpleType.STRING),
  bool: simple(SimpleType.BOOLEAN),
  datetime: simple(SimpleType.DATETIME),
  duration: simple(SimpleType.DURATION),
  none: simple(SimpleType.NONE),
  struct: simple(SimpleType.STRUCT),
  binary: simple(SimpleType.BINARY),
  list: (t: LiteralType) => lt({ type: { case: "collectionType", value: t } }),
  map: (t: LiteralType) => lt({ type: { case: "mapValueType", value: t } }),
  enum: (...values: string[]) => lt({ type: { case: "enumType", value: { values } } }),
  blob: (format: string, multipart = false) =>
    lt({
      type: {
        case: "blob",
        value: { format, dimensionality: multipart ? BlobType_BlobDimensionality.MULTIPART : BlobType_BlobDimensionality.SINGLE },
      },
    }),
  dataset: (format: string) => lt({ type: { case: "structuredDatasetType", value: { format } } }),
  schema: lt({ type: { case: "schema", value: { columns: [] } } }),
  union: (...variants: LiteralType[]) => lt({ type: { case: "unionType", value: { variants } } }),
};

const variables = (vars: Record<string, LiteralType> = {}) => ({
  variables: Object.fromEntries(Object.entries(vars).map(([k, type]) => [k, { type, description: k }])),
});

export interface TaskOptions {
  inputs?: Record<string, LiteralType>;
  outputs?: Record<string, LiteralType>;
  sandbox?: JsonObject;
  custom?: JsonObject;
  type?: string;
  retries?: number;
  timeoutMs?: number;
  cacheVersion?: string;
}

export function task(name: string, o: TaskOptions = {}): TaskTemplate {
  return create(TaskTemplateSchema, {
    id: { resourceType: ResourceType.TASK, project: "flytesnacks", domain: "development", name, version: "v1" },
    type: o.type ?? "python-task",
    metadata: {
      retries: { retries: o.retries ?? 0 },
      timeout: o.timeoutMs ? durationFromMs(o.timeoutMs) : undefined,
      discoverable: o.cacheVersion !== undefined,
      discoveryVersion: o.cacheVersion ?? "",
    },
    interface: { inputs: variables(o.inputs), outputs: variables(o.outputs) },
    custom: o.sandbox ? { ...o.custom, sandbox: o.sandbox } : o.custom,
  });
}

export const promise = (nodeId: string, v: string): BindingData =>
  create(BindingDataSchema, { value: { case: "promise", value: { nodeId, var: v } } });
export const constant = (l: Literal): BindingData => literalToBindingData(l);

const bindings = (inputs: Record<string, BindingData> = {}) =>
  Object.entries(inputs).map(([v, binding]) => ({ var: v, binding }));

export function taskNode(id: string, t: TaskTemplate, inputs?: Record<string, BindingData>, extra: NodeInit = {}): Node {
  return create(NodeSchema, {
    id,
    metadata: { name: t.id?.name ?? id, retries: {} },
    inputs: bindings(inputs),
    target: { case: "taskNode", value: { reference: { case: "referenceId", value: t.id! } } },
    ...extra,
  });
}

export function node(id: string, init: NodeInit, inputs?: Record<string, BindingData>): Node {
  return create(NodeSchema, { id, metadata: { name: id }, inputs: bindings(inputs), ...init });
}

export interface WorkflowOptions {
  inputs?: Record<string, LiteralType>;
  outputs?: Record<string, { type: LiteralType; from: BindingData }>;
  onFailure?: WorkflowMetadata_OnFailurePolicy;
}

/** A compiled workflow: start/end nodes added, upstream edges from promises and upstream_node_ids. */
export function workflow(name: string, nodes: Node[], o: WorkflowOptions = {}): CompiledWorkflow {
  const outputBindings = Object.entries(o.outputs ?? {}).map(([v, { from }]) => ({ var: v, binding: from }));
  const upstream: Record<string, string[]> = {};
  const downstream: Record<string, Set<string>> = {};
  const link = (from: string, to: string) => {
    if (!(upstream[to] ??= []).includes(from)) upstream[to].push(from);
    (downstream[from] ??= new Set()).add(to);
  };
  for (const n of nodes) {
    const ups = new Set([...n.upstreamNodeIds, ...n.inputs.flatMap((b) => promiseNodeIds(b.binding))]);
    if (ups.size === 0) ups.add("start-node");
    for (const u of ups) link(u, n.id);
  }
  const endUps = new Set(outputBindings.flatMap((b) => promiseNodeIds(b.binding)));
  for (const n of nodes) if (!downstream[n.id]) endUps.add(n.id);
  if (endUps.size === 0) endUps.add("start-node");
  for (const u of endUps) link(u, "end-node");
  const ids = (list: Iterable<string>) => ({ ids: [...list] });
  return create(CompiledWorkflowSchema, {
    template: {
      id: { resourceType: ResourceType.WORKFLOW, project: "flytesnacks", domain: "development", name, version: "v1" },
      metadata: { onFailure: o.onFailure ?? WorkflowMetadata_OnFailurePolicy.FAIL_IMMEDIATELY },
      interface: {
        inputs: variables(o.inputs),
        outputs: variables(Object.fromEntries(Object.entries(o.outputs ?? {}).map(([k, v]) => [k, v.type]))),
      },
      nodes: [{ id: "start-node" }, { id: "end-node", inputs: outputBindings }, ...nodes],
      outputs: outputBindings,
    },
    connections: {
      upstream: Object.fromEntries(Object.entries(upstream).map(([k, v]) => [k, ids(v)])),
      downstream: Object.fromEntries(Object.entries(downstream).map(([k, v]) => [k, ids(v)])),
    },
  });
}

export function closure(primary: CompiledWorkflow, tasks: TaskTemplate[], subWorkflows: CompiledWorkflow[] = []): CompiledWorkflowClosure {
  return create(CompiledWorkflowClosureSchema, {
    primary,
    subWorkflows,
    tasks: tasks.map((template) => ({ template })),
  });
}
