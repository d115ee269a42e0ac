// The execution page's server-side preload against a fake FlyteAdmin on loopback: what it hands the page,
// within its time budget, with the viewer's own credentials, and a cursor the browser's stream resumes from.
import { Code } from "@connectrpc/connect";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NodeExecution_Phase as Node, WorkflowExecution_Phase as Workflow } from "@/lib/gen/flyteidl/core/execution_pb";
import { decodeExecutionPreload, type DecodedPreload } from "@/lib/query/execution-preload";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { defaultExpanded } from "@/lib/flyte/graph/default-expanded";
import { readAdminConfig } from "./config";
import { preloadExecution } from "./execution-preload";
import { LayoutCache } from "./layout-cache";
import { metrics } from "./metrics";
import { createUpstream, type Upstream } from "./upstream";
import type { WatchUpdate } from "./watch/execution-watch";
import { WatchHub } from "./watch/hub";
import { FakeAdmin } from "./watch/testing/fake-admin";

const admin = new FakeAdmin();
let up: Upstream;
let hub: WatchHub;
const BUDGET_MS = 600;
const alice = { headers: new Headers({ authorization: "Bearer alice" }) };

beforeAll(async () => {
  up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: await admin.start() }));
});
afterAll(() => admin.stop());

const loopsRunning = async () => (await metrics().watchPollLoops.get()).values[0]?.value ?? 0;
let loopsBefore = 0;
const opened: AbortController[] = [];

beforeEach(async () => {
  loopsBefore = await loopsRunning();
  admin.reset();
  hub = new WatchHub(up, { intervalMs: 40, idleIntervalMs: 40, maxBackoffMs: 200, overlapMs: 1_000, pageSize: 100, accessRecheckMs: 60_000, heartbeatMs: 10_000, maxLoops: 10, lingerMs: 2_000 });
  admin.setNode("n0", Node.SUCCEEDED);
  admin.setNode("n1", Node.RUNNING);
});

afterEach(async () => {
  for (const a of opened.splice(0)) a.abort();
  // The preload leaves no poll loop behind once its snapshot is taken: the watch only lingers, waiting for the browser.
  await vi.waitFor(async () => expect(await loopsRunning()).toBe(loopsBefore), { timeout: 5_000 });
});

async function preload(viewer = alice, budgetMs = BUDGET_MS, layouts?: LayoutCache) {
  return preloadExecution(up, hub, { ...admin.id }, viewer, budgetMs, { layouts });
}

function decoded(p: Awaited<ReturnType<typeof preload>>): DecodedPreload {
  const d = decodeExecutionPreload(p, admin.id);
  if (!d || d === "notFound") throw new Error(`no preload: ${JSON.stringify(p)}`);
  return d;
}

/** The browser's stream, opened with the cursor it got from the page. */
function resume(cursor: string) {
  const abort = new AbortController();
  opened.push(abort);
  const got: WatchUpdate[] = [];
  void (async () => {
    for await (const u of hub.updates({ ...admin.id }, { ...alice, cursor }, abort.signal)) got.push(u);
  })().catch(() => undefined);
  return got;
}

describe("preloadExecution", () => {
  it("hands the page the execution, its workflow and the watch's snapshot, all asked for with the viewer's credentials", async () => {
    const p = decoded(await preload());
    expect(p.execution.closure?.phase).toBe(Workflow.RUNNING);
    expect(p.workflow?.id?.name).toBe("wf");
    expect(p.watch?.snapshot).toBe(true);
    expect(p.watch?.cursor).toMatch(/^[\w-]+\.\d+$/);
    expect(p.watch?.nodeExecutions.map((n) => n.id?.nodeId).sort()).toEqual(["n0", "n1"]);
    expect(new Set(admin.calls.map((c) => c.method))).toEqual(new Set(["GetExecution", "GetWorkflow", "ListNodeExecutions"]));
    expect(admin.calls.every((c) => c.authorization === "Bearer alice")).toBe(true);
  });

  it("sends the workflow graph's first layout, under the key of the graph the browser builds, laid out once for every viewer", async () => {
    const layouts = new LayoutCache();
    const p = decoded(await preload(alice, BUDGET_MS, layouts));
    const closure = p.workflow!.closure!.compiledWorkflow!;
    expect(p.layout?.key).toBe(buildWorkflowGraph(closure, { expanded: defaultExpanded(closure) }).layoutKey);
    expect(Object.keys(p.layout!.boxes)).toEqual(expect.arrayContaining(["n0", "n1"]));
    const again = decoded(await preload(alice, BUDGET_MS, layouts));
    expect(again.layout).toEqual(p.layout);
    expect(layouts.computed).toBe(1);
  });

  it("sends no layout without the workflow", async () => {
    admin.latency.set("GetWorkflow", 2_000);
    const p = decoded(await preload(alice, 300, new LayoutCache()));
    expect(p.workflow).toBeUndefined();
    expect(p.layout).toBeUndefined();
  });

  it("hands on a cursor the browser's stream resumes from: it gets only what changed since", async () => {
    const p = decoded(await preload());
    admin.setNode("n1", Node.SUCCEEDED);
    admin.setNode("n2", Node.RUNNING);
    const got = resume(p.watch!.cursor);
    await vi.waitFor(() => expect(got.find((u) => u.nodeExecutions.length)).toBeDefined(), { timeout: 3_000 });
    const first = got.find((u) => !u.heartbeat)!;
    expect(first.snapshot).toBe(false);
    expect(first.nodeExecutions.map((n) => [n.id?.nodeId, n.closure?.phase])).toEqual(expect.arrayContaining([["n1", Node.SUCCEEDED], ["n2", Node.RUNNING]]));
    expect(first.nodeExecutions.map((n) => n.id?.nodeId)).not.toContain("n0");
  });

  it("gives up within its budget on a slow FlyteAdmin, so the page renders as without it", async () => {
    admin.latency.set("GetExecution", 2_000);
    const started = Date.now();
    expect(await preload(alice, 300)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("still sends the execution and its workflow when only the snapshot is late", async () => {
    admin.latency.set("ListNodeExecutions", 2_000);
    const started = Date.now();
    const p = decoded(await preload(alice, 300));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(p.execution.id?.name).toBe(admin.id.name);
    expect(p.workflow?.id?.name).toBe("wf");
    expect(p.watch).toBeUndefined();
  });

  it("lets a snapshot that missed the budget finish, so the browser's stream finds it ready instead of polling again", async () => {
    admin.latency.set("ListNodeExecutions", 500);
    const p = decoded(await preload(alice, 300));
    expect(p.watch).toBeUndefined();
    const got = resume("");
    await vi.waitFor(() => expect(got.find((u) => u.snapshot)).toBeDefined(), { timeout: 3_000 });
    expect(got.find((u) => u.snapshot)!.nodeExecutions).toHaveLength(2);
    // One full listing (the snapshot's); the watch's later polls ask only for what changed (updated_at).
    expect(admin.calls.filter((c) => c.method === "ListNodeExecutions" && !c.filters?.includes("updated_at"))).toHaveLength(1);
  });

  it("says NotFound when FlyteAdmin does, and gives nothing on other errors", async () => {
    admin.missing = true;
    expect(await preload()).toEqual({ kind: "notFound" });
    admin.missing = false;
    admin.failing = true;
    expect(await preload()).toBeUndefined();
  });

  it("gives nothing to credentials FlyteAdmin refuses, and the watch's snapshot is checked with them too", async () => {
    decoded(await preload());
    admin.refuse.set("Bearer mallory", Code.PermissionDenied);
    const mallory = { headers: new Headers({ authorization: "Bearer mallory" }) };
    expect(await preload(mallory)).toBeUndefined();
    // The watch alice's preload left lingering holds data; mallory's own credentials decide.
    await expect(hub.snapshot({ ...admin.id }, mallory, AbortSignal.timeout(2_000))).rejects.toMatchObject({ code: Code.PermissionDenied });
  });

  it("leaves out the snapshot when the console follows as many executions as it may", async () => {
    hub = new WatchHub(up, { intervalMs: 40, idleIntervalMs: 40, maxBackoffMs: 200, overlapMs: 1_000, pageSize: 100, accessRecheckMs: 60_000, heartbeatMs: 10_000, maxLoops: 0 });
    const p = decoded(await preload());
    expect(p.execution.id?.name).toBe(admin.id.name);
    expect(p.watch).toBeUndefined();
  });

  it("sends a finished execution's last snapshot as final", async () => {
    admin.setNode("n1", Node.SUCCEEDED);
    admin.setExecution(Workflow.SUCCEEDED);
    const p = decoded(await preload());
    expect(p.watch?.terminal).toBe(true);
    expect(p.watch?.nodeExecutions).toHaveLength(2);
  });
});
