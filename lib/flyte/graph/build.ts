// CompiledWorkflowClosure → WorkflowGraph (nodes, groups, edges), the way flyteconsole draws it.
import type { CompiledWorkflow, CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import {
  END_NODE_ID,
  START_NODE_ID,
  branchCases,
  findSubWorkflow,
  findTaskTemplate,
  indexClosure,
  isMapTaskType,
  nodeDisplayName,
  nodeReference,
  referenceKey,
  staticNodeKind,
  workflowDownstream,
  type ClosureIndex,
} from "../closure";
import { StringHasher, closureHash } from "./hash";
import {
  GROUP_KINDS,
  type BuildGraphOptions,
  type GraphEdge,
  type GraphGate,
  type GraphNode,
  type GraphNodeKind,
  type WorkflowGraph,
} from "./types";

/** Graph id of a node inside a group: FlytePropeller's unique id for attempt 0 of the parent. */
export function childNodeId(parentId: string | undefined, specNodeId: string): string {
  return parentId === undefined ? specNodeId : `${parentId}-0-${specNodeId}`;
}

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

/*
 * A dynamic node's closure carries its own tasks and sub-workflows; references are looked up innermost first,
 * then in the closures around it.
 */
type Scope = readonly ClosureIndex[];

class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly byId = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  private readonly edgeIds = new Set<string>();
  /** Sub-workflows being expanded on the current path: a malformed closure must not recurse forever. */
  private workflowPath = new Set<string>();
  readonly extraHashes: string[] = [];

  constructor(private readonly opts: BuildGraphOptions) {}

  workflow(scope: Scope, wf: CompiledWorkflow | undefined, parent: GraphNode | undefined): void {
    const template = wf?.template;
    if (!wf || !template) return;
    const pathKey = referenceKey(template.id);
    if (parent && this.workflowPath.has(pathKey)) return;
    this.workflowPath.add(pathKey);
    const downstream = workflowDownstream(wf);
    const graphIds = new Map<string, string>();
    // An uncompiled template has no start/end nodes; draw them when edges reach them.
    const needsStart = downstream.has(START_NODE_ID) && !template.nodes.some((n) => n.id === START_NODE_ID);
    const needsEnd =
      !template.nodes.some((n) => n.id === END_NODE_ID) && [...downstream.values()].some((tos) => tos.includes(END_NODE_ID));
    if (needsStart) graphIds.set(START_NODE_ID, this.add(parent, START_NODE_ID, "start", "start").id);
    for (const spec of template.nodes) graphIds.set(spec.id, this.node(scope, spec, parent).id);
    if (needsEnd) graphIds.set(END_NODE_ID, this.add(parent, END_NODE_ID, "end", "end").id);
    for (const [from, tos] of downstream) {
      const source = graphIds.get(from);
      for (const to of tos) {
        const target = graphIds.get(to);
        if (source !== undefined && target !== undefined) this.edge(source, target, parent);
      }
    }
    if (template.failureNode) this.failureNode(scope, template.failureNode, parent, graphIds.get(END_NODE_ID) ?? graphIds.get(START_NODE_ID));
    this.workflowPath.delete(pathKey);
  }

  private node(scope: Scope, spec: Node, parent: GraphNode | undefined): GraphNode {
    let kind: GraphNodeKind = staticNodeKind(spec);
    const task = kind === "task" || kind === "array" ? this.task(scope, innerTaskReference(spec)) : undefined;
    const id = this.uniqueId(childNodeId(parent?.id, spec.id));
    const dynamic = kind === "task" ? this.opts.dynamicClosures?.get(id) : undefined;
    const isMapTask = kind === "task" && isMapTaskType(task?.type);
    if (isMapTask) kind = "array";
    else if (dynamic) kind = "dynamic";
    const node = this.add(parent, spec.id, kind, nodeDisplayName(spec), id, spec);
    node.reference = nodeReference(spec);
    if (task) node.taskType = task.type;
    if (isMapTask) node.isMapTask = true;
    const t = spec.target;
    if (dynamic?.primary) {
      this.nested(id, dynamic, [indexClosure(dynamic), ...scope], node);
    } else if (t.case === "workflowNode" && kind === "subworkflow") {
      this.workflow(scope, this.subWorkflow(scope, t.value.reference.value), node);
    } else if (t.case === "branchNode") {
      this.branch(scope, spec, node);
    } else if (t.case === "gateNode") {
      node.gate = gateOf(spec);
    } else if (t.case === "arrayNode" && t.value.node) {
      this.node(scope, t.value.node, node);
    }
    return node;
  }

  /*
   * FlytePropeller runs the failure node only once the workflow fails; its connections hold its binding edges
   * (from start-node, and any node it reads), which would place it among the nodes that run in order. It is
   * drawn after the end node instead, by one edge of its own.
   */
  private failureNode(scope: Scope, spec: Node, parent: GraphNode | undefined, attachTo: string | undefined): void {
    const node = this.node(scope, spec, parent);
    node.failureNode = true;
    if (attachTo !== undefined) this.edge(attachTo, node.id, parent, "failure");
  }

  /*
   * A closure fetched for one dynamic node at run time. It may legitimately run a workflow that
   * encloses it (merge sort's dynamic task calls merge_sort), so the recursion guard starts afresh.
   */
  private nested(id: string, closure: CompiledWorkflowClosure, scope: Scope, node: GraphNode): void {
    this.extraHashes.push(`${id}:${closureHash(closure)}`);
    const saved = this.workflowPath;
    this.workflowPath = new Set();
    this.workflow(scope, closure.primary, node);
    this.workflowPath = saved;
  }

  /* Like flyteconsole: a start and an end inside the group, every case between them. */
  private branch(scope: Scope, spec: Node, node: GraphNode): void {
    const { cases, elseError } = branchCases(spec);
    const start = this.add(node, START_NODE_ID, "start", "start");
    const caseNodes = cases.map((c) => ({ c, n: this.node(scope, c.node, node) }));
    const end = this.add(node, END_NODE_ID, "end", "end");
    for (const { n } of caseNodes) {
      this.edge(start.id, n.id, node);
      this.edge(n.id, end.id, node);
    }
    node.branch = {
      cases: caseNodes.map(({ c, n }) => ({ label: c.label, nodeId: n.id, condition: c.condition })),
      elseError,
    };
  }

  private add(
    parent: GraphNode | undefined,
    specNodeId: string,
    kind: GraphNodeKind,
    name: string,
    id = this.uniqueId(childNodeId(parent?.id, specNodeId)),
    spec?: Node,
  ): GraphNode {
    const expandable = GROUP_KINDS.has(kind);
    const expanded = this.opts.expanded;
    const node: GraphNode = {
      id,
      specNodeId,
      name,
      kind,
      spec,
      parentId: parent?.id,
      depth: parent ? parent.depth + 1 : 0,
      childIds: [],
      expandable,
      expanded: expandable && (expanded === "all" || (expanded?.has(id) ?? false)),
      visible: parent ? parent.visible && parent.expanded : true,
    };
    parent?.childIds.push(id);
    this.nodes.push(node);
    this.byId.set(id, node);
    return node;
  }

  private edge(source: string, target: string, parent: GraphNode | undefined, kind?: "failure"): void {
    const id = edgeId(source, target);
    if (this.edgeIds.has(id)) return;
    this.edgeIds.add(id);
    const edge: GraphEdge = { id, source, target, parentId: parent?.id };
    if (kind === "failure") Object.assign(edge, { kind, label: "on failure" });
    this.edges.push(edge);
  }

  /* Ids only repeat in malformed closures; keep every node anyway. */
  private uniqueId(id: string): string {
    if (!this.byId.has(id)) return id;
    let n = 2;
    while (this.byId.has(`${id}~${n}`)) n++;
    return `${id}~${n}`;
  }

  private task(scope: Scope, id: Identifier | undefined): TaskTemplate | undefined {
    for (const index of scope) {
      const t = findTaskTemplate(index, id);
      if (t) return t;
    }
    return undefined;
  }

  private subWorkflow(scope: Scope, id: Identifier | undefined): CompiledWorkflow | undefined {
    for (const index of scope) {
      const w = findSubWorkflow(index, id);
      if (w) return w;
    }
    return undefined;
  }
}

function innerTaskReference(spec: Node): Identifier | undefined {
  const t = spec.target;
  if (t.case === "taskNode") return t.value.reference.value;
  if (t.case === "arrayNode" && t.value.node?.target.case === "taskNode") {
    return t.value.node.target.value.reference.value;
  }
  return undefined;
}

function gateOf(spec: Node): GraphGate | undefined {
  if (spec.target.case !== "gateNode") return undefined;
  const c = spec.target.value.condition;
  switch (c.case) {
    case "approve":
      return { kind: "approve", signalId: c.value.signalId };
    case "signal":
      return { kind: "signal", signalId: c.value.signalId, outputVariable: c.value.outputVariableName };
    case "sleep": {
      const d = c.value.duration;
      return { kind: "sleep", durationMs: d ? Number(d.seconds) * 1000 + Math.round(d.nanos / 1e6) : undefined };
    }
    default:
      return undefined;
  }
}

/**
 * Every node of the closure, sub-workflows, branch cases and array inner nodes included (as children of their
 * group, collapsed unless listed in `opts.expanded`), dynamic nodes expanded from `opts.dynamicClosures`, and the
 * edges of each workflow's connections. A launch-plan node is a plain node: its workflow runs as a child execution.
 * Phases are not part of it: see buildExecutionOverlay.
 */
export function buildWorkflowGraph(closure: CompiledWorkflowClosure, opts: BuildGraphOptions = {}): WorkflowGraph {
  const b = new GraphBuilder(opts);
  b.workflow([indexClosure(closure)], closure.primary, undefined);
  const key = new StringHasher().add(closureHash(closure));
  for (const extra of b.extraHashes) key.add(extra);
  if (opts.expanded === "all") key.add("expanded:all");
  else for (const id of [...(opts.expanded ?? [])].filter((id) => b.byId.get(id)?.expandable).sort()) key.add(id);
  return { nodes: b.nodes, byId: b.byId, edges: b.edges, layoutKey: key.digest() };
}

/** The node's name in the workflow (a task's function name, a sub-workflow's name), when the graph has it. */
export function graphNodeName(graph: WorkflowGraph, nodeExecutionId: string): string | undefined {
  return graph.byId.get(nodeExecutionId)?.name;
}

/** The nodes and edges drawn with the current expanded set. */
export function visibleGraph(graph: WorkflowGraph): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = graph.nodes.filter((n) => n.visible);
  const edges = graph.edges.filter((e) => graph.byId.get(e.source)?.visible && graph.byId.get(e.target)?.visible);
  return { nodes, edges };
}
