// Accumulates the catalog's registration requests for one project/domain, in an order that
// registers every entity after the ones it references (a workflow with a launch-plan node needs that
// launch plan registered first, as FlyteAdmin compiles against it).
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { TaskCreateRequestSchema, type TaskCreateRequest } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowCreateRequestSchema, type WorkflowCreateRequest } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { LaunchPlanCreateRequestSchema, type LaunchPlanCreateRequest } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import {
  ExecutionCreateRequestSchema,
  ExecutionMetadata_ExecutionMode,
  type ExecutionCreateRequest,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { FixedRateUnit } from "@/lib/gen/flyteidl/admin/schedule_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { IdentifierSchema, ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { ParameterSchema, VariableMapSchema, type VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import {
  NodeSchema,
  WorkflowMetadata_OnFailurePolicy,
  WorkflowTemplateSchema,
  type Node,
  type WorkflowTemplate,
} from "@/lib/gen/flyteidl/core/workflow_pb";
import { bindings, type BindingSpec, type Callable, type NodeInit } from "./nodes";
import { taskTemplate, type TaskDef } from "./tasks";

export interface TaskHandle extends Callable {
  template: TaskTemplate;
}
export interface WorkflowHandle extends Callable {
  template: WorkflowTemplate;
  /** Every sub-workflow the template reaches, as WorkflowSpec.sub_workflows lists them. */
  subWorkflows: WorkflowTemplate[];
  defaults: Record<string, Literal>;
  /** The default launch plan flytekit registers with every workflow (same name). */
  launchPlan: LaunchPlanHandle;
}
export interface LaunchPlanHandle extends Callable {
  workflow: WorkflowHandle;
}

export interface WorkflowDef {
  name: string;
  description: string;
  inputs?: Record<string, LiteralType>;
  outputs?: Record<string, LiteralType>;
  nodes: NodeInit[];
  returns?: Record<string, BindingSpec>;
  /** Python defaults of the workflow's inputs: they become the default launch plan's defaults. */
  defaults?: Record<string, Literal>;
  /** `WorkflowFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE` when true. */
  failLate?: boolean;
  /** `on_failure=` handler: runs when the workflow fails. */
  failureNode?: NodeInit;
}

export interface LaunchPlanDef {
  name: string;
  workflow: WorkflowHandle;
  defaults?: Record<string, Literal>;
  fixed?: Record<string, Literal>;
  cron?: { schedule: string; kickoffInput?: string };
  everyMinutes?: number;
  notifyOnFailure?: string[];
  labels?: Record<string, string>;
}

export type RegistrationStep =
  | { kind: "task"; request: TaskCreateRequest }
  | { kind: "workflow"; request: WorkflowCreateRequest }
  | { kind: "launchPlan"; request: LaunchPlanCreateRequest };

export class CatalogBuilder {
  readonly steps: RegistrationStep[] = [];
  readonly launches: ExecutionCreateRequest[] = [];
  private readonly workflowsByName = new Map<string, WorkflowHandle>();

  constructor(
    readonly project: string,
    readonly domain: string,
    readonly version: string,
  ) {}

  id(resourceType: ResourceType, name: string): Identifier {
    return create(IdentifierSchema, { resourceType, project: this.project, domain: this.domain, name, version: this.version });
  }

  task(def: TaskDef): TaskHandle {
    const id = this.id(ResourceType.TASK, def.name);
    const template = taskTemplate(id, def);
    const request = create(TaskCreateRequestSchema, {
      id,
      spec: { template, description: { shortDescription: def.description, tags: def.tags ?? [] } },
    });
    this.steps.push({ kind: "task", request });
    return { id, shortName: shortName(def.name), template };
  }

  workflow(def: WorkflowDef): WorkflowHandle {
    const id = this.id(ResourceType.WORKFLOW, def.name);
    const nodes = def.nodes.map((n) => create(NodeSchema, n));
    const template = create(WorkflowTemplateSchema, {
      id,
      metadata: {
        onFailure: def.failLate
          ? WorkflowMetadata_OnFailurePolicy.FAIL_AFTER_EXECUTABLE_NODES_COMPLETE
          : WorkflowMetadata_OnFailurePolicy.FAIL_IMMEDIATELY,
      },
      interface: { inputs: variables(def.inputs), outputs: variables(def.outputs) },
      nodes,
      outputs: bindings(def.returns ?? {}),
      failureNode: def.failureNode ? create(NodeSchema, def.failureNode) : undefined,
      metadataDefaults: {},
    });
    const subWorkflows = this.reachableSubWorkflows(nodes);
    const request = create(WorkflowCreateRequestSchema, {
      id,
      spec: { template, subWorkflows, description: { shortDescription: def.description } },
    });
    this.steps.push({ kind: "workflow", request });
    const handle = { id, shortName: shortName(def.name), template, subWorkflows, defaults: def.defaults ?? {} } as WorkflowHandle;
    this.workflowsByName.set(def.name, handle);
    handle.launchPlan = this.launchPlan({ name: def.name, workflow: handle });
    return handle;
  }

  launchPlan(def: LaunchPlanDef): LaunchPlanHandle {
    const id = this.id(ResourceType.LAUNCH_PLAN, def.name);
    const wf = def.workflow;
    const fixed = def.fixed ?? {};
    const parameters: Record<string, MessageInitShape<typeof ParameterSchema>> = {};
    for (const [name, v] of Object.entries(wf.template.interface?.inputs?.variables ?? {})) {
      if (name in fixed) continue;
      const value = def.defaults?.[name] ?? wf.defaults[name];
      parameters[name] = { var: v, behavior: value ? { case: "default", value } : { case: "required", value: true } };
    }
    const schedule = def.cron
      ? {
          ScheduleExpression: { case: "cronSchedule" as const, value: { schedule: def.cron.schedule } },
          kickoffTimeInputArg: def.cron.kickoffInput ?? "",
        }
      : def.everyMinutes
        ? { ScheduleExpression: { case: "rate" as const, value: { value: def.everyMinutes, unit: FixedRateUnit.MINUTE } } }
        : undefined;
    const request = create(LaunchPlanCreateRequestSchema, {
      id,
      spec: {
        workflowId: wf.id,
        entityMetadata: {
          schedule,
          notifications: def.notifyOnFailure
            ? [{ phases: [WorkflowExecution_Phase.FAILED, WorkflowExecution_Phase.TIMED_OUT], type: { case: "email", value: { recipientsEmail: def.notifyOnFailure } } }]
            : [],
        },
        defaultInputs: { parameters },
        fixedInputs: { literals: fixed },
        labels: { values: def.labels ?? {} },
        annotations: {},
        rawOutputDataConfig: {},
      },
    });
    this.steps.push({ kind: "launchPlan", request });
    return { id, shortName: shortName(def.name), workflow: wf };
  }

  /** An execution to start on first boot. Names are short and fixed so that seeding twice is a no-op. */
  launch(name: string, target: WorkflowHandle | LaunchPlanHandle, inputs: Record<string, Literal> = {}, tags: string[] = []): void {
    const lp = "launchPlan" in target ? target.launchPlan : target;
    this.launches.push(
      create(ExecutionCreateRequestSchema, {
        project: this.project,
        domain: this.domain,
        name,
        spec: { launchPlan: lp.id, metadata: { mode: ExecutionMetadata_ExecutionMode.MANUAL, principal: "sandbox-seed" }, tags },
        inputs: { literals: inputs },
      }),
    );
  }

  private reachableSubWorkflows(nodes: Node[]): WorkflowTemplate[] {
    const found = new Map<string, WorkflowTemplate>();
    const visit = (node: Node | undefined) => {
      const t = node?.target;
      if (!t) return;
      if (t.case === "workflowNode" && t.value.reference.case === "subWorkflowRef") {
        const sub = this.workflowsByName.get(t.value.reference.value.name);
        if (!sub) throw new Error(`sub-workflow ${t.value.reference.value.name} must be defined before ${node?.id}`);
        found.set(sub.id.name, sub.template);
        for (const nested of sub.subWorkflows) found.set(nested.id?.name ?? "", nested);
      } else if (t.case === "branchNode") {
        const ifElse = t.value.ifElse;
        visit(ifElse?.case?.thenNode);
        ifElse?.other.forEach((o) => visit(o.thenNode));
        if (ifElse?.default.case === "elseNode") visit(ifElse.default.value);
      } else if (t.case === "arrayNode") {
        visit(t.value.node);
      }
    };
    nodes.forEach(visit);
    return [...found.values()];
  }
}

function variables(vars: Record<string, LiteralType> | undefined): VariableMap {
  return create(VariableMapSchema, {
    variables: Object.fromEntries(Object.entries(vars ?? {}).map(([name, type]) => [name, { type, description: name }])),
  });
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}
