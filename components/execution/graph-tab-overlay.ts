"use client";

// What the graph tab paints on each node: phase, sub-task counts, a waiting attempt. Each poll or
// stream update derives a new overlay from the last one, keeping the entries that did not change so
// their nodes skip re-rendering.
import { useState } from "react";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { attemptStatus, type AttemptStatus } from "@/lib/flyte/attempt-phases";
import { buildExecutionOverlay, withAttemptStatus, withSubTaskPhases, type ExecutionOverlay } from "@/lib/flyte/graph/overlay";
import type { WorkflowGraph } from "@/lib/flyte/graph/types";
import { nodePhase } from "@/lib/flyte/phases";
import type { SubTaskPhaseCounts } from "@/lib/flyte/sub-tasks";

export interface OverlayInputs {
  graph: WorkflowGraph;
  nodes: ReadonlyMap<string, NodeExecution>;
  /** Child node id → parent node id, from the watch stream. */
  parents: ReadonlyMap<string, string>;
  /** Node execution id → its array node's sub-task counts. */
  subTasks: ReadonlyMap<string, SubTaskPhaseCounts>;
  /** Node execution id → the attempts of its running task. */
  attempts: ReadonlyMap<string, readonly TaskExecution[]>;
}

/** Each stage of the overlay, kept so the next derivation can reuse what did not change at that stage. */
export interface OverlayChain {
  base: ExecutionOverlay;
  withSubTasks: ExecutionOverlay;
  withAttempts: ExecutionOverlay;
}

/** The next overlay chain from `previous` (pure). */
export function nextOverlayChain({ graph, nodes, parents, subTasks, attempts }: OverlayInputs, previous?: OverlayChain): OverlayChain {
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

const EMPTY: ExecutionOverlay = new Map();

interface Derived {
  inputs: readonly unknown[];
  chain: OverlayChain | undefined;
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * The overlay for the current inputs. The last chain is state, replaced during render when an input
 * changed (React's pattern for information from previous renders): a render React discards leaves
 * nothing behind, unlike a ref written inside useMemo.
 */
export function useExecutionOverlay(graph: WorkflowGraph | undefined, rest: Omit<OverlayInputs, "graph">): ExecutionOverlay {
  const [derived, setDerived] = useState<Derived>({ inputs: [], chain: undefined });
  const inputs = [graph, rest.nodes, rest.parents, rest.subTasks, rest.attempts];
  let chain = derived.chain;
  if (!same(derived.inputs, inputs)) {
    if (graph) chain = nextOverlayChain({ graph, ...rest }, derived.chain);
    setDerived({ inputs, chain });
  }
  return graph && chain ? chain.withAttempts : EMPTY;
}
