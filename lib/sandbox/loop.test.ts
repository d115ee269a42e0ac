// The simulated FlytePropeller's faults, through the executor loop and the real handlers over one store:
// a clock ahead of the sandbox's (reported times move, the rows' write times do not) and a node whose
// final event is lost (the execution ends with that node RUNNING, as flyte#3931).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import { ProjectSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { reconcile } from "./executor/reconcile";
import { FaultState } from "./faults";
import { ExecutorLoop } from "./loop";
import { CatalogBuilder, type WorkflowHandle } from "./seed/catalog/builder";
import { L, T } from "./seed/catalog/literals";
import { out, taskNode, wfInput } from "./seed/catalog/nodes";
import { registerSteps } from "./seed";
import { putProject } from "./store/projects";
import { DOMAINS } from "./services/projects";
import { startTestSandbox, type TestSandbox } from "./services/testing/server";

const P = "flytesnacks";
const D = "development";
const STEP_MS = 50;
let clock = Date.UTC(2024, 5, 1, 12);
let sb: TestSandbox;
let loop: ExecutorLoop;
const faults = new FaultState();

function catalog() {
  const c = new CatalogBuilder(P, D, "v1");
  const inc = c.task({ name: "t.inc", description: "", inputs: { n: T.int }, outputs: { o0: T.int } });
  const slow = c.task({ name: "t.slow", description: "", inputs: { n: T.int }, outputs: { o0: T.int }, sandbox: { durationMs: 600 } });
  const long = c.task({ name: "t.long", description: "", inputs: { n: T.int }, outputs: { o0: T.int }, sandbox: { durationMs: 3_600_000 } });
  const chain = c.workflow({
    name: "wf.chain",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    defaults: { n: L.int(1) },
    nodes: [taskNode("n0", inc, { n: wfInput("n") }), taskNode("n1", inc, { n: out("n0") }), taskNode("n2", inc, { n: out("n1") })],
    returns: { o0: out("n2") },
  });
  // n1 (slow) ends after n0 although both start together: the last node to end is n1.
  const fanOut = c.workflow({
    name: "wf.fan_out",
    description: "",
    inputs: { n: T.int },
    outputs: { a: T.int, b: T.int },
    defaults: { n: L.int(1) },
    nodes: [taskNode("n0", inc, { n: wfInput("n") }), taskNode("n1", slow, { n: wfInput("n") })],
    returns: { a: out("n0"), b: out("n1") },
  });
  const longWf = c.workflow({
    name: "wf.long",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    defaults: { n: L.int(1) },
    nodes: [taskNode("n0", inc, { n: wfInput("n") }), taskNode("n1", long, { n: out("n0") })],
    returns: { o0: out("n1") },
  });
  return { steps: c.steps, chain, fanOut, longWf };
}

let wf: ReturnType<typeof catalog>;

beforeAll(async () => {
  sb = await startTestSandbox({ now: () => clock });
  putProject(sb.ctx.db, create(ProjectSchema, { id: P, name: P, domains: [...DOMAINS] }));
  wf = catalog();
  expect(registerSteps(sb.ctx, wf.steps)).toBe(0);
  const config = () => ({ taskDurationMs: 200, queueDelayMs: 100, failureRate: 0, systemErrorShare: 0, httpBaseUrl: "http://127.0.0.1:0" });
  loop = new ExecutorLoop(sb.ctx, reconcile, config, faults);
});
afterAll(() => sb.close());

function tick(): void {
  clock += STEP_MS;
  loop.tick();
}

async function tickUntil(what: string, done: () => Promise<boolean>, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await done()) return;
    tick();
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function launch(target: WorkflowHandle): Promise<WorkflowExecutionIdentifier> {
  const res = await sb.admin.createExecution({ project: P, domain: D, spec: { launchPlan: target.launchPlan.id, metadata: { principal: "tester" } }, inputs: {} });
  return res.id!;
}

const phaseOf = async (id: WorkflowExecutionIdentifier) => (await sb.admin.getExecution({ id })).closure?.phase;
const isEnded = async (id: WorkflowExecutionIdentifier) => [WP.SUCCEEDED, WP.FAILED, WP.ABORTED].includes((await phaseOf(id)) ?? WP.UNDEFINED);
const nodes = async (id: WorkflowExecutionIdentifier, filters = "") =>
  (await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 100, filters })).nodeExecutions;
const phases = async (id: WorkflowExecutionIdentifier) =>
  Object.fromEntries((await nodes(id)).map((n) => [n.id!.nodeId, NP[n.closure!.phase]]));
const iso = (ms: number) => new Date(ms).toISOString();

describe("clock skew of the simulated FlytePropeller", () => {
  it("moves the reported times, not updated_at (when the sandbox wrote the row)", async () => {
    faults.update({ clockSkewMs: 5000 });
    try {
      const id = await launch(wf.chain);
      await tickUntil("n0 queued", async () => (await nodes(id)).some((n) => n.id!.nodeId === "n0"));
      const n0 = (await nodes(id)).find((n) => n.id!.nodeId === "n0")!;
      // What FlytePropeller reported: its clock, 5 s ahead of the sandbox's.
      expect(timestampMs(n0.closure!.updatedAt!)).toBe(clock + 5000);
      expect(timestampMs(n0.closure!.createdAt!)).toBe(clock + 5000);
      // What the filter compares: when the sandbox wrote the row.
      const changed = async (filters: string) => (await nodes(id, filters)).map((n) => n.id!.nodeId);
      expect(await changed(`gte(updated_at,${iso(clock - 1000)})`)).toContain("n0");
      expect(await changed(`gte(updated_at,${iso(clock + 1000)})`)).toEqual([]);
      expect(await changed(`gte(created_at,${iso(clock + 1000)})`)).toEqual([]);
      // The reported times stay filterable under FlyteAdmin's own names for them.
      expect(await changed(`gte(node_execution_updated_at,${iso(clock + 5000)})`)).toEqual(["n0"]);
      expect(await changed(`gte(node_execution_created_at,${iso(clock + 5000)})`)).toEqual(["n0"]);
      const tasksSince = async (since: number) =>
        (await sb.admin.listTaskExecutions({ nodeExecutionId: { executionId: id, nodeId: "n0" }, limit: 10, filters: `gte(updated_at,${iso(since)})` }))
          .taskExecutions.length;
      await tickUntil("n0's task queued", async () => (await tasksSince(0)) > 0);
      expect(await tasksSince(clock - 1000)).toBe(1);
      expect(await tasksSince(clock + 1000)).toBe(0);
      const execution = await sb.admin.getExecution({ id });
      expect(timestampMs(execution.closure!.updatedAt!)).toBeGreaterThan(clock + 4000);
      const executionsSince = async (field: string, since: number) =>
        (await sb.admin.listExecutions({ id: { project: P, domain: D }, limit: 100, filters: `eq(execution_name,${id.name})+gte(${field},${iso(since)})` })).executions
          .length;
      expect(await executionsSince("updated_at", clock + 1000)).toBe(0);
      expect(await executionsSince("execution_updated_at", clock + 1000)).toBe(1);
      await tickUntil("the run ends", () => isEnded(id));
      expect(await phaseOf(id)).toBe(WP.SUCCEEDED);
    } finally {
      faults.update({ clockSkewMs: 0 });
    }
  });

  it("sorts by updated_at in write order, by node_execution_updated_at in reported order", async () => {
    const id = await launch(wf.longWf);
    await tickUntil("n1 running", async () => (await phases(id)).n1 === "RUNNING");
    const writtenFirst = clock + 10;
    clock = writtenFirst;
    // One reporter's clock is a minute ahead; a second event, written later, reports the true time.
    const at = (ms: number) => ({ seconds: BigInt(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
    await sb.admin.createNodeEvent({
      requestId: "ahead",
      event: { id: { executionId: id, nodeId: "x-ahead" }, phase: NP.QUEUED, occurredAt: at(writtenFirst + 60_000), producerId: "propeller", specNodeId: "x" },
    });
    clock += 1000;
    await sb.admin.createNodeEvent({
      requestId: "true",
      event: { id: { executionId: id, nodeId: "x-true" }, phase: NP.QUEUED, occurredAt: at(clock), producerId: "propeller", specNodeId: "x" },
    });
    const sorted = async (key: string) =>
      (
        await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 2, filters: "value_in(node_id,x-ahead;x-true)", sortBy: { key, direction: Sort_Direction.ASCENDING } })
      ).nodeExecutions.map((n) => n.id!.nodeId);
    expect(await sorted("updated_at")).toEqual(["x-ahead", "x-true"]);
    expect(await sorted("node_execution_updated_at")).toEqual(["x-true", "x-ahead"]);
    await sb.admin.terminateExecution({ id, cause: "done" });
    await tickUntil("aborted", () => isEnded(id));
  });
});

describe("leaveNodeRunning", () => {
  const running = async (id: WorkflowExecutionIdentifier) =>
    Object.entries(await phases(id))
      .filter(([, phase]) => phase === "RUNNING")
      .map(([nodeId]) => nodeId);

  it("ends a run with its last node still RUNNING, exactly one, while the run's outputs are complete", async () => {
    faults.update({ leaveNodeRunning: true });
    try {
      const id = await launch(wf.chain);
      await tickUntil("the run ends", () => isEnded(id));
      expect(await phaseOf(id)).toBe(WP.SUCCEEDED);
      expect(await running(id)).toEqual(["n2"]);
      expect(await phases(id)).toMatchObject({ "start-node": "SUCCEEDED", n0: "SUCCEEDED", n1: "SUCCEEDED", "end-node": "SUCCEEDED" });
      // FlytePropeller knew n2 ended: its attempt says so, and the workflow has n2's output.
      const attempts = await sb.admin.listTaskExecutions({ nodeExecutionId: { executionId: id, nodeId: "n2" }, limit: 10 });
      expect(attempts.taskExecutions.map((t) => t.closure?.phase)).toEqual([TP.SUCCEEDED]);
      const data = await sb.admin.getExecutionData({ id });
      expect(data.fullOutputs?.literals.o0).toBeDefined();
      // Nothing changes it later: the execution is over, the executor leaves it alone.
      for (let i = 0; i < 20; i++) tick();
      expect(await running(id)).toEqual(["n2"]);
    } finally {
      faults.update({ leaveNodeRunning: false });
    }
  });

  it("leaves the node that ends last, not the one listed last", async () => {
    faults.update({ leaveNodeRunning: true });
    try {
      const id = await launch(wf.fanOut);
      await tickUntil("the run ends", () => isEnded(id));
      expect(await phaseOf(id)).toBe(WP.SUCCEEDED);
      expect(await running(id)).toEqual(["n1"]);
    } finally {
      faults.update({ leaveNodeRunning: false });
    }
  });

  it("leaves the running node of a terminated run RUNNING instead of ABORTED", async () => {
    faults.update({ leaveNodeRunning: true });
    try {
      const id = await launch(wf.longWf);
      await tickUntil("n1 running", async () => (await phases(id)).n1 === "RUNNING");
      await sb.admin.terminateExecution({ id, cause: "enough" });
      await tickUntil("the run ends", () => isEnded(id));
      expect(await phaseOf(id)).toBe(WP.ABORTED);
      expect(await running(id)).toEqual(["n1"]);
      const attempts = await sb.admin.listTaskExecutions({ nodeExecutionId: { executionId: id, nodeId: "n1" }, limit: 10 });
      expect(attempts.taskExecutions.map((t) => t.closure?.phase)).toEqual([TP.ABORTED]);
    } finally {
      faults.update({ leaveNodeRunning: false });
    }
  });

  it("is off by default: every node of an ended run has ended", async () => {
    const id = await launch(wf.chain);
    await tickUntil("the run ends", () => isEnded(id));
    expect(await running(id)).toEqual([]);
    expect(loop.lost.lostNodes().size).toBe(0);
  });
});

describe("a round's time budget", () => {
  it("stops after the execution in hand once over budget, and the next rounds go on with the others", async () => {
    const ids = [await launch(wf.chain), await launch(wf.chain), await launch(wf.chain)];
    const started = async () => Promise.all(ids.map(async (id) => (await nodes(id)).length > 0));
    clock += STEP_MS;
    expect(loop.tick(0).executions).toBe(1);
    // Each round reconciles one execution; the rounds take turns, so every new run gets going.
    for (let i = 0; i < 60 && (await started()).includes(false); i++) {
      clock += STEP_MS;
      loop.tick(0);
    }
    expect(await started()).toEqual([true, true, true]);
    await tickUntil("the runs end", async () => (await Promise.all(ids.map(isEnded))).every(Boolean));
  });
});
