// TerminateExecution (→ ABORTING; the executor aborts running nodes and finishes at ABORTED)
// and UpdateExecution (archive / unarchive).
import { clone, create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import {
  ExecutionClosureSchema,
  ExecutionSchema,
  ExecutionState,
  ExecutionTerminateResponseSchema,
  ExecutionUpdateResponseSchema,
} from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { callerOf } from "../auth/grpc";
import { updateExecution } from "../store/executions";
import type { SandboxContext } from "./context";
import { invalidArgument } from "./errors";
import { formatExecutionId, mustGetExecution } from "./executions";
import { alreadyInTerminalState, WORKFLOW_TERMINAL } from "./phaseRules";

export function terminateExecution(ctx: SandboxContext, id: Parameters<typeof mustGetExecution>[1], cause: string, principal = "sandbox"): void {
  ctx.db.transaction(() => {
    const stored = mustGetExecution(ctx.db, id);
    const e = clone(ExecutionSchema, stored.execution);
    const c = (e.closure ??= create(ExecutionClosureSchema));
    if (WORKFLOW_TERMINAL.has(c.phase)) throw alreadyInTerminalState(`workflow execution ${formatExecutionId(id)}`, WP[c.phase]);
    if (c.phase === WP.ABORTING) return;
    const now = timestampFromMs(ctx.now());
    c.phase = WP.ABORTING;
    c.updatedAt = now;
    c.outputResult = { case: "abortMetadata", value: { $typeName: "flyteidl.admin.AbortMetadata", cause, principal } };
    updateExecution(ctx.db, stored.id, e, ctx.now());
  })();
}

export function executionStateService(ctx: SandboxContext): Partial<ServiceImpl<typeof AdminService>> {
  return {
    terminateExecution(req, context) {
      terminateExecution(ctx, req.id, req.cause || "terminated", callerOf(context)?.subject);
      return create(ExecutionTerminateResponseSchema);
    },

    updateExecution(req, context) {
      const caller = callerOf(context)?.subject;
      if (req.state !== ExecutionState.EXECUTION_ACTIVE && req.state !== ExecutionState.EXECUTION_ARCHIVED) {
        throw invalidArgument(`invalid execution state ${req.state}`);
      }
      ctx.db.transaction(() => {
        const stored = mustGetExecution(ctx.db, req.id);
        const e = clone(ExecutionSchema, stored.execution);
        const c = (e.closure ??= create(ExecutionClosureSchema));
        c.stateChangeDetails = {
          $typeName: "flyteidl.admin.ExecutionStateChangeDetails",
          state: req.state,
          occurredAt: timestampFromMs(ctx.now()),
          principal: caller ?? e.spec?.metadata?.principal ?? "sandbox",
        };
        updateExecution(ctx.db, stored.id, e, ctx.now());
      })();
      return create(ExecutionUpdateResponseSchema);
    },
  };
}
