// Gate nodes (approve, signal, sleep) of a running execution: which node executions are gates, which
// wait for a person, how long a sleep has left. Pure; the closure says what a node is, the node
// execution says where it is.
import { create } from "@bufbuild/protobuf";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { LiteralSchema, type Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import type { LiteralType } from "@/lib/gen/flyteidl/core/types_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { durationMs, timestampMs } from "../time";

export type Gate =
  | { kind: "approve"; signalId: string }
  | { kind: "signal"; signalId: string; type?: LiteralType; outputName: string }
  | { kind: "sleep"; durationMs: number };

/** The gate a node of a workflow template is, or undefined for any other node. */
export function gateOf(node: Node | undefined): Gate | undefined {
  if (node?.target.case !== "gateNode") return undefined;
  const c = node.target.value.condition;
  switch (c.case) {
    case "approve":
      return { kind: "approve", signalId: c.value.signalId };
    case "signal":
      return { kind: "signal", signalId: c.value.signalId, type: c.value.type, outputName: c.value.outputVariableName || "o0" };
    case "sleep":
      return { kind: "sleep", durationMs: durationMs(c.value.duration) ?? 0 };
    default:
      return undefined;
  }
}

/** The nodes a branch runs as its cases: if, elif and else (each runs under the branch's node id). */
function branchCases(node: Node): Node[] {
  if (node.target.case !== "branchNode") return [];
  const ifElse = node.target.value.ifElse;
  const cases = [ifElse?.case?.thenNode, ...(ifElse?.other ?? []).map((b) => b.thenNode)];
  if (ifElse?.default.case === "elseNode") cases.push(ifElse.default.value);
  return cases.filter((n): n is Node => n !== undefined);
}

/** Every node of a template, branch cases (and their nested branches' cases) included. */
function* allNodes(nodes: Iterable<Node>): Generator<Node> {
  for (const node of nodes) {
    yield node;
    yield* allNodes(branchCases(node));
  }
}

/** Only the nodes that run nested: the cases of the template's branches, at any depth. */
function* nestedCaseNodes(nodes: Iterable<Node>): Generator<Node> {
  for (const node of nodes) yield* allNodes(branchCases(node));
}

/**
 * The gate a node execution runs. A top-level node execution's id is its spec node id and lives in the primary
 * workflow's own nodes; a nested one (`parent-0-spec`, or a hash of it past 20 characters) is a case of one of
 * the primary's branches or a node of a sub-workflow (or of a branch in one).
 */
export function gateOfNodeExecution(closure: CompiledWorkflowClosure | undefined, ne: NodeExecution): Gate | undefined {
  if (!closure) return undefined;
  const nodeId = ne.id?.nodeId ?? "";
  const specId = ne.metadata?.specNodeId || nodeId;
  const candidates =
    nodeId === specId
      ? [closure.primary?.template?.nodes ?? []]
      : [nestedCaseNodes(closure.primary?.template?.nodes ?? []), ...closure.subWorkflows.map((wf) => allNodes(wf.template?.nodes ?? []))];
  for (const nodes of candidates) {
    for (const node of nodes) {
      if (node.id === specId && node.target.case === "gateNode") return gateOf(node);
    }
  }
  return undefined;
}

export interface WaitingGate {
  nodeExecution: NodeExecution;
  nodeId: string;
  gate: Extract<Gate, { kind: "approve" | "signal" }>;
}

/** FlytePropeller keeps a gate RUNNING until its signal arrives (QUEUED only briefly, before it asks). */
export function isGateWaiting(ne: NodeExecution): boolean {
  const p = ne.closure?.phase;
  return p === NodeExecution_Phase.RUNNING || p === NodeExecution_Phase.QUEUED;
}

/** Approve and signal gates waiting for a person, oldest first. Sleep gates wait for the clock, not for input. */
export function waitingGates(closure: CompiledWorkflowClosure | undefined, nodes: Iterable<NodeExecution>): WaitingGate[] {
  if (!closure) return [];
  const out: WaitingGate[] = [];
  for (const ne of nodes) {
    if (!isGateWaiting(ne)) continue;
    const gate = gateOfNodeExecution(closure, ne);
    if (gate && gate.kind !== "sleep") out.push({ nodeExecution: ne, nodeId: ne.id?.nodeId ?? "", gate });
  }
  const started = (w: WaitingGate) => timestampMs(w.nodeExecution.closure?.startedAt) ?? timestampMs(w.nodeExecution.closure?.createdAt) ?? 0;
  return out.sort((a, b) => started(a) - started(b) || a.nodeId.localeCompare(b.nodeId));
}

/** Milliseconds a sleep gate has left (0 when due), or undefined before it starts. */
export function sleepRemainingMs(gate: Extract<Gate, { kind: "sleep" }>, ne: NodeExecution, nowMs: number): number | undefined {
  const started = timestampMs(ne.closure?.startedAt);
  if (started === undefined) return undefined;
  return Math.max(0, started + gate.durationMs - nowMs);
}

/** flytekit's `remote.approve` sets the signal to `True`, `remote.reject` to `False` (the node then fails). */
export function approvalLiteral(approved: boolean): Literal {
  return create(LiteralSchema, {
    value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "boolean", value: approved } } } } },
  });
}
