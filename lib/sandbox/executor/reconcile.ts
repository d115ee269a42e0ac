// The sandbox's FlytePropeller: one pure reconcile round for one execution. It reads the compiled
// closure and what the store recorded, and answers with the next transitions, each a separate event:
//   workflow  UNDEFINED → QUEUED → RUNNING → SUCCEEDING → SUCCEEDED (outputs from the output bindings)
//                                          → FAILING → (running nodes ABORTED) → failure node, if any → FAILED
//             ABORTING (TerminateExecution) → running nodes ABORTED → ABORTED
//   nodes     as node-step.ts and the per-kind modules describe.
// Randomness comes from hashes of execution name, node id and attempt; time from `nowMs` and the
// recorded event times only, so the same snapshot and time always give the same actions.
//
// The store must record events with FlyteAdmin's semantics, which this relies on: closure.created_at is
// the first event's occurred_at, started_at the RUNNING event's, updated_at the latest event's; node
// inputs/outputs (input_data/output_data) land in snapshot.nodeInputs/nodeOutputs; a task event's
// metadata.external_resources replaces the recorded list.
import { ExecutionError_ErrorKind, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ms, newRound, type Round, type Scope } from "./context";
import { emitWorkflowEvent, executionError } from "./events";
import { abortFailureNode, stepFailing } from "./failure-node";
import { NODE_STEPPERS } from "./node-kinds";
import { abortScope, scopeOutputs, stepScope } from "./scope";
import type { Reconcile } from "./types";

function primaryScope(r: Round): Scope | undefined {
  const primary = r.snap.closure.primary;
  if (!primary?.template) return undefined;
  return { template: primary.template, connections: primary.connections, inputs: r.snap.inputs, closure: r.closure };
}

function abortReason(r: Round): string {
  const out = r.snap.execution.closure?.outputResult;
  if (out?.case === "abortMetadata" && out.value.cause) return out.value.cause;
  if (out?.case === "abortCause" && out.value) return out.value;
  return "execution terminated";
}

export const reconcile: Reconcile = (snapshot, nowMs, config) => {
  const r = newRound(snapshot, nowMs, config, NODE_STEPPERS);
  const closure = snapshot.execution.closure;
  const phase = closure?.phase ?? WorkflowExecution_Phase.UNDEFINED;
  const scope = primaryScope(r);
  if (!scope) {
    if (phase !== WorkflowExecution_Phase.FAILED && phase !== WorkflowExecution_Phase.ABORTED) {
      emitWorkflowEvent(r, WorkflowExecution_Phase.FAILED, nowMs, {
        outputResult: {
          case: "error",
          value: executionError("BadSpecification", "the workflow closure has no primary workflow", ExecutionError_ErrorKind.SYSTEM, nowMs),
        },
      });
    }
    return r.actions;
  }
  switch (phase) {
    case WorkflowExecution_Phase.UNDEFINED:
      emitWorkflowEvent(r, WorkflowExecution_Phase.QUEUED, nowMs);
      break;
    case WorkflowExecution_Phase.QUEUED: {
      const queuedAt = ms(closure?.updatedAt) ?? ms(closure?.createdAt) ?? nowMs;
      if (nowMs >= queuedAt + config.queueDelayMs) emitWorkflowEvent(r, WorkflowExecution_Phase.RUNNING, nowMs);
      break;
    }
    case WorkflowExecution_Phase.RUNNING: {
      const status = stepScope(r, scope);
      if (status.state === "succeeded") emitWorkflowEvent(r, WorkflowExecution_Phase.SUCCEEDING, nowMs);
      if (status.state === "failed") {
        emitWorkflowEvent(r, WorkflowExecution_Phase.FAILING, nowMs, { outputResult: { case: "error", value: status.error } });
      }
      break;
    }
    case WorkflowExecution_Phase.SUCCEEDING:
      emitWorkflowEvent(r, WorkflowExecution_Phase.SUCCEEDED, nowMs, {
        outputResult: { case: "outputData", value: scopeOutputs(r, scope, `${r.execId.name}/outputs`) },
      });
      break;
    case WorkflowExecution_Phase.FAILING: {
      const error = stepFailing(r, scope);
      if (error) emitWorkflowEvent(r, WorkflowExecution_Phase.FAILED, nowMs, { outputResult: { case: "error", value: error } });
      break;
    }
    case WorkflowExecution_Phase.ABORTING:
      abortScope(r, scope, abortReason(r));
      abortFailureNode(r, scope, abortReason(r));
      emitWorkflowEvent(r, WorkflowExecution_Phase.ABORTED, nowMs);
      break;
    default:
      break;
  }
  return r.actions;
};
