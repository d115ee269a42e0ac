import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { buildTimeline, criticalPath, workflowUpstream } from "./timeline";

const T0 = 1_700_000_000_000;

function ne(id: string, created: number, started: number | undefined, durationS: number | undefined, phase: P): NodeExecution {
  return create(NodeExecutionSchema, {
    id: { nodeId: id },
    metadata: { specNodeId: id },
    closure: {
      phase,
      createdAt: timestampFromMs(T0 + created),
      startedAt: started === undefined ? undefined : timestampFromMs(T0 + started),
      duration: durationS ? { seconds: BigInt(durationS) } : undefined,
      updatedAt: timestampFromMs(T0 + (started ?? created)),
    },
  });
}

const map = (...list: NodeExecution[]) => new Map(list.map((n) => [n.id!.nodeId, n]));

// a → b, a → c, b,c → d. c is slow: the critical path is a, c, d.
const nodes = map(
  ne("a", 0, 1_000, 10, P.SUCCEEDED),
  ne("b", 11_000, 12_000, 5, P.SUCCEEDED),
  ne("c", 11_000, 13_000, 40, P.SUCCEEDED),
  ne("d", 53_000, 54_000, undefined, P.RUNNING),
);
const upstream = { a: ["start-node"], b: ["a"], c: ["a"], d: ["b", "c"], "end-node": ["d"] };

describe("critical path", () => {
  it("follows, back from the last node to end, the upstream node each one waited for", () => {
    expect(criticalPath(nodes, upstream, T0 + 60_000)).toEqual(["a", "c", "d"]);
  });

  it("moves to the other branch when that one ends later", () => {
    const slowB = map(...nodes.values(), ne("b", 11_000, 12_000, 45, P.SUCCEEDED));
    expect(criticalPath(slowB, upstream, T0 + 60_000)).toEqual(["a", "b", "d"]);
  });

  it("of two independent chains, takes the one that ended the run", () => {
    // x1 → x2 and y1 → y2 run side by side; y2 ends last although x1 took longest.
    const chains = map(
      ne("x1", 0, 0, 30, P.SUCCEEDED),
      ne("x2", 30_000, 30_000, 5, P.SUCCEEDED),
      ne("y1", 0, 0, 10, P.SUCCEEDED),
      ne("y2", 10_000, 10_000, 28, P.SUCCEEDED),
    );
    const edges = { x1: ["start-node"], x2: ["x1"], y1: ["start-node"], y2: ["y1"], "end-node": ["x2", "y2"] };
    expect(criticalPath(chains, edges, T0 + 60_000)).toEqual(["y1", "y2"]);
  });

  it("through a fan-in, picks the slowest of many parallel nodes", () => {
    const fan = map(
      ...[3, 9, 4, 7].map((s, i) => ne(`p${i}`, 0, 0, s, P.SUCCEEDED)),
      ne("join", 9_000, 9_500, 2, P.SUCCEEDED),
    );
    const edges = { p0: ["start-node"], p1: ["start-node"], p2: ["start-node"], p3: ["start-node"], join: ["p0", "p1", "p2", "p3"] };
    expect(criticalPath(fan, edges, T0 + 60_000)).toEqual(["p1", "join"]);
  });

  it("skips a branch not taken (no execution) and nodes not started", () => {
    const branchy = map(ne("a", 0, 0, 5, P.SUCCEEDED), ne("taken", 5_000, 5_000, 5, P.SUCCEEDED), ne("later", 10_000, undefined, undefined, P.QUEUED));
    const edges = { a: ["start-node"], taken: ["a"], other: ["a"], later: ["taken", "other"] };
    expect(criticalPath(branchy, edges, T0 + 60_000)).toEqual(["a", "taken"]);
  });

  it("while running, the node still running ends now and leads the path", () => {
    const live = map(ne("a", 0, 0, 5, P.SUCCEEDED), ne("b", 5_000, 5_000, undefined, P.RUNNING), ne("c", 5_000, 5_000, 20, P.SUCCEEDED));
    const edges = { a: [], b: ["a"], c: ["a"] };
    expect(criticalPath(live, edges, T0 + 10_000)).toEqual(["a", "c"]);
    expect(criticalPath(live, edges, T0 + 40_000)).toEqual(["a", "b"]);
  });

  it("breaks ties by node id and does not loop on a malformed cycle", () => {
    const tie = map(ne("n10", 0, 0, 5, P.SUCCEEDED), ne("n2", 0, 0, 5, P.SUCCEEDED), ne("n3", 5_000, 5_000, 5, P.SUCCEEDED));
    expect(criticalPath(tie, { n10: [], n2: [], n3: ["n10", "n2"] }, T0 + 60_000)).toEqual(["n2", "n3"]);
    const loop = map(ne("a", 0, 0, 5, P.SUCCEEDED), ne("b", 5_000, 5_000, 5, P.SUCCEEDED));
    expect(criticalPath(loop, { a: ["b"], b: ["a"] }, T0 + 60_000)).toEqual(["a", "b"]);
  });

  it("is empty until the workflow's edges are known", () => {
    expect(criticalPath(nodes, {}, T0 + 60_000)).toEqual([]);
  });

  it("reads the edges from the compiled workflow", () => {
    const closure = create(CompiledWorkflowClosureSchema, {
      primary: { connections: { upstream: { n0: { ids: ["start-node"] }, n1: { ids: ["n0"] } } } },
    });
    expect(workflowUpstream(closure)).toEqual({ n0: ["start-node"], n1: ["n0"] });
    expect(workflowUpstream(undefined)).toEqual({});
  });
});

describe("timeline", () => {
  it("has queued and running spans, with running bars ending now", () => {
    const t = buildTimeline(nodes, { expanded: new Set(), upstream, nowMs: T0 + 60_000 });
    expect(t.startMs).toBe(T0);
    expect(t.endMs).toBe(T0 + 60_000);
    const d = t.bars.find((b) => b.row.nodeId === "d")!;
    expect(d).toMatchObject({ createdMs: T0 + 53_000, startMs: T0 + 54_000, endMs: T0 + 60_000, running: true, critical: true });
    expect(t.bars.find((b) => b.row.nodeId === "b")!.critical).toBe(false);
    expect(t.bars.map((b) => b.row.nodeId)).toEqual(["a", "b", "c", "d"]);
  });

  it("leaves out the start and end markers FlyteAdmin lists as node executions", () => {
    const withMarkers = map(...nodes.values(), ne("start-node", -5_000, undefined, undefined, P.SUCCEEDED), ne("end-node", 70_000, undefined, undefined, P.SUCCEEDED));
    const t = buildTimeline(withMarkers, { expanded: new Set(), upstream, nowMs: T0 + 60_000 });
    expect(t.bars.map((b) => b.row.nodeId)).toEqual(["a", "b", "c", "d"]);
    expect([t.startMs, t.endMs]).toEqual([T0, T0 + 60_000]);
    expect(t.criticalPath).toEqual(["a", "c", "d"]);
  });
});

describe("timeline of children with hashed ids", () => {
  it("draws each under the parent the watch names", () => {
    const parent = ne("node-deeply-nested", 0, 1_000, 10, P.SUCCEEDED);
    const child = ne("fraibbty", 100, 1_100, 5, P.SUCCEEDED);
    child.metadata!.specNodeId = "node-t1-parent";
    const all = new Map([["node-deeply-nested", parent], ["fraibbty", child]]);
    const parents = new Map([["fraibbty", "node-deeply-nested"]]);
    const closed = buildTimeline(all, { expanded: new Set(), upstream: {}, nowMs: T0 + 60_000, parents });
    expect(closed.bars.map((b) => b.row.nodeId)).toEqual(["node-deeply-nested"]);
    const open = buildTimeline(all, { expanded: new Set(["node-deeply-nested"]), upstream: {}, nowMs: T0 + 60_000, parents });
    expect(open.bars.map((b) => [b.row.nodeId, b.row.depth])).toEqual([["node-deeply-nested", 0], ["fraibbty", 1]]);
  });
});
