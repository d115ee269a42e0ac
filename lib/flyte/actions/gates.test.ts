import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { SimpleType } from "@/lib/gen/flyteidl/core/types_pb";
import type { NodeSchema } from "@/lib/gen/flyteidl/core/workflow_pb";
import { approvalLiteral, gateOfNodeExecution, sleepRemainingMs, waitingGates } from "./gates";

type NodeInit = MessageInitShape<typeof NodeSchema>;
const STRING = { type: { case: "simple" as const, value: SimpleType.STRING } };
const approve = (id: string, signalId: string): NodeInit => ({ id, target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId } } } } });
const signal = (id: string, signalId: string): NodeInit => ({
  id,
  target: { case: "gateNode", value: { condition: { case: "signal", value: { signalId, type: STRING, outputVariableName: "title" } } } },
});
const sleep = (id: string, ms: number): NodeInit => ({ id, target: { case: "gateNode", value: { condition: { case: "sleep", value: { duration: durationFromMs(ms) } } } } });
const task = (id: string): NodeInit => ({ id, target: { case: "taskNode", value: { reference: { case: "referenceId", value: { name: "t" } } } } });

const closure = create(CompiledWorkflowClosureSchema, {
  primary: { template: { id: { name: "wf" }, nodes: [task("n0"), approve("n1", "review-passes"), signal("n2", "title-input"), sleep("n3", 30_000)] } },
  // A sub-workflow whose n1 is a task: a nested n1 must not be taken for the primary's approve gate.
  subWorkflows: [{ template: { id: { name: "sub" }, nodes: [task("n1"), approve("g0", "sub-ok")] } }],
});

function ne(nodeId: string, phase: NP, opts: { spec?: string; startedMs?: number } = {}) {
  return create(NodeExecutionSchema, {
    id: { nodeId, executionId: { project: "p", domain: "d", name: "e" } },
    metadata: { specNodeId: opts.spec ?? nodeId },
    closure: { phase, startedAt: opts.startedMs !== undefined ? timestampFromMs(opts.startedMs) : undefined },
  });
}

describe("gateOfNodeExecution", () => {
  it("classifies approve, signal and sleep gates from the closure", () => {
    expect(gateOfNodeExecution(closure, ne("n1", NP.RUNNING))).toEqual({ kind: "approve", signalId: "review-passes" });
    expect(gateOfNodeExecution(closure, ne("n2", NP.RUNNING))).toMatchObject({ kind: "signal", signalId: "title-input", outputName: "title" });
    expect(gateOfNodeExecution(closure, ne("n3", NP.RUNNING))).toEqual({ kind: "sleep", durationMs: 30_000 });
    expect(gateOfNodeExecution(closure, ne("n0", NP.RUNNING))).toBeUndefined();
  });

  it("looks up nested node executions in the sub-workflows, not the primary", () => {
    expect(gateOfNodeExecution(closure, ne("n5-0-n1", NP.RUNNING, { spec: "n1" }))).toBeUndefined();
    expect(gateOfNodeExecution(closure, ne("n5-0-g0", NP.RUNNING, { spec: "g0" }))).toEqual({ kind: "approve", signalId: "sub-ok" });
  });
});

describe("waitingGates", () => {
  it("counts approve and signal gates still running, oldest first, and not sleeps or finished gates", () => {
    const nodes = [
      ne("n0", NP.RUNNING, { startedMs: 1 }),
      ne("n2", NP.RUNNING, { startedMs: 5 }),
      ne("n1", NP.RUNNING, { startedMs: 3 }),
      ne("n3", NP.RUNNING, { startedMs: 2 }),
      ne("n9-0-g0", NP.SUCCEEDED, { spec: "g0" }),
    ];
    expect(waitingGates(closure, nodes).map((w) => w.nodeId)).toEqual(["n1", "n2"]);
    expect(waitingGates(closure, [ne("n1", NP.SUCCEEDED), ne("n2", NP.FAILED)])).toEqual([]);
    expect(waitingGates(undefined, nodes)).toEqual([]);
  });
});

describe("sleepRemainingMs", () => {
  it("counts down from the node's start and stops at zero", () => {
    const gate = { kind: "sleep" as const, durationMs: 30_000 };
    expect(sleepRemainingMs(gate, ne("n3", NP.RUNNING, { startedMs: 10_000 }), 15_000)).toBe(25_000);
    expect(sleepRemainingMs(gate, ne("n3", NP.RUNNING, { startedMs: 10_000 }), 99_000)).toBe(0);
    expect(sleepRemainingMs(gate, ne("n3", NP.QUEUED), 15_000)).toBeUndefined();
  });
});

describe("approvalLiteral", () => {
  it("is the boolean flytekit's approve (true) and reject (false) send", () => {
    const v = approvalLiteral(false).value;
    expect(v.case === "scalar" && v.value.value.case === "primitive" && v.value.value.value.value).toEqual({ case: "boolean", value: false });
    const t = approvalLiteral(true).value;
    expect(t.case === "scalar" && t.value.value.case === "primitive" && t.value.value.value.value).toEqual({ case: "boolean", value: true });
  });
});

describe("gates inside branches", () => {
  const branch = (id: string, then: NodeInit, other: NodeInit[], elseNode?: NodeInit): NodeInit => ({
    id,
    target: {
      case: "branchNode",
      value: {
        ifElse: {
          case: { thenNode: then },
          other: other.map((thenNode) => ({ thenNode })),
          default: elseNode ? { case: "elseNode", value: elseNode } : { case: undefined },
        },
      },
    },
  });
  const subwf = (id: string, name: string): NodeInit => ({ id, target: { case: "workflowNode", value: { reference: { case: "subWorkflowRef", value: { name } } } } });
  // A top-level branch whose cases are an approve gate, a nested branch (its else a signal gate) and a
  // sub-workflow holding a gate; FlytePropeller runs each case under the branch's node id.
  const withBranches = create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: { name: "wf" },
        nodes: [
          task("n0"),
          branch("n1", approve("n1-n0", "branch-ok"), [branch("n1-n1", task("n1-n1-n0"), [], signal("n1-n1-n1", "inner-title")), subwf("n1-n2", "inner")]),
        ],
      },
    },
    subWorkflows: [{ template: { id: { name: "inner" }, nodes: [approve("in-g", "inner-ok")] } }],
  });

  it("finds the approve gate in a top-level branch's case", () => {
    expect(gateOfNodeExecution(withBranches, ne("n1-0-n1-n0", NP.RUNNING, { spec: "n1-n0" }))).toEqual({ kind: "approve", signalId: "branch-ok" });
  });
  it("finds the signal gate in a nested branch's else", () => {
    expect(gateOfNodeExecution(withBranches, ne("fqk3b2xe", NP.RUNNING, { spec: "n1-n1-n1" }))).toMatchObject({ kind: "signal", signalId: "inner-title" });
  });
  it("finds the gate of a sub-workflow run as a branch case", () => {
    expect(gateOfNodeExecution(withBranches, ne("n1-0-n1-n2-0-in-g", NP.RUNNING, { spec: "in-g" }))).toEqual({ kind: "approve", signalId: "inner-ok" });
  });
  it("lists them as waiting for a person", () => {
    const nodes = [ne("n1-0-n1-n0", NP.RUNNING, { spec: "n1-n0", startedMs: 1 }), ne("fqk3b2xe", NP.RUNNING, { spec: "n1-n1-n1", startedMs: 2 })];
    expect(waitingGates(withBranches, nodes).map((w) => w.gate.signalId)).toEqual(["branch-ok", "inner-title"]);
  });
  it("never takes a top-level gate for a nested node of the same spec id", () => {
    expect(gateOfNodeExecution(closure, ne("n5-0-n1", NP.RUNNING, { spec: "n1" }))).toBeUndefined();
  });
});
