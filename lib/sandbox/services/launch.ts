// Starting executions: CreateExecution (also what launch-plan nodes use), RelaunchExecution
// and RecoverExecution. Inputs are resolved as FlyteAdmin does: the caller's inputs over the
// launch plan's defaults, plus its fixed inputs, each checked against the declared type.
import { randomBytes } from "node:crypto";
import { clone, create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import {
  ExecutionCreateRequestSchema,
  ExecutionCreateResponseSchema,
  ExecutionMetadataSchema,
  ExecutionMetadata_ExecutionMode as Mode,
  ExecutionSchema,
  ExecutionSpecSchema,
  type ExecutionCreateRequest,
  type ExecutionSpec,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import type { LaunchPlan } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType, WorkflowExecutionIdentifierSchema, type WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { LiteralMapSchema, type LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { callerOf } from "../auth/grpc";
import { getExecution, getExecutionData, insertExecution } from "../store/executions";
import { getProject } from "../store/projects";
import type { SandboxContext } from "./context";
import { alreadyExists, invalidArgument, notFound, requireFields } from "./errors";
import { formatExecutionId, mustGetExecution } from "./executions";
import { executionDefaults, resolveExecutionSpec } from "./executionConfig";
import { literalTypeError } from "./literalTypes";
import { findLaunchPlan, findWorkflow, formatIdentifier } from "./lookups";
import { DOMAINS } from "./projects";
import { singleTaskLaunchPlan } from "./singleTask";

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAME_LENGTH = 63;

/** A FlyteAdmin-style random execution name: 20 characters, a letter first. */
export function newExecutionName(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const chars = `${letters}0123456789`;
  const bytes = randomBytes(20);
  let name = letters[bytes[0] % letters.length];
  for (let i = 1; i < 20; i++) name += chars[bytes[i] % chars.length];
  return name;
}

/** Resolved inputs: the caller's over the launch plan's defaults, plus fixed inputs; InvalidArgument on any problem. */
export function resolveInputs(lp: LaunchPlan, given: LiteralMap | undefined): LiteralMap {
  const expected = lp.closure?.expectedInputs?.parameters ?? {};
  const fixed = lp.spec?.fixedInputs?.literals ?? {};
  const problems: string[] = [];
  const resolved = create(LiteralMapSchema);
  for (const [name, value] of Object.entries(given?.literals ?? {})) {
    if (fixed[name]) problems.push(`input '${name}' is fixed by the launch plan and cannot be overridden`);
    else if (!expected[name]) problems.push(`unknown input '${name}'`);
    else {
      const err = literalTypeError(value, expected[name].var?.type, name);
      if (err) problems.push(`invalid input ${err}`);
      else resolved.literals[name] = value;
    }
  }
  for (const [name, param] of Object.entries(expected)) {
    if (resolved.literals[name] || given?.literals[name]) continue;
    if (param.behavior.case === "default") resolved.literals[name] = param.behavior.value;
    else if (param.behavior.case === "required" && param.behavior.value) problems.push(`missing required input '${name}'`);
  }
  for (const [name, value] of Object.entries(fixed)) resolved.literals[name] = value;
  if (problems.length) throw invalidArgument(`invalid inputs for launch plan ${formatIdentifier(lp.id)}: ${problems.join("; ")}`);
  return resolved;
}

export interface LaunchOptions {
  /** Inputs already resolved (relaunch/recover reuse the original's); skips resolution. */
  resolvedInputs?: LiteralMap;
  userInputs?: LiteralMap;
  mode?: Mode;
  referenceExecution?: WorkflowExecutionIdentifier;
  /** The signed-in caller's subject (auth on): recorded as spec.metadata.principal, over what the request says. */
  principal?: string;
}

/** CreateExecution's work, shared with relaunch, recover and the executor's launch-plan nodes. */
export function launchExecution(ctx: SandboxContext, req: ExecutionCreateRequest, options: LaunchOptions = {}): WorkflowExecutionIdentifier {
  requireFields("execution create request", { project: req.project, domain: req.domain });
  if (!getProject(ctx.db, req.project) || !DOMAINS.some((d) => d.id === req.domain)) {
    throw invalidArgument(`failed to validate that project [${req.project}] and domain [${req.domain}] are registered`);
  }
  const name = req.name || newExecutionName();
  if (name.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(name)) {
    throw invalidArgument(`invalid execution name '${name}': use at most ${MAX_NAME_LENGTH} lowercase letters, digits and '-'`);
  }
  const ref = req.spec?.launchPlan;
  requireFields("execution spec.launch_plan", { project: ref?.project, domain: ref?.domain, name: ref?.name, version: ref?.version });

  const lp = ref!.resourceType === ResourceType.TASK ? singleTaskLaunchPlan(ctx, ref!) : findLaunchPlan(ctx.db, ref!);
  if (!lp) throw notFound(`launch plan ${formatIdentifier(ref)} not found`);
  const workflowId = lp.spec?.workflowId;
  if (!workflowId || !findWorkflow(ctx.db, workflowId)) throw notFound(`workflow ${formatIdentifier(workflowId)} of launch plan ${formatIdentifier(ref)} not found`);

  const userInputs = req.inputs ?? req.spec?.inputs ?? create(LiteralMapSchema);
  const inputs = options.resolvedInputs ?? resolveInputs(lp, userInputs);

  const id = create(WorkflowExecutionIdentifierSchema, { project: req.project, domain: req.domain, name, org: req.org });
  const now = ctx.now();
  const spec: ExecutionSpec = req.spec ? clone(ExecutionSpecSchema, req.spec) : create(ExecutionSpecSchema);
  spec.inputs = undefined;
  const metadata = (spec.metadata ??= create(ExecutionMetadataSchema));
  if (options.principal) metadata.principal = options.principal;
  const parentNode = metadata.parentNodeExecution;
  if (parentNode) {
    const parent = getExecution(ctx.db, { project: parentNode.executionId?.project ?? "", domain: parentNode.executionId?.domain ?? "", name: parentNode.executionId?.name ?? "" });
    if (!parent) throw notFound(`parent execution ${formatExecutionId(parentNode.executionId)} not found`);
    metadata.mode = Mode.CHILD_WORKFLOW;
    metadata.nesting = (parent.execution.spec?.metadata?.nesting ?? 0) + 1;
    metadata.principal ||= parent.execution.spec?.metadata?.principal ?? "";
  }
  if (options.mode !== undefined) metadata.mode = options.mode;
  if (options.referenceExecution) metadata.referenceExecution = options.referenceExecution;
  metadata.principal ||= "sandbox";
  metadata.systemMetadata = { $typeName: "flyteidl.admin.SystemMetadata", executionCluster: "sandbox", namespace: `${req.project}-${req.domain}` };
  resolveExecutionSpec(spec, lp.spec, executionDefaults(ctx.db, req.project, req.domain));

  const execution = create(ExecutionSchema, {
    id,
    spec,
    closure: {
      phase: WorkflowExecution_Phase.UNDEFINED,
      createdAt: timestampFromMs(now),
      updatedAt: timestampFromMs(now),
      workflowId,
      notifications: spec.notificationOverrides.case === "notifications" ? spec.notificationOverrides.value.notifications : (lp.spec?.entityMetadata?.notifications ?? []),
    },
  });
  ctx.db.transaction(() => {
    if (getExecution(ctx.db, id)) throw alreadyExists(`execution ${formatExecutionId(id)} already exists`);
    insertExecution(ctx.db, execution, { inputs, userInputs: options.userInputs ?? userInputs });
  })();
  return id;
}

function relaunchLike(
  ctx: SandboxContext,
  sourceId: WorkflowExecutionIdentifier | undefined,
  name: string,
  mode: Mode,
  principal: string | undefined,
  overwriteCache?: boolean,
) {
  const source = mustGetExecution(ctx.db, sourceId);
  const data = getExecutionData(ctx.db, source.id);
  const spec = clone(ExecutionSpecSchema, source.execution.spec ?? create(ExecutionSpecSchema));
  if (spec.metadata) spec.metadata.parentNodeExecution = undefined;
  if (overwriteCache !== undefined) spec.overwriteCache = overwriteCache;
  const id = launchExecution(
    ctx,
    create(ExecutionCreateRequestSchema, { project: source.execution.id!.project, domain: source.execution.id!.domain, name, spec }),
    { resolvedInputs: data.inputs, userInputs: data.userInputs, mode, referenceExecution: source.execution.id, principal },
  );
  return create(ExecutionCreateResponseSchema, { id });
}

export function launchService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    createExecution(req, context) {
      return create(ExecutionCreateResponseSchema, { id: launchExecution(ctx, req, { principal: callerOf(context)?.subject }) });
    },
    relaunchExecution(req, context) {
      return relaunchLike(ctx, req.id, req.name, Mode.RELAUNCH, callerOf(context)?.subject, req.overwriteCache);
    },
    recoverExecution(req, context) {
      return relaunchLike(ctx, req.id, req.name, Mode.RECOVERED, callerOf(context)?.subject);
    },
  };
}
