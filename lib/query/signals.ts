"use client";

// Gate nodes: which gate a node execution waits at (from its workflow's closure) and the
// SetSignal request that answers it. The mutation itself is useSetSignal in ./actions.
import { create } from "@bufbuild/protobuf";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { SignalSetRequestSchema, type SignalSetRequest } from "@/lib/gen/flyteidl/admin/signal_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { gateOfNodeExecution, type Gate } from "@/lib/flyte/actions/gates";
import { useExecution } from "./use-execution";
import { useExecutionClosure } from "./workflows";

/** SetSignal: `value` for the signal `signalId` of the execution that `ne` belongs to. */
export function setSignalRequest(ne: NodeExecution, signalId: string, value: Literal): SignalSetRequest {
  const e = ne.id!.executionId!;
  return create(SignalSetRequestSchema, { id: { signalId, executionId: { project: e.project, domain: e.domain, name: e.name } }, value });
}

/** The gate a node execution runs, or undefined (also while the closure loads). */
export function useGate(ne: NodeExecution): Gate | undefined {
  const execution = useExecution(ne.id?.executionId);
  const closure = useExecutionClosure(execution.data?.closure?.workflowId);
  return gateOfNodeExecution(closure, ne);
}
