// CreateTask / CreateWorkflow / CreateLaunchPlan: what `pyflyte register` and flytectl call.
// Versions are immutable: registering the same spec again is AlreadyExists, a different spec under
// an existing id is InvalidArgument. Workflows are compiled here (bad specs: InvalidArgument).
import { createHash } from "node:crypto";
import { clone, create, fromBinary, toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DescriptionEntitySchema, type DescriptionEntity } from "@/lib/gen/flyteidl/admin/description_entity_pb";
import { LaunchPlanSchema, LaunchPlanSpecSchema, LaunchPlanState, LaunchPlanCreateResponseSchema, type LaunchPlanCreateRequest } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskSchema, TaskSpecSchema, TaskCreateResponseSchema, type TaskCreateRequest } from "@/lib/gen/flyteidl/admin/task_pb";
import { CreateWorkflowFailureReasonSchema, WorkflowSchema, WorkflowSpecSchema, WorkflowCreateResponseSchema, type WorkflowCreateRequest, type WorkflowSpec } from "@/lib/gen/flyteidl/admin/workflow_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { IdentifierSchema, ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { ParameterMapSchema, ParameterSchema, type ParameterMap } from "@/lib/gen/flyteidl/core/interface_pb";
import { CompiledTaskSchema, CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { CompileError, compileWorkflow } from "../compiler";
import { getEntityRow, insertEntity, putDescriptionEntity, type EntityTable } from "../store/entities";
import { getProject } from "../store/projects";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound, requireFields } from "./errors";
import { findLaunchPlan, findTask, findWorkflow, formatIdentifier } from "./lookups";
import { validateLaunchPlanInputs } from "./launchPlanInputs";
import { structureDiff } from "./structureDiff";
import { DOMAINS } from "./projects";

function digestOf<D extends DescMessage>(schema: D, message: MessageShape<D>): string {
  return createHash("sha256").update(toBinary(schema, message)).digest("hex");
}

/** Validates a registration id the way FlyteAdmin does, and fills in its resource type. */
function checkId(ctx: SandboxContext, id: Identifier | undefined, type: ResourceType, what: string): Identifier {
  requireFields(`${what} id`, { project: id?.project, domain: id?.domain, name: id?.name, version: id?.version });
  if (id!.resourceType !== ResourceType.UNSPECIFIED && id!.resourceType !== type) {
    throw invalidArgument(`unexpected resource type ${ResourceType[id!.resourceType]} for ${what} ${formatIdentifier(id)}`);
  }
  if (!getProject(ctx.db, id!.project) || !DOMAINS.some((d) => d.id === id!.domain)) {
    throw invalidArgument(`failed to validate that project [${id!.project}] and domain [${id!.domain}] are registered`);
  }
  return create(IdentifierSchema, { ...id!, resourceType: type });
}

/** Fills the empty parts of a reference (flytekit leaves project/domain/version blank) from the registering entity. */
export function hydrate(ref: Identifier | undefined, from: Identifier, type: ResourceType): Identifier {
  return create(IdentifierSchema, {
    resourceType: ref?.resourceType || type,
    project: ref?.project || from.project,
    domain: ref?.domain || from.domain,
    name: ref?.name ?? "",
    version: ref?.version || from.version,
    org: ref?.org ?? "",
  });
}

/**
 * The spec with every reference complete, as flytectl hydrates it before registering: flytekit leaves
 * project/domain/version of the template, sub-workflow, task and launch-plan ids blank. The compiled
 * closure then names exactly what was registered, which is what the executor and the console look up.
 */
function hydrateSpec(spec: WorkflowSpec, from: Identifier): WorkflowSpec {
  const out = clone(WorkflowSpecSchema, spec);
  const node = (n: Node | undefined): void => {
    const t = n?.target;
    if (!t) return;
    if (t.case === "taskNode" && t.value.reference.case === "referenceId") {
      t.value.reference.value = hydrate(t.value.reference.value, from, ResourceType.TASK);
    } else if (t.case === "workflowNode" && t.value.reference.case === "subWorkflowRef") {
      t.value.reference.value = hydrate(t.value.reference.value, from, ResourceType.WORKFLOW);
    } else if (t.case === "workflowNode" && t.value.reference.case === "launchplanRef") {
      t.value.reference.value = hydrate(t.value.reference.value, from, ResourceType.LAUNCH_PLAN);
    } else if (t.case === "branchNode") {
      const ifElse = t.value.ifElse;
      node(ifElse?.case?.thenNode);
      ifElse?.other.forEach((c) => node(c.thenNode));
      if (ifElse?.default.case === "elseNode") node(ifElse.default.value);
    } else if (t.case === "arrayNode") {
      node(t.value.node);
    }
  };
  for (const template of [out.template, ...out.subWorkflows]) {
    if (!template) continue;
    template.id = hydrate(template.id, from, ResourceType.WORKFLOW);
    template.nodes.forEach(node);
    node(template.failureNode);
  }
  return out;
}

/**
 * FlyteAdmin's answer to a version registered again (flyteadmin/pkg/manager/impl/*_manager.go): AlreadyExists
 * when its digest matches (clients such as flytekit and flytectl treat that as success), InvalidArgument
 * naming what changed when it does not, since a version is immutable.
 */
function refuseRegistered<D extends DescMessage>(
  ctx: SandboxContext,
  table: EntityTable,
  id: Identifier,
  digest: string,
  what: "task" | "workflow" | "launch plan",
  compare: { schema: D; old: (message: Buffer) => MessageShape<D> | undefined; now: MessageShape<D> },
): void {
  const row = getEntityRow(ctx.db, table, id);
  if (!row) return;
  const details = (reason: "existsIdenticalStructure" | "existsDifferentStructure") =>
    what === "workflow" ? [{ desc: CreateWorkflowFailureReasonSchema, value: { reason: { case: reason, value: { id } } } }] : [];
  if (row.digest === digest) {
    throw new ConnectError(`${what} with identical structure already exists`, Code.AlreadyExists, undefined, details("existsIdenticalStructure"));
  }
  const diff = structureDiff(compare.schema, compare.old(row.message), compare.now);
  throw new ConnectError(
    `${id.name} ${what} with different structure already exists. (Please register a new version of the ${what}):\n${diff.join("\n")}`,
    Code.InvalidArgument,
    undefined,
    details("existsDifferentStructure"),
  );
}

function storeDescription(ctx: SandboxContext, type: ResourceType, id: Identifier, description: DescriptionEntity | undefined, now: number): void {
  if (!description) return;
  putDescriptionEntity(ctx.db, type, id, now, toBinary(DescriptionEntitySchema, create(DescriptionEntitySchema, { ...description, id })));
}

export function registerTask(ctx: SandboxContext, req: TaskCreateRequest): void {
  const id = checkId(ctx, req.id, ResourceType.TASK, "task");
  if (!req.spec?.template) throw invalidArgument("missing spec.template in task create request");
  const template = req.spec.template;
  if (!template.type) throw invalidArgument(`task ${formatIdentifier(id)} has no type`);
  const digest = digestOf(TaskSpecSchema, req.spec);
  const compiledTask = create(CompiledTaskSchema, { template: { ...template, id: hydrate(template.id, id, ResourceType.TASK) } });
  refuseRegistered(ctx, "tasks", id, digest, "task", {
    schema: CompiledTaskSchema,
    old: (m) => fromBinary(TaskSchema, m).closure?.compiledTask,
    now: compiledTask,
  });
  const now = ctx.now();
  const task = create(TaskSchema, {
    id,
    closure: { compiledTask, createdAt: timestampFromMs(now) },
    shortDescription: req.spec.description?.shortDescription ?? "",
  });
  ctx.db.transaction(() => {
    insertEntity(ctx.db, "tasks", id, now, digest, toBinary(TaskSchema, task));
    storeDescription(ctx, ResourceType.TASK, id, req.spec?.description, now);
  })();
}

export function registerWorkflow(ctx: SandboxContext, req: WorkflowCreateRequest): void {
  const id = checkId(ctx, req.id, ResourceType.WORKFLOW, "workflow");
  if (!req.spec?.template) throw invalidArgument("missing spec.template in workflow create request");
  const digest = digestOf(WorkflowSpecSchema, req.spec);
  let compiled;
  try {
    compiled = compileWorkflow(
      hydrateSpec(req.spec, id),
      (ref) => findTask(ctx.db, hydrate(ref, id, ResourceType.TASK))?.closure?.compiledTask?.template,
      (ref) => findLaunchPlan(ctx.db, hydrate(ref, id, ResourceType.LAUNCH_PLAN))?.closure,
    );
  } catch (err) {
    if (err instanceof CompileError) throw invalidArgument(err.message);
    throw err;
  }
  refuseRegistered(ctx, "workflows", id, digest, "workflow", {
    schema: CompiledWorkflowClosureSchema,
    old: (m) => fromBinary(WorkflowSchema, m).closure?.compiledWorkflow,
    now: compiled,
  });
  const now = ctx.now();
  const workflow = create(WorkflowSchema, {
    id,
    closure: { compiledWorkflow: compiled, createdAt: timestampFromMs(now) },
    shortDescription: req.spec.description?.shortDescription ?? "",
  });
  ctx.db.transaction(() => {
    insertEntity(ctx.db, "workflows", id, now, digest, toBinary(WorkflowSchema, workflow));
    storeDescription(ctx, ResourceType.WORKFLOW, id, req.spec?.description, now);
  })();
}

export function registerLaunchPlan(ctx: SandboxContext, req: LaunchPlanCreateRequest): void {
  const id = checkId(ctx, req.id, ResourceType.LAUNCH_PLAN, "launch plan");
  if (!req.spec) throw invalidArgument("missing spec in launch plan create request");
  const workflowId = hydrate(req.spec.workflowId, id, ResourceType.WORKFLOW);
  requireFields("launch plan spec.workflow_id", { name: workflowId.name });
  const spec = create(LaunchPlanSpecSchema, { ...req.spec, workflowId });
  const workflow = findWorkflow(ctx.db, workflowId);
  if (!workflow) throw notFound(`workflow ${formatIdentifier(workflowId)} not found`);
  const iface = workflow.closure?.compiledWorkflow?.primary?.template?.interface;
  validateLaunchPlanInputs(spec, iface?.inputs);
  const digest = digestOf(LaunchPlanSpecSchema, spec);
  refuseRegistered(ctx, "launch_plans", id, digest, "launch plan", {
    schema: LaunchPlanSpecSchema,
    old: (m) => fromBinary(LaunchPlanSchema, m).spec,
    now: spec,
  });

  const expected: ParameterMap = create(ParameterMapSchema);
  for (const [name, variable] of Object.entries(iface?.inputs?.variables ?? {})) {
    if (spec.fixedInputs?.literals[name]) continue;
    const given = spec.defaultInputs?.parameters[name];
    expected.parameters[name] = given ?? create(ParameterSchema, { var: variable, behavior: { case: "required", value: true } });
  }
  const now = ctx.now();
  const schedule = spec.entityMetadata?.schedule?.ScheduleExpression.case;
  const lp = create(LaunchPlanSchema, {
    id,
    spec,
    closure: {
      state: LaunchPlanState.INACTIVE,
      expectedInputs: expected,
      expectedOutputs: iface?.outputs,
      createdAt: timestampFromMs(now),
      updatedAt: timestampFromMs(now),
    },
  });
  insertEntity(ctx.db, "launch_plans", id, now, digest, toBinary(LaunchPlanSchema, lp), {
    updated_at: now,
    state: LaunchPlanState.INACTIVE,
    workflow_name: workflowId.name,
    workflow_version: workflowId.version,
    schedule_type: schedule === "rate" ? "rate" : schedule ? "cron" : "",
  });
}

export function registrationService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    createTask(req) {
      registerTask(ctx, req);
      return create(TaskCreateResponseSchema);
    },
    createWorkflow(req) {
      registerWorkflow(ctx, req);
      return create(WorkflowCreateResponseSchema);
    },
    createLaunchPlan(req) {
      registerLaunchPlan(ctx, req);
      return create(LaunchPlanCreateResponseSchema);
    },
  };
}
