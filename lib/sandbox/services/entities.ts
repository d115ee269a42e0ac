// Reads of registered versions: Get/List of tasks, workflows and launch plans, and the
// List*Ids calls (distinct names).
import { create, fromBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { NamedEntityIdentifierListSchema, type NamedEntityIdentifierListRequest, type ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { LaunchPlanListSchema, LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskListSchema, TaskSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowListSchema, WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { ResourceType, type Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { getEntityRow, listEntityRows, listNamedEntities, type EntityTable } from "../store/entities";
import type { SandboxContext } from "./context";
import { notFound, requireFields, requireLimit } from "./errors";
import { formatIdentifier } from "./lookups";
import { answersInBinary, opaqueMessage } from "@/lib/protobuf/opaque";

const WHAT: Record<EntityTable, string> = { tasks: "task", workflows: "workflow", launch_plans: "launch plan" };

export function entityReads(ctx: SandboxContext) {
  /** `opaque`: the stored bytes as they are, for a reply in binary that nobody here reads (lib/protobuf/opaque.ts). */
  function get<D extends DescMessage>(table: EntityTable, schema: D, id: Identifier | undefined, opaque = false): MessageShape<D> {
    requireFields(`${WHAT[table]} id`, { project: id?.project, domain: id?.domain, name: id?.name, version: id?.version });
    const row = getEntityRow(ctx.db, table, id!);
    if (!row) throw notFound(`${WHAT[table]} ${formatIdentifier(id)} not found`);
    return opaque ? opaqueMessage(schema, row.message) : fromBinary(schema, row.message);
  }

  function list<D extends DescMessage>(table: EntityTable, schema: D, req: ResourceListRequest): { items: MessageShape<D>[]; token: string } {
    requireFields(`list ${WHAT[table]}s request`, { project: req.id?.project, domain: req.id?.domain });
    requireLimit(req.limit);
    const { rows, token } = listEntityRows(ctx.db, table, {
      project: req.id!.project,
      domain: req.id!.domain,
      name: req.id!.name,
      filters: req.filters,
      sort: req.sortBy,
      limit: req.limit,
      token: req.token,
    });
    return { items: rows.map((r) => fromBinary(schema, r)), token };
  }

  function ids(type: ResourceType, req: NamedEntityIdentifierListRequest) {
    requireFields("list ids request", { project: req.project, domain: req.domain });
    requireLimit(req.limit);
    const { entities, token } = listNamedEntities(ctx.db, type, {
      project: req.project,
      domain: req.domain,
      filters: req.filters,
      sort: req.sortBy,
      limit: req.limit,
      token: req.token,
    });
    return create(NamedEntityIdentifierListSchema, {
      entities: entities.map((e) => ({ project: e.project, domain: e.domain, name: e.name })),
      token,
    });
  }

  return { get, list, ids };
}

export function entityReadService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  const { get, list, ids } = entityReads(ctx);
  return {
    getTask: (req, call) => get("tasks", TaskSchema, req.id, answersInBinary(call.requestHeader)),
    getWorkflow: (req, call) => get("workflows", WorkflowSchema, req.id, answersInBinary(call.requestHeader)),
    getLaunchPlan: (req, call) => get("launch_plans", LaunchPlanSchema, req.id, answersInBinary(call.requestHeader)),
    listTasks(req) {
      const { items, token } = list("tasks", TaskSchema, req);
      return create(TaskListSchema, { tasks: items, token });
    },
    listWorkflows(req) {
      const { items, token } = list("workflows", WorkflowSchema, req);
      return create(WorkflowListSchema, { workflows: items, token });
    },
    listLaunchPlans(req) {
      const { items, token } = list("launch_plans", LaunchPlanSchema, req);
      return create(LaunchPlanListSchema, { launchPlans: items, token });
    },
    listTaskIds: (req) => ids(ResourceType.TASK, req),
    listWorkflowIds: (req) => ids(ResourceType.WORKFLOW, req),
    listLaunchPlanIds: (req) => ids(ResourceType.LAUNCH_PLAN, req),
  };
}
