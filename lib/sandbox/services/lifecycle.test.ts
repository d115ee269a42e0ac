// What a person does to a running execution, through the real handlers and the executor loop over one
// store: approve or reject a gate, terminate (running nodes and child executions abort), recover (what
// succeeded is RECOVERED, the rest runs again), relaunch; and the node/task lists a live view polls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { ExecutionMetadata_ExecutionMode as Mode } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import {
  NodeExecution_Phase as NP,
  TaskExecution_Phase as TP,
  WorkflowExecution_Phase as WP,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Literal } from "@/lib/gen/flyteidl/core/literals_pb";
import { reconcile } from "../executor/reconcile";
import { ExecutorLoop } from "../loop";
import { CatalogBuilder, type LaunchPlanHandle, type WorkflowHandle } from "../seed/catalog/builder";
import { L, T } from "../seed/catalog/literals";
import { approveGate, launchPlanNode, out, subWorkflowNode, taskNode, wfInput } from "../seed/catalog/nodes";
import { registerSteps } from "../seed";
import { putProject } from "../store/projects";
import { DOMAINS } from "./projects";
import { startTestSandbox, type TestSandbox } from "./testing/server";

const P = "flytesnacks";
const D = "development";
const STEP_MS = 50;
let clock = Date.UTC(2024, 5, 1, 12);
let sb: TestSandbox;
let loop: ExecutorLoop;

function catalog() {
  const c = new CatalogBuilder(P, D, "v1");
  const prepare = c.task({ name: "t.prepare", description: "", inputs: { n: T.int }, outputs: { o0: T.int } });
  const publish = c.task({ name: "t.publish", description: "", inputs: { v: T.int }, outputs: { o0: T.str } });
  const gate = c.workflow({
    name: "wf.gate",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.str },
    defaults: { n: L.int(3) },
    nodes: [taskNode("n0", prepare, { n: wfInput("n") }), approveGate("n1", "go", { v: out("n0") }), taskNode("n2", publish, { v: out("n1", "v") })],
    returns: { o0: out("n2") },
  });
  const long = c.task({ name: "t.long", description: "", inputs: { n: T.int }, outputs: { o0: T.int }, sandbox: { durationMs: 3_600_000 } });
  const longWf = c.workflow({
    name: "wf.long",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    defaults: { n: L.int(1) },
    nodes: [taskNode("n0", long, { n: wfInput("n") })],
    returns: { o0: out("n0") },
  });
  const parent = c.workflow({
    name: "wf.parent",
    description: "",
    inputs: { n: T.int },
    outputs: { a: T.int, b: T.int },
    defaults: { n: L.int(2) },
    nodes: [taskNode("n0", long, { n: wfInput("n") }), launchPlanNode("n1", longWf.launchPlan, { n: wfInput("n") })],
    returns: { a: out("n0"), b: out("n1") },
  });
  const transform = c.task({
    name: "t.transform",
    description: "",
    inputs: { v: T.int },
    outputs: { o0: T.int },
    sandbox: { failAttempts: 1, errorMessage: "ValueError: bad partition" },
  });
  const etl = c.workflow({
    name: "wf.etl",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.str },
    defaults: { n: L.int(5) },
    nodes: [taskNode("n0", prepare, { n: wfInput("n") }), taskNode("n1", transform, { v: out("n0") }), taskNode("n2", publish, { v: out("n1") })],
    returns: { o0: out("n2") },
  });
  const inner = c.workflow({
    name: "wf.inner",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.str },
    nodes: [taskNode("i0", prepare, { n: wfInput("n") }), taskNode("i1", publish, { v: out("i0") })],
    returns: { o0: out("i1") },
  });
  const outer = c.workflow({
    name: "wf.outer",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.str },
    defaults: { n: L.int(7) },
    nodes: [subWorkflowNode("n0", inner, { n: wfInput("n") })],
    returns: { o0: out("n0") },
  });
  return { steps: c.steps, gate, parent, etl, outer };
}

let wf: ReturnType<typeof catalog>;

beforeAll(async () => {
  sb = await startTestSandbox({ now: () => clock });
  putProject(sb.ctx.db, create(ProjectSchema, { id: P, name: P, domains: [...DOMAINS] }));
  wf = catalog();
  expect(registerSteps(sb.ctx, wf.steps)).toBe(0);
  loop = new ExecutorLoop(sb.ctx, reconcile, () => ({
    taskDurationMs: 200,
    queueDelayMs: 100,
    failureRate: 0,
    systemErrorShare: 0,
    httpBaseUrl: "http://127.0.0.1:0",
  }));
});
afterAll(() => sb.close());

function tick(rounds = 1): void {
  for (let i = 0; i < rounds; i++) {
    clock += STEP_MS;
    loop.tick();
  }
}

async function tickUntil(what: string, done: () => Promise<boolean>, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    tick();
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function launch(target: WorkflowHandle | LaunchPlanHandle, inputs: Record<string, Literal> = {}): Promise<WorkflowExecutionIdentifier> {
  const lp = "launchPlan" in target ? target.launchPlan : target;
  const res = await sb.admin.createExecution({ project: P, domain: D, spec: { launchPlan: lp.id, metadata: { principal: "tester" } }, inputs: { literals: inputs } });
  return res.id!;
}

const phaseOf = async (id: WorkflowExecutionIdentifier) => (await sb.admin.getExecution({ id })).closure?.phase;
const node = (id: WorkflowExecutionIdentifier, nodeId: string) => sb.admin.getNodeExecution({ id: { executionId: id, nodeId } });
const nodePhase = async (id: WorkflowExecutionIdentifier, nodeId: string) => {
  try {
    return (await node(id, nodeId)).closure?.phase;
  } catch {
    return undefined;
  }
};
const attempts = async (id: WorkflowExecutionIdentifier, nodeId: string) =>
  (await sb.admin.listTaskExecutions({ nodeExecutionId: { executionId: id, nodeId }, limit: 100 })).taskExecutions;
const untilPhase = (id: WorkflowExecutionIdentifier, phase: WP) => tickUntil(`execution ${id.name} ${WP[phase]}`, async () => (await phaseOf(id)) === phase);

describe("gate nodes", () => {
  it("wait for their signal, and SetSignal(true) lets the run go on", async () => {
    const id = await launch(wf.gate);
    await tickUntil("gate running", async () => (await nodePhase(id, "n1")) === NP.RUNNING);
    tick(40);
    expect(await nodePhase(id, "n1")).toBe(NP.RUNNING);
    expect(await nodePhase(id, "n2")).toBeUndefined();
    expect(await phaseOf(id)).toBe(WP.RUNNING);
    const { signals } = await sb.signal.listSignals({ workflowExecutionId: id, limit: 10 });
    expect(signals.map((s) => [s.id?.signalId, s.type?.type.case === "simple" && s.type.type.value])).toEqual([["go", 4 /* BOOLEAN */]]);

    await sb.signal.setSignal({ id: { executionId: id, signalId: "go" }, value: L.bool(true) });
    await untilPhase(id, WP.SUCCEEDED);
    expect(await nodePhase(id, "n1")).toBe(NP.SUCCEEDED);
    expect(await nodePhase(id, "n2")).toBe(NP.SUCCEEDED);
  });

  it("fail with the reject reason when the signal says false", async () => {
    const id = await launch(wf.gate);
    await tickUntil("gate running", async () => (await nodePhase(id, "n1")) === NP.RUNNING);
    await sb.signal.setSignal({ id: { executionId: id, signalId: "go" }, value: L.bool(false) });
    await untilPhase(id, WP.FAILED);
    const gate = await node(id, "n1");
    expect(gate.closure?.phase).toBe(NP.FAILED);
    expect(gate.closure?.outputResult.case === "error" && gate.closure.outputResult.value.code).toBe("ReceivedRejectSignal");
    expect(await nodePhase(id, "n2")).toBeUndefined();
  });
});

describe("terminate", () => {
  it("goes ABORTING, aborts running nodes and attempts, terminates child executions, ends ABORTED", async () => {
    const id = await launch(wf.parent);
    await tickUntil("both nodes running", async () => (await nodePhase(id, "n0")) === NP.RUNNING && (await nodePhase(id, "n1")) === NP.RUNNING);
    const childId = (await node(id, "n1")).closure?.targetMetadata;
    expect(childId?.case).toBe("workflowNodeMetadata");
    const child = childId?.case === "workflowNodeMetadata" ? childId.value.executionId! : undefined;
    await tickUntil("child task running", async () => (await nodePhase(child!, "n0")) === NP.RUNNING);
    await tickUntil("attempt running", async () => (await attempts(id, "n0"))[0]?.closure?.phase === TP.RUNNING);

    await sb.admin.terminateExecution({ id, cause: "no longer needed" });
    const aborting = await sb.admin.getExecution({ id });
    expect(aborting.closure?.phase).toBe(WP.ABORTING);
    expect(aborting.closure?.outputResult.case === "abortMetadata" && aborting.closure.outputResult.value.cause).toBe("no longer needed");

    await untilPhase(id, WP.ABORTED);
    expect(await nodePhase(id, "n0")).toBe(NP.ABORTED);
    expect(await nodePhase(id, "n1")).toBe(NP.ABORTED);
    expect((await attempts(id, "n0")).map((t) => t.closure?.phase)).toEqual([TP.ABORTED]);
    await untilPhase(child!, WP.ABORTED);
    expect(await nodePhase(child!, "n0")).toBe(NP.ABORTED);
    const c = (await sb.admin.getExecution({ id: child! })).closure;
    expect(c?.outputResult.case === "abortMetadata" && c.outputResult.value.cause).toContain(id.name);
    // Terminating again is refused: the execution has ended.
    await expect(sb.admin.terminateExecution({ id, cause: "again" })).rejects.toThrow(/terminal phase ABORTED/);
  });
});

describe("recover and relaunch", () => {
  it("recover reuses what succeeded (RECOVERED) and re-runs the rest, counting the earlier attempts", async () => {
    const original = await launch(wf.etl, { n: L.int(11) });
    await untilPhase(original, WP.FAILED);
    expect(await nodePhase(original, "n0")).toBe(NP.SUCCEEDED);
    expect(await nodePhase(original, "n1")).toBe(NP.FAILED);
    const before = await sb.admin.getNodeExecutionData({ id: { executionId: original, nodeId: "n0" } });

    const { id } = await sb.admin.recoverExecution({ id: original });
    const recovered = await sb.admin.getExecution({ id: id! });
    expect(recovered.spec?.metadata?.mode).toBe(Mode.RECOVERED);
    expect(recovered.spec?.metadata?.referenceExecution?.name).toBe(original.name);
    await untilPhase(id!, WP.SUCCEEDED);

    expect(await nodePhase(id!, "n0")).toBe(NP.RECOVERED);
    expect(await attempts(id!, "n0")).toEqual([]);
    const after = await sb.admin.getNodeExecutionData({ id: { executionId: id!, nodeId: "n0" } });
    expect(after.fullOutputs).toEqual(before.fullOutputs);
    // transform failed its one bad attempt in the original; here it runs again and succeeds.
    expect(await nodePhase(id!, "n1")).toBe(NP.SUCCEEDED);
    expect((await attempts(id!, "n1")).map((t) => t.closure?.phase)).toEqual([TP.SUCCEEDED]);
    expect(await nodePhase(id!, "n2")).toBe(NP.SUCCEEDED);
    const inputs = async (e: WorkflowExecutionIdentifier) => (await sb.admin.getExecutionData({ id: e })).fullInputs;
    expect(await inputs(id!)).toEqual(await inputs(original));
  });

  it("relaunch starts a new execution with the same inputs in mode RELAUNCH", async () => {
    const original = await launch(wf.etl, { n: L.int(42) });
    const { id } = await sb.admin.relaunchExecution({ id: original, name: "etl-again" });
    expect(id?.name).toBe("etl-again");
    const e = await sb.admin.getExecution({ id: id! });
    expect(e.spec?.metadata?.mode).toBe(Mode.RELAUNCH);
    expect(e.spec?.metadata?.referenceExecution?.name).toBe(original.name);
    const data = await sb.admin.getExecutionData({ id: id! });
    expect(data.fullInputs?.literals.n).toEqual(L.int(42));
    await untilPhase(id!, WP.FAILED); // the same workflow fails the same way: it starts from scratch
    expect(await nodePhase(id!, "n0")).toBe(NP.SUCCEEDED);
  });
});

describe("node and task execution lists for a live view", () => {
  it("return only what changed since gte(updated_at, …), children by unique_parent_id or a parent_id filter", async () => {
    const id = await launch(wf.outer);
    await tickUntil("child i0 exists", async () => (await nodePhase(id, "n0-0-i0")) !== undefined);
    const list = (filters: string, uniqueParentId = "") =>
      sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, filters, uniqueParentId }).then((r) => r.nodeExecutions.map((n) => n.id!.nodeId).sort());

    expect(await list("")).toEqual(["n0", "start-node"]);
    expect(await list("", "n0")).toEqual(["n0-0-i0", "n0-0-start-node"]);
    expect(await list("eq(parent_id,n0)")).toEqual(["n0-0-i0", "n0-0-start-node"]);
    expect(await list("value_in(parent_id,n0;zz)+eq(phase,SUCCEEDED)")).toEqual(["n0-0-start-node"]);

    // Every event moves updated_at on; a watcher asking since the newest it saw misses nothing.
    const seen = new Map<string, number>();
    let since = 0;
    for (let round = 0; round < 400 && (await phaseOf(id)) !== WP.SUCCEEDED; round++) {
      const filters = since ? `gte(updated_at,${new Date(since).toISOString()})` : "";
      const changed = [
        ...(await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, filters })).nodeExecutions,
        ...(await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, filters, uniqueParentId: "n0" })).nodeExecutions,
      ];
      for (const n of changed) {
        const updated = timestampMs(n.closure!.updatedAt!);
        expect(updated).toBeGreaterThanOrEqual(seen.get(n.id!.nodeId) ?? 0);
        seen.set(n.id!.nodeId, updated);
        since = Math.max(since, updated);
      }
      tick();
    }
    const all = [...(await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100 })).nodeExecutions, ...(await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, uniqueParentId: "n0" })).nodeExecutions];
    for (const n of all) expect(seen.get(n.id!.nodeId), n.id!.nodeId).toBe(timestampMs(n.closure!.updatedAt!));

    const at = (s: number) => new Date(s).toISOString();
    const tasks = (filters: string) =>
      sb.admin.listTaskExecutions({ nodeExecutionId: { executionId: id, nodeId: "n0-0-i1" }, limit: 10, filters }).then((r) => r.taskExecutions.length);
    expect(await tasks("")).toBe(1);
    expect(await tasks(`gte(updated_at,${at(clock + 60_000)})`)).toBe(0);
    expect(await tasks(`lte(updated_at,${at(clock)})+eq(phase,SUCCEEDED)`)).toBe(1);
  });

  it("returns an event reported late (occurred_at before what the watcher saw) to gte(updated_at, since)", async () => {
    const id = await launch(wf.gate);
    await tickUntil("gate running", async () => (await nodePhase(id, "n1")) === NP.RUNNING);
    const list = (filters: string) => sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, filters }).then((r) => r.nodeExecutions);
    const since = Math.max(...(await list("")).map((n) => timestampMs(n.closure!.updatedAt!)));
    clock += 1000;
    // Another reporter (a FlytePropeller) sends an event that happened a minute ago.
    const occurredAt = { seconds: BigInt(Math.floor((since - 60_000) / 1000)), nanos: 0 };
    await sb.admin.createNodeEvent({
      requestId: "late",
      event: { id: { executionId: id, nodeId: "n1" }, phase: NP.FAILED, occurredAt, producerId: "propeller", specNodeId: "n1", nodeName: "go" },
    });
    const changed = await list(`gte(updated_at,${new Date(since).toISOString()})`);
    expect(changed.map((n) => n.id!.nodeId)).toEqual(["n1"]);
    expect(changed[0].closure?.phase).toBe(NP.FAILED);
    // …and the closure's updated_at does not go back either.
    expect(timestampMs(changed[0].closure!.updatedAt!)).toBeGreaterThanOrEqual(since);
  });

  it("answers InvalidArgument for a field node executions do not have", async () => {
    const id = await launch(wf.outer);
    await expect(sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 10, filters: "eq(colour,red)" })).rejects.toThrow(/'colour' is not a valid filter field/);
    await expect(sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 10, filters: "gte(updated_at,yesterday)" })).rejects.toThrow(/RFC 3339/);
  });
});
