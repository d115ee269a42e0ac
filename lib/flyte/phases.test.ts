import { describe, expect, it } from "vitest";
import {
  NodeExecution_Phase,
  NodeExecution_PhaseSchema,
  TaskExecution_Phase,
  TaskExecution_PhaseSchema,
  WorkflowExecution_Phase,
  WorkflowExecution_PhaseSchema,
} from "@/lib/gen/flyteidl/core/execution_pb";
import {
  nodePhase,
  nodePhaseFromName,
  nodePhases,
  taskPhase,
  taskPhaseFromName,
  taskPhases,
  tonesInOrder,
  workflowPhase,
  workflowPhaseFromName,
  workflowPhases,
  type PhaseInfo,
} from "./phases";

const kinds = [
  { kind: "workflow", schema: WorkflowExecution_PhaseSchema, info: workflowPhase, all: workflowPhases },
  { kind: "node", schema: NodeExecution_PhaseSchema, info: nodePhase, all: nodePhases },
  { kind: "task", schema: TaskExecution_PhaseSchema, info: taskPhase, all: taskPhases },
] as const;

const terminalNames = (info: (p: number) => PhaseInfo, values: readonly { number: number }[]) =>
  values
    .map((v) => info(v.number))
    .filter((i) => i.isTerminal)
    .map((i) => i.name)
    .sort();

describe("phase table", () => {
  for (const { kind, schema, info, all } of kinds) {
    it(`covers every ${kind} phase of the generated enum with its proto name`, () => {
      for (const v of schema.values) {
        const p = info(v.number);
        expect(p.name).toBe(v.name);
        expect(p.value).toBe(v.number);
        expect(p.label).not.toBe("");
        expect(tonesInOrder).toContain(p.tone);
      }
      expect(all.map((p) => p.name)).toEqual(schema.values.map((v) => v.name));
    });

    it(`renders an unknown ${kind} phase (newer FlyteAdmin) as Unknown without throwing`, () => {
      for (const bad of [99, -1, 1.5, Number.NaN]) {
        expect(info(bad)).toMatchObject({
          name: "UNKNOWN",
          label: "Unknown",
          tone: "unknown",
          isTerminal: false,
        });
      }
    });
  }

  it("uses Flyte's terminal sets", () => {
    expect(terminalNames(workflowPhase, WorkflowExecution_PhaseSchema.values)).toEqual(
      ["ABORTED", "FAILED", "SUCCEEDED", "TIMED_OUT"],
    );
    expect(terminalNames(nodePhase, NodeExecution_PhaseSchema.values)).toEqual(
      ["ABORTED", "FAILED", "RECOVERED", "SKIPPED", "SUCCEEDED", "TIMED_OUT"],
    );
    expect(terminalNames(taskPhase, TaskExecution_PhaseSchema.values)).toEqual(
      ["ABORTED", "FAILED", "RETRYABLE_FAILED", "SUCCEEDED"],
    );
  });

  it("keeps transitional phases live, coloured by where they are heading", () => {
    expect(workflowPhase(WorkflowExecution_Phase.FAILING)).toMatchObject({
      tone: "failed",
      icon: "spinner",
      isTerminal: false,
    });
    expect(workflowPhase(WorkflowExecution_Phase.SUCCEEDING)).toMatchObject({
      tone: "succeeded",
      isTerminal: false,
    });
    expect(workflowPhase(WorkflowExecution_Phase.ABORTING).isTerminal).toBe(false);
  });

  it("lets a user tell waiting, running, done, failed, retrying and not-run apart", () => {
    const tones = [
      taskPhase(TaskExecution_Phase.WAITING_FOR_RESOURCES).tone,
      taskPhase(TaskExecution_Phase.RUNNING).tone,
      taskPhase(TaskExecution_Phase.SUCCEEDED).tone,
      taskPhase(TaskExecution_Phase.FAILED).tone,
      taskPhase(TaskExecution_Phase.RETRYABLE_FAILED).tone,
      nodePhase(NodeExecution_Phase.SKIPPED).tone,
      nodePhase(NodeExecution_Phase.ABORTED).tone,
    ];
    expect(new Set(tones).size).toBe(tones.length);
    // A timeout and an abort each have a colour of their own, and read differently without colour too.
    const timedOut = nodePhase(NodeExecution_Phase.TIMED_OUT);
    const failed = nodePhase(NodeExecution_Phase.FAILED);
    const aborted = nodePhase(NodeExecution_Phase.ABORTED);
    expect(new Set([timedOut.tone, failed.tone, aborted.tone]).size).toBe(3);
    expect(timedOut.icon).not.toBe(failed.icon);
    expect(timedOut.label).toBe("Timed out");
  });

  it("maps the same numeric value to different phases per enum", () => {
    // 3 is SUCCEEDING for workflows but SUCCEEDED for nodes and tasks.
    expect(workflowPhase(3).name).toBe("SUCCEEDING");
    expect(nodePhase(3).name).toBe("SUCCEEDED");
    expect(taskPhase(4).name).toBe("ABORTED");
    expect(nodePhase(4).name).toBe("FAILING");
  });
});

describe("phase from name (URL filters)", () => {
  it("parses names case-insensitively", () => {
    expect(workflowPhaseFromName("FAILED")).toBe(WorkflowExecution_Phase.FAILED);
    expect(workflowPhaseFromName("failed")).toBe(WorkflowExecution_Phase.FAILED);
    expect(workflowPhaseFromName("timed-out")).toBe(WorkflowExecution_Phase.TIMED_OUT);
    expect(nodePhaseFromName("skipped")).toBe(NodeExecution_Phase.SKIPPED);
    expect(taskPhaseFromName("retryable_failed")).toBe(TaskExecution_Phase.RETRYABLE_FAILED);
  });

  it("rejects names the enum does not have", () => {
    expect(workflowPhaseFromName("SKIPPED")).toBeUndefined();
    expect(taskPhaseFromName("TIMED_OUT")).toBeUndefined();
    expect(workflowPhaseFromName("4")).toBeUndefined();
    expect(workflowPhaseFromName("constructor")).toBeUndefined();
    expect(workflowPhaseFromName("")).toBeUndefined();
  });

  it("round-trips every name", () => {
    for (const p of workflowPhases) expect(workflowPhaseFromName(p.name)).toBe(p.value);
    for (const p of nodePhases) expect(nodePhaseFromName(p.name)).toBe(p.value);
    for (const p of taskPhases) expect(taskPhaseFromName(p.name)).toBe(p.value);
  });
});
