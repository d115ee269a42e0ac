"use client";

import { useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { attemptStatus, type AttemptStatus } from "@/lib/flyte/attempt-phases";
import { buildExecutionOverlay, withAttemptStatus, withSubTaskPhases, type ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import type { WorkflowGraph } from "@/lib/flyte/graph/types";
import { nodePhase } from "@/lib/flyte/phases";
import type { SubTaskPhaseCounts } from "@/lib/flyte/sub-tasks";

export interface OverlayInputs {
  graph: WorkflowGraph | undefined;
  nodes: ReadonlyMap<string, NodeExecution>;
  /** Child node id → parent node id, from the watch stream. */
  parents: ReadonlyMap<string, string>;
  /** Sub-task counts by node execution id. */
  subTasks: ReadonlyMap<string, SubTaskPhaseCounts>;
  /** Task attempts by node execution id. */
  attempts: ReadonlyMap<string, readonly TaskExecution[]>;
}

/** Each stage of the overlay, kept so the next one reuses the entries that did not change. */
export interface OverlayStages {
  base: ExecutionOverlay;
  withSubTasks: ExecutionOverlay;
  withAttempts: ExecutionOverlay;
}

/** The graph's overlay for `inputs`, reusing the entries of `previous` that are unchanged. */
export function overlayStages({ graph, nodes, parents, subTasks, attempts }: OverlayInputs & { graph: WorkflowGraph }, previous?: OverlayStages): OverlayStages {
  const inputs = [...nodes.values()].map((ne) => ({ nodeExecution: ne, parentId: parents.get(ne.id?.nodeId ?? "") }));
  const base = buildExecutionOverlay(graph, inputs, previous?.base);
  const byGraphId = new Map<string, SubTaskPhaseCounts>();
  if (subTasks.size) {
    for (const [graphId, entry] of base) {
      const counts = subTasks.get(entry.nodeExecutionId);
      if (counts) byGraphId.set(graphId, counts);
    }
  }
  const withSubTasks = withSubTaskPhases(base, byGraphId, previous?.withSubTasks);
  const waiting = new Map<string, AttemptStatus>();
  if (attempts.size) {
    for (const [graphId, entry] of withSubTasks) {
      const list = attempts.get(entry.nodeExecutionId);
      const status = list && !nodePhase(entry.phase).isTerminal ? attemptStatus(list) : undefined;
      if (status) waiting.set(graphId, status);
    }
  }
  return { base, withSubTasks, withAttempts: withAttemptStatus(withSubTasks, waiting, previous?.withAttempts) };
}

const NO_OVERLAY: ExecutionOverlay = new Map();

const sameInputs = (a: OverlayInputs, b: OverlayInputs) =>
  a.graph === b.graph && a.nodes === b.nodes && a.parents === b.parents && a.subTasks === b.subTasks && a.attempts === b.attempts;

/**
 * The execution's overlay on its graph. The stages are kept in state (updated while rendering when an input
 * changes), so unchanged entries keep their identity from poll to poll and only changed graph nodes redraw.
 */
export function useExecutionOverlay(inputs: OverlayInputs): ExecutionOverlay {
  const [held, setHeld] = useState<{ inputs: OverlayInputs; stages?: OverlayStages }>(() => ({
    inputs,
    stages: inputs.graph ? overlayStages({ ...inputs, graph: inputs.graph }) : undefined,
  }));
  if (sameInputs(held.inputs, inputs)) return (inputs.graph && held.stages?.withAttempts) || NO_OVERLAY;
  const stages = inputs.graph ? overlayStages({ ...inputs, graph: inputs.graph }, held.stages) : held.stages;
  setHeld({ inputs, stages });
  return (inputs.graph && stages?.withAttempts) || NO_OVERLAY;
}
