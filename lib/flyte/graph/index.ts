// The DAG model: closure → graph (build), node executions → phases per node (overlay), sizes for layout.
export { buildWorkflowGraph, childNodeId, edgeId, graphNodeName, visibleGraph } from "./build";
export { closureHash } from "./hash";
export { NODE_SIZES, layoutInput, nodeSize } from "./layout-input";
export type { LayoutEdgeInput, LayoutInput, LayoutNodeInput } from "./layout-input";
export { branchTakenCase, buildExecutionOverlay, nodeExecutionKey, withSubTaskPhases } from "./overlay";
export type { ExecutionOverlay, NodeExecutionInput, NodeOverlayEntry } from "./overlay";
export { GROUP_KINDS } from "./types";
export type {
  BuildGraphOptions,
  GraphBranchCase,
  GraphEdge,
  GraphGate,
  GraphNode,
  GraphNodeKind,
  WorkflowGraph,
} from "./types";
