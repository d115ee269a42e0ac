// SignalService: gate nodes ask for their signal (GetOrCreateSignal); a person sets it (SetSignal).
import { clone, create, equals } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { SignalListSchema, SignalSchema, SignalSetResponseSchema, type Signal, type SignalGetOrCreateRequest } from "@/lib/gen/flyteidl/admin/signal_pb";
import { LiteralSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { getSignal, insertSignal, listSignals, updateSignal } from "../store/signals";
import type { SandboxContext } from "./context";
import { failedPrecondition, invalidArgument, notFound, requireFields, requireLimit } from "./errors";
import { formatExecutionId, mustGetExecution } from "./executions";
import { literalTypeError } from "./literalTypes";

export function getOrCreateSignal(ctx: SandboxContext, req: SignalGetOrCreateRequest): Signal {
  requireFields("signal id", { signal_id: req.id?.signalId });
  return ctx.db.transaction(() => {
    const exec = mustGetExecution(ctx.db, req.id!.executionId);
    const found = getSignal(ctx.db, exec.id, req.id!.signalId);
    if (found) return found.signal;
    const signal = create(SignalSchema, { id: req.id, type: req.type });
    insertSignal(ctx.db, exec.id, signal, ctx.now());
    return signal;
  })();
}

export function signalService(ctx: SandboxContext): Partial<ServiceImpl<typeof SignalService>> {
  return {
    getOrCreateSignal: (req) => getOrCreateSignal(ctx, req),

    listSignals(req) {
      requireLimit(req.limit);
      const exec = mustGetExecution(ctx.db, req.workflowExecutionId);
      const { signals, token } = listSignals(ctx.db, { executionRowId: exec.id, filters: req.filters, sort: req.sortBy, limit: req.limit, token: req.token });
      return create(SignalListSchema, { signals, token });
    },

    setSignal(req) {
      requireFields("signal id", { signal_id: req.id?.signalId });
      if (!req.value) throw invalidArgument("missing value in set signal request");
      ctx.db.transaction(() => {
        const exec = mustGetExecution(ctx.db, req.id!.executionId);
        const found = getSignal(ctx.db, exec.id, req.id!.signalId);
        if (!found) throw notFound(`signal ${req.id!.signalId} of ${formatExecutionId(req.id!.executionId)} not found`);
        const err = literalTypeError(req.value!, found.signal.type, req.id!.signalId);
        if (err) throw invalidArgument(`invalid signal value: ${err}`);
        if (found.signal.value) {
          if (equals(LiteralSchema, found.signal.value, req.value!)) return;
          throw failedPrecondition(`signal ${req.id!.signalId} of ${formatExecutionId(req.id!.executionId)} is already set`);
        }
        const next = clone(SignalSchema, found.signal);
        next.value = req.value;
        updateSignal(ctx.db, found.rowId, next, ctx.now());
      })();
      return create(SignalSetResponseSchema);
    },
  };
}
