// What the simulated executor sees of one execution: everything the store holds about it,
// read fresh each round, so the store stays the only state (a restart resumes from it).
import { ExecutionMetadata_ExecutionMode, type ExecutionMetadata } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { LiteralMapSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import { create } from "@bufbuild/protobuf";
import type { ExecutionSnapshot } from "../executor/types";
import { childExecutions, getExecution, getExecutionData, type StoredExecution } from "../store/executions";
import { allNodeExecutionData, allNodeExecutions } from "../store/nodeExecutions";
import { allSignals } from "../store/signals";
import { allTaskExecutions } from "../store/taskExecutions";
import type { Db } from "../store/db";
import { cacheLookup } from "./cache";
import { findLaunchPlan, findWorkflow } from "./lookups";

function dataMaps(db: Db, executionRowId: number) {
  const data = allNodeExecutionData(db, executionRowId);
  const nodeInputs = new Map<string, LiteralMap>();
  const nodeOutputs = new Map<string, LiteralMap>();
  for (const [nodeId, d] of data) {
    if (d.inputs) nodeInputs.set(nodeId, d.inputs);
    if (d.outputs) nodeOutputs.set(nodeId, d.outputs);
  }
  return { nodeInputs, nodeOutputs };
}

/** Task attempts per node id made by `from` and by every execution it recovered in turn. */
function earlierAttempts(db: Db, from: StoredExecution): Map<string, number> {
  const counts = new Map<string, number>();
  const seen = new Set<number>();
  for (let current: StoredExecution | undefined = from; current && !seen.has(current.id); ) {
    seen.add(current.id);
    for (const te of allTaskExecutions(db, current.id)) {
      const nodeId = te.id?.nodeExecutionId?.nodeId;
      if (nodeId !== undefined) counts.set(nodeId, (counts.get(nodeId) ?? 0) + 1);
    }
    const m: ExecutionMetadata | undefined = current.execution.spec?.metadata;
    current = m?.mode === ExecutionMetadata_ExecutionMode.RECOVERED && m.referenceExecution ? getExecution(db, m.referenceExecution) : undefined;
  }
  return counts;
}

/** The snapshot, or undefined when the execution's workflow is not registered (nothing to run). */
export function buildSnapshot(db: Db, stored: StoredExecution): ExecutionSnapshot | undefined {
  const execution = stored.execution;
  const workflowId = execution.closure?.workflowId;
  const closure = workflowId && findWorkflow(db, workflowId)?.closure?.compiledWorkflow;
  if (!closure) return undefined;
  const data = getExecutionData(db, stored.id);
  const { nodeInputs, nodeOutputs } = dataMaps(db, stored.id);

  let recoverFrom: ExecutionSnapshot["recoverFrom"];
  const meta = execution.spec?.metadata;
  if (meta?.mode === ExecutionMetadata_ExecutionMode.RECOVERED && meta.referenceExecution) {
    const ref = getExecution(db, meta.referenceExecution);
    if (ref) {
      recoverFrom = {
        nodeExecutions: allNodeExecutions(db, ref.id).map((n) => n.nodeExecution),
        nodeOutputs: dataMaps(db, ref.id).nodeOutputs,
        attempts: earlierAttempts(db, ref),
      };
    }
  }

  const lpClosures = new Map<string, CompiledWorkflowClosure | undefined>();
  return {
    execution,
    inputs: data.inputs ?? data.userInputs ?? create(LiteralMapSchema),
    closure,
    nodeExecutions: allNodeExecutions(db, stored.id).map((n) => n.nodeExecution),
    taskExecutions: allTaskExecutions(db, stored.id),
    nodeInputs,
    nodeOutputs,
    signals: allSignals(db, stored.id),
    childExecutions: childExecutions(db, execution.id!),
    recoverFrom,
    launchPlanWorkflow(id: Identifier) {
      const key = `${id.project}/${id.domain}/${id.name}/${id.version}`;
      if (!lpClosures.has(key)) {
        const wf = findLaunchPlan(db, id)?.spec?.workflowId;
        lpClosures.set(key, wf ? findWorkflow(db, wf)?.closure?.compiledWorkflow : undefined);
      }
      return lpClosures.get(key);
    },
    cacheLookup: (task, cacheVersion, inputs) => cacheLookup(db, task, cacheVersion, inputs),
  };
}
