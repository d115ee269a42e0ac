// Which groups a graph opens with. Apart from layout.ts, which brings dagre: the browser's page reads this
// without loading the layout code, which runs in a worker (or on the server).
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";

/** Graphs with fewer nodes than this open every group; bigger ones open with groups closed. */
const OPEN_ALL_BELOW = 40;

/** The closure's node count: its workflow's and its sub-workflows' nodes (not branch cases or array inner nodes). */
export function closureNodeCount(closure: CompiledWorkflowClosure): number {
  return (closure.primary?.template?.nodes.length ?? 0) + closure.subWorkflows.reduce((s, w) => s + (w.template?.nodes.length ?? 0), 0);
}

/** Which groups a graph opens with until the viewer toggles one: all in a small workflow, none in a large one. */
export function defaultExpanded(closure: CompiledWorkflowClosure): "all" | ReadonlySet<string> {
  return closureNodeCount(closure) < OPEN_ALL_BELOW ? "all" : new Set();
}
