// Gate nodes: approve and signal gates ask for their signal (GetOrCreateSignal) and stay RUNNING until
// it has a value; sleep gates stay RUNNING for their duration. Outputs as FlytePropeller writes them:
// approve passes its inputs through, signal outputs the value under output_variable_name.
import { create } from "@bufbuild/protobuf";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { SignalGetOrCreateRequestSchema } from "@/lib/gen/flyteidl/admin/signal_pb";
import { ExecutionError_ErrorKind, NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { LiteralTypeSchema, SimpleType, type LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { nodeStartedMs, type NodeCtx } from "./context";
import { emitNodeEvent, executionError } from "./events";
import { literalMap } from "./literals";
import { failNode, nodeInputs } from "./node-common";

function booleanOf(l: Literal): boolean | undefined {
  if (l.value.case !== "scalar" || l.value.value.value.case !== "primitive") return undefined;
  const p = l.value.value.value.value.value;
  return p.case === "boolean" ? p.value : undefined;
}

function signalWait(n: NodeCtx, signalId: string, type: LiteralType | undefined): Literal | undefined {
  const signal = n.r.signals.get(signalId);
  if (!signal) {
    n.r.actions.push({
      kind: "signal",
      request: create(SignalGetOrCreateRequestSchema, { id: { executionId: n.r.execId, signalId }, type }),
    });
  }
  return signal?.value;
}

const BOOLEAN = create(LiteralTypeSchema, { type: { case: "simple", value: SimpleType.BOOLEAN } });

export function stepGateNode(n: NodeCtx): void {
  if (n.node.target.case !== "gateNode") return;
  const condition = n.node.target.value.condition;
  const now = n.r.now;
  if (n.ne?.closure?.phase === NodeExecution_Phase.QUEUED) {
    if (condition.case === "approve") signalWait(n, condition.value.signalId, BOOLEAN);
    if (condition.case === "signal") signalWait(n, condition.value.signalId, condition.value.type);
    return emitNodeEvent(n, NodeExecution_Phase.RUNNING, now);
  }
  switch (condition.case) {
    case "approve": {
      const value = signalWait(n, condition.value.signalId, BOOLEAN);
      if (!value) return;
      const approved = booleanOf(value);
      if (approved === undefined) {
        return failNode(n, "RuntimeExecutionError", `received a non-boolean approve signal value`, ExecutionError_ErrorKind.UNKNOWN);
      }
      if (!approved) {
        return emitNodeEvent(n, NodeExecution_Phase.FAILED, now, {
          outputResult: {
            case: "error",
            value: executionError(
              "ReceivedRejectSignal",
              `approval [${condition.value.signalId}] was rejected: received a reject signal to disapprove the node input values`,
              ExecutionError_ErrorKind.USER,
              now,
            ),
          },
        });
      }
      return emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, now, { outputResult: { case: "outputData", value: nodeInputs(n) } });
    }
    case "signal": {
      const value = signalWait(n, condition.value.signalId, condition.value.type);
      if (!value) return;
      const name = condition.value.outputVariableName || "o0";
      return emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, now, {
        outputResult: { case: "outputData", value: literalMap({ [name]: value }) },
      });
    }
    case "sleep": {
      const sleep = condition.value.duration ? durationMs(condition.value.duration) : 0;
      const wakeAt = nodeStartedMs(n) + sleep;
      if (now < wakeAt) return;
      return emitNodeEvent(n, NodeExecution_Phase.SUCCEEDED, wakeAt, { outputResult: { case: "outputData", value: literalMap() } });
    }
    default:
      return failNode(n, "BadSpecificationError", "gate node has no approve, signal or sleep condition");
  }
}
