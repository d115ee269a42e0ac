"use client";

import { useCallback, useMemo, useState } from "react";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { closureNodeCount, defaultExpanded } from "@/lib/flyte/graph/default-expanded";

/**
 * The graph of a compiled workflow, with the groups the user opened or closed. Until they toggle one,
 * small workflows show every group open and large ones show them closed.
 */
export function useWorkflowGraph(closure: CompiledWorkflowClosure | undefined, dynamicClosures?: ReadonlyMap<string, CompiledWorkflowClosure>) {
  const [expanded, setExpanded] = useState<ReadonlySet<string> | undefined>(undefined);
  const nodeCount = closure ? closureNodeCount(closure) : 0;
  const graph = useMemo(
    () => (closure ? buildWorkflowGraph(closure, { expanded: expanded ?? defaultExpanded(closure), dynamicClosures }) : undefined),
    [closure, expanded, dynamicClosures],
  );
  const toggleGroup = useCallback(
    (graphId: string) => {
      if (!graph) return;
      const next = new Set(expanded ?? graph.nodes.filter((n) => n.expanded).map((n) => n.id));
      if (next.has(graphId)) next.delete(graphId);
      else next.add(graphId);
      setExpanded(next);
    },
    [graph, expanded],
  );
  return { graph, nodeCount, toggleGroup };
}
