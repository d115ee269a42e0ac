// The graph model the DAG view draws: built once per closure (and expanded set), never per phase change.
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import type { StaticNodeKind } from "../closure";

/** A template's node kind, or "dynamic": a task node that yielded a workflow when it ran. */
export type GraphNodeKind = StaticNodeKind | "dynamic";

/**
 * Kinds drawn as a group that can expand in place. Array nodes are not: their sub-nodes are counted per phase on
 * the node and listed in its panel, like FlytePropeller reports them (one task execution whose external resources
 * are the sub-tasks). Launch-plan nodes are not either: FlytePropeller runs them as a separate child execution,
 * which the node links to, as flyteconsole does.
 */
export const GROUP_KINDS: ReadonlySet<GraphNodeKind> = new Set(["subworkflow", "branch", "dynamic"]);

export interface GraphBranchCase {
  label: "if" | "elif" | "else";
  /** Graph id of the case's node. */
  nodeId: string;
  condition?: string;
}

export type GraphGate =
  | { kind: "approve"; signalId: string }
  | { kind: "signal"; signalId: string; outputVariable: string }
  | { kind: "sleep"; durationMs?: number };

export interface GraphNode {
  /**
   * Unique in the graph. Top-level nodes keep their spec id; a node inside a group is
   * `${parentId}-0-${specNodeId}`, FlytePropeller's node-execution id for attempt 0 of the parent.
   */
  id: string;
  /** The node's id in its own workflow template (what NodeExecution metadata.specNodeId says). */
  specNodeId: string;
  name: string;
  kind: GraphNodeKind;
  /** Task type ("python-task", "container_array", …) for task, array and dynamic nodes. */
  taskType?: string;
  /** The task, sub-workflow or launch plan the node refers to. */
  reference?: Identifier;
  /** The template node (undefined for the start/end nodes drawn inside a branch). */
  spec?: Node;
  parentId?: string;
  depth: number;
  /** Direct children, in drawing order (groups only; nested start/end included). */
  childIds: string[];
  /** Drawn as a group that can expand (GROUP_KINDS). */
  expandable: boolean;
  expanded: boolean;
  /** Every ancestor is expanded. */
  visible: boolean;
  branch?: { cases: GraphBranchCase[]; elseError?: string };
  gate?: GraphGate;
  /** The legacy map task: a task node whose sub-tasks are task-execution external resources. */
  isMapTask?: boolean;
  /** The workflow's failure node (failure_node): runs only when its workflow fails. */
  failureNode?: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** The group both ends sit in; undefined at the top level. */
  parentId?: string;
  /** "failure": from a workflow's end node to its failure node, which runs only when the workflow fails. */
  kind?: "failure";
  label?: string;
}

export interface WorkflowGraph {
  /** Parents before their children, workflow template order within a level. */
  nodes: GraphNode[];
  byId: ReadonlyMap<string, GraphNode>;
  edges: GraphEdge[];
  /** closureHash of the closure (and of the dynamic closures used) plus the expanded set. */
  layoutKey: string;
}

export interface BuildGraphOptions {
  /** Graph ids of groups to show open, or "all". Default: every group collapsed. */
  expanded?: ReadonlySet<string> | "all";
  /** Per graph node id, the closure GetDynamicNodeWorkflow returned for that dynamic node. */
  dynamicClosures?: ReadonlyMap<string, CompiledWorkflowClosure>;
}
