// Compiles one WorkflowTemplate into a CompiledWorkflow the way FlytePropeller's compiler does:
// adds the start-node (whose outputs are the workflow inputs) and the end-node (whose inputs are the
// workflow outputs), derives connections from explicit upstream ids and from bindings, connects nodes
// with no upstream to start-node and nodes with no downstream to end-node, renames branch cases
// `<branch>-<case>` and gives them upstream-only entries, and rejects cycles.
import { clone, create } from "@bufbuild/protobuf";
import {
  ConnectionSet_IdListSchema,
  ConnectionSetSchema,
  CompiledWorkflowSchema,
  type CompiledWorkflow,
  type ConnectionSet_IdList,
} from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeSchema, WorkflowTemplateSchema, type Node, type WorkflowTemplate } from "@/lib/gen/flyteidl/core/workflow_pb";
import { BindingSchema } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import { validateBindings, type BindingScope } from "./bindings";
import type { CompileContext } from "./context";
import { ProblemList } from "./errors";
import { findCycle, unreachableFrom } from "./graph";
import { END_NODE_ID, START_NODE_ID, formatIdentifier } from "./identifiers";
import { inputSlots, outputTypes, resolveNodeInterface, type InterfaceEnv, type NodeInterface } from "./node-interface";

export function compileTemplate(source: WorkflowTemplate, ctx: CompileContext): CompiledWorkflow {
  const template = clone(WorkflowTemplateSchema, source);
  const leave = ctx.problems.enter(formatIdentifier(template.id));
  try {
    if (template.nodes.length === 0) {
      ctx.problems.add("NoNodesFound", START_NODE_ID, "the workflow has no nodes");
      return create(CompiledWorkflowSchema, { template });
    }
    const graph = new WorkflowGraph(template, ctx);
    graph.resolveInterfaces();
    graph.addEdges();
    graph.connectOrphans();
    graph.checkAcyclicAndReachable();
    return graph.result();
  } finally {
    leave();
  }
}

class WorkflowGraph implements BindingScope {
  private readonly nodes = new Map<string, Node>();
  private readonly userNodes: Node[] = [];
  private readonly start = create(NodeSchema, { id: START_NODE_ID });
  private readonly end: Node;
  private readonly interfaces = new Map<string, NodeInterface | null>();
  private readonly resolving = new Set<string>();
  private readonly branchCases: { node: Node; iface: NodeInterface | undefined }[] = [];
  private readonly upstream = new Map<string, Set<string>>();
  private readonly downstream = new Map<string, Set<string>>();
  private readonly env: InterfaceEnv;

  constructor(
    private readonly template: WorkflowTemplate,
    private readonly ctx: CompileContext,
  ) {
    this.end = create(NodeSchema, { id: END_NODE_ID, inputs: template.outputs });
    this.nodes.set(START_NODE_ID, this.start);
    this.nodes.set(END_NODE_ID, this.end);
    this.interfaces.set(START_NODE_ID, { inputs: new Map(), outputs: outputTypes(template.interface?.inputs) });
    this.interfaces.set(END_NODE_ID, { inputs: inputSlots(template.interface?.outputs), outputs: new Map() });
    for (const node of template.nodes) {
      if (node.id === "") ctx.problems.add("ValueRequired", "<node>", "a node has an empty id");
      else if (node.id === START_NODE_ID || node.id === END_NODE_ID) {
        ctx.problems.add("ReservedNodeId", node.id, `'${node.id}' is reserved for the node the compiler adds`);
      } else if (this.nodes.has(node.id)) {
        ctx.problems.add("DuplicateNodeId", node.id, `more than one node has the id '${node.id}'`);
      } else {
        this.nodes.set(node.id, node);
        this.userNodes.push(node);
      }
    }
    const scratch = new ProblemList();
    this.env = {
      ctx,
      workflowId: template.id,
      workflowInterface: template.interface,
      // Reported once, when the node's own bindings are validated; this pass only reads types.
      bindingTypes: (node) => validateBindings(node.id, node.inputs.map((b) => clone(BindingSchema, b)), undefined, this, scratch).boundTypes,
      onBranchCase: (node, iface) => this.branchCases.push({ node, iface }),
    };
  }

  outputsOf(nodeId: string): Map<string, LiteralType> | null | undefined {
    if (!this.nodes.has(nodeId)) return undefined;
    return this.interfaceOf(nodeId)?.outputs ?? null;
  }

  private interfaceOf(nodeId: string): NodeInterface | null {
    const known = this.interfaces.get(nodeId);
    if (known !== undefined) return known;
    const node = this.nodes.get(nodeId);
    if (!node || this.resolving.has(nodeId)) return null;
    this.resolving.add(nodeId);
    const iface = resolveNodeInterface(node, this.env) ?? null;
    this.resolving.delete(nodeId);
    this.interfaces.set(nodeId, iface);
    return iface;
  }

  resolveInterfaces(): void {
    for (const node of this.userNodes) {
      this.interfaceOf(node.id);
      node.upstreamNodeIds.sort();
    }
  }

  addEdges(): void {
    const problems = this.ctx.problems;
    for (const node of [this.end, ...this.userNodes]) {
      const iface = this.interfaceOf(node.id);
      if (!iface) continue;
      for (const up of node.upstreamNodeIds) {
        if (this.nodes.has(up)) this.addExecutionEdge(up, node.id);
        else problems.add("NodeReferenceNotFound", node.id, `lists '${up}' as an upstream node, but there is no node '${up}'`);
      }
      const bound = validateBindings(node.id, node.inputs, iface.inputs, this, problems);
      for (const up of bound.upstreamNodeIds) this.addExecutionEdge(up, node.id);
    }
    // Branch cases and the failure node only record where their data comes from: they run when
    // their branch (or a failure) says so, not when their upstream finishes.
    for (const { node, iface } of this.branchCases) this.addUpstreamOnlyEdges(node, iface);
    const failureNode = this.template.failureNode;
    if (failureNode) this.addUpstreamOnlyEdges(failureNode, resolveNodeInterface(failureNode, this.env));
  }

  private addUpstreamOnlyEdges(node: Node, iface: NodeInterface | undefined): void {
    if (!iface) return;
    const bound = validateBindings(node.id, node.inputs, iface.inputs, this, this.ctx.problems);
    for (const up of bound.upstreamNodeIds) edgeSet(this.upstream, node.id).add(up);
  }

  connectOrphans(): void {
    for (const node of this.userNodes) {
      if (!this.upstream.has(node.id)) this.addExecutionEdge(START_NODE_ID, node.id);
      if (!this.downstream.has(node.id)) this.addExecutionEdge(node.id, END_NODE_ID);
    }
  }

  checkAcyclicAndReachable(): void {
    const next = (id: string) => this.downstream.get(id) ?? new Set<string>();
    const ids = [...this.nodes.keys()];
    const cycle = findCycle(ids, next);
    if (cycle) {
      this.ctx.problems.add("CycleDetected", cycle[0], `the workflow has a cycle: ${cycle.join(" > ")}`);
      return;
    }
    const unreachable = unreachableFrom(START_NODE_ID, ids, next).filter((id) => id !== END_NODE_ID);
    if (unreachable.length > 0) {
      this.ctx.problems.add("UnreachableNodes", START_NODE_ID, `nodes cannot be reached from start-node: ${unreachable.join(", ")}`);
    }
  }

  private addExecutionEdge(from: string, to: string): void {
    edgeSet(this.downstream, from).add(to);
    edgeSet(this.upstream, to).add(from);
  }

  result(): CompiledWorkflow {
    this.template.nodes = [this.start, this.end, ...this.userNodes];
    this.template.outputs = this.end.inputs.map((b) => clone(BindingSchema, b));
    return create(CompiledWorkflowSchema, {
      template: this.template,
      connections: create(ConnectionSetSchema, {
        upstream: toIdLists(this.upstream),
        downstream: toIdLists(this.downstream),
      }),
    });
  }
}

function edgeSet(edges: Map<string, Set<string>>, id: string): Set<string> {
  let set = edges.get(id);
  if (!set) {
    set = new Set();
    edges.set(id, set);
  }
  return set;
}

function toIdLists(edges: Map<string, Set<string>>): Record<string, ConnectionSet_IdList> {
  const lists: Record<string, ConnectionSet_IdList> = {};
  for (const [id, set] of edges) lists[id] = create(ConnectionSet_IdListSchema, { ids: [...set].sort() });
  return lists;
}
