// Launch plan activation: at most one ACTIVE version per name (the one schedules use).
import { clone, create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import {
  LaunchPlanClosureSchema,
  LaunchPlanListSchema,
  LaunchPlanSchema,
  LaunchPlanState,
  LaunchPlanUpdateResponseSchema,
  type LaunchPlan,
} from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { getEntityRow, listEntityRows, updateEntity } from "../store/entities";
import type { Db } from "../store/db";
import type { SandboxContext } from "./context";
import { invalidArgument, notFound, requireFields, requireLimit } from "./errors";
import { formatIdentifier } from "./lookups";

const ACTIVE = { sql: "x.state = ?", params: [LaunchPlanState.ACTIVE] };

function activeVersion(db: Db, project: string, domain: string, name: string): LaunchPlan | undefined {
  const { rows } = listEntityRows(db, "launch_plans", { project, domain, name, filters: "", limit: 1, token: "", where: ACTIVE });
  return rows[0] && fromBinary(LaunchPlanSchema, rows[0]);
}

/** Sets a version's state; activating one deactivates the other versions of its name. */
export function setLaunchPlanState(db: Db, lp: LaunchPlan, state: LaunchPlanState, nowMs: number): void {
  const write = (target: LaunchPlan, s: LaunchPlanState) => {
    const row = getEntityRow(db, "launch_plans", target.id!);
    if (!row) return;
    const next = clone(LaunchPlanSchema, target);
    next.closure ??= create(LaunchPlanClosureSchema);
    next.closure.state = s;
    next.closure.updatedAt = timestampFromMs(nowMs);
    updateEntity(db, "launch_plans", row.id, toBinary(LaunchPlanSchema, next), { state: s, updated_at: nowMs });
  };
  db.transaction(() => {
    if (state === LaunchPlanState.ACTIVE) {
      const current = activeVersion(db, lp.id!.project, lp.id!.domain, lp.id!.name);
      if (current && current.id!.version !== lp.id!.version) write(current, LaunchPlanState.INACTIVE);
    }
    write(lp, state);
  })();
}

export function launchPlanStateService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    getActiveLaunchPlan(req) {
      requireFields("active launch plan request", { project: req.id?.project, domain: req.id?.domain, name: req.id?.name });
      const lp = activeVersion(ctx.db, req.id!.project, req.id!.domain, req.id!.name);
      if (!lp) throw notFound(`no active launch plan named ${req.id!.project}/${req.id!.domain}/${req.id!.name}`);
      return lp;
    },

    listActiveLaunchPlans(req) {
      requireFields("list active launch plans request", { project: req.project, domain: req.domain });
      requireLimit(req.limit);
      const { rows, token } = listEntityRows(ctx.db, "launch_plans", {
        project: req.project,
        domain: req.domain,
        filters: "",
        sort: req.sortBy,
        limit: req.limit,
        token: req.token,
        where: ACTIVE,
      });
      return create(LaunchPlanListSchema, { launchPlans: rows.map((r) => fromBinary(LaunchPlanSchema, r)), token });
    },

    updateLaunchPlan(req) {
      requireFields("launch plan id", { project: req.id?.project, domain: req.id?.domain, name: req.id?.name, version: req.id?.version });
      if (req.state !== LaunchPlanState.ACTIVE && req.state !== LaunchPlanState.INACTIVE) throw invalidArgument(`invalid launch plan state ${req.state}`);
      const row = getEntityRow(ctx.db, "launch_plans", req.id!);
      if (!row) throw notFound(`launch plan ${formatIdentifier(req.id)} not found`);
      setLaunchPlanState(ctx.db, fromBinary(LaunchPlanSchema, row.message), req.state, ctx.now());
      return create(LaunchPlanUpdateResponseSchema);
    },
  };
}
