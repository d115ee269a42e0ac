import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { buildTimeline, criticalPath } from "./timeline";

const T0 = 1_700_000_000_000;

function ne(id: string, created: number, started: number, durationS: number | undefined, phase: P): NodeExecution {
  return create(NodeExecutionSchema, {
    id: { nodeId: id },
    metadata: { specNodeId: id },
    closure: {
      phase,
      createdAt: timestampFromMs(T0 + created),
      startedAt: timestampFromMs(T0 + started),
      duration: durationS ? { seconds: BigInt(durationS) } : undefined,
      updatedAt: timestampFromMs(T0 + started),
    },
  });
}

// a → b, a → c, b,c → d. c is slow: the critical path is a, c, d.
const nodes = new Map([
  ["a", ne("a", 0, 1_000, 10, P.SUCCEEDED)],
  ["b", ne("b", 11_000, 12_000, 5, P.SUCCEEDED)],
  ["c", ne("c", 11_000, 13_000, 40, P.SUCCEEDED)],
  ["d", ne("d", 53_000, 54_000, undefined, P.RUNNING)],
]);
const upstream = { a: [], b: ["a"], c: ["a"], d: ["b", "c"] };

describe("timeline", () => {
  it("finds the chain that decided the end", () => {
    expect([...criticalPath(nodes, upstream, T0 + 60_000)].sort()).toEqual(["a", "c", "d"]);
  });

  it("has queued and running spans, with running bars ending now", () => {
    const t = buildTimeline(nodes, { expanded: new Set(), upstream, nowMs: T0 + 60_000 });
    expect(t.startMs).toBe(T0);
    expect(t.endMs).toBe(T0 + 60_000);
    const d = t.bars.find((b) => b.row.nodeId === "d")!;
    expect(d).toMatchObject({ createdMs: T0 + 53_000, startMs: T0 + 54_000, endMs: T0 + 60_000, running: true, critical: true });
    expect(t.bars.find((b) => b.row.nodeId === "b")!.critical).toBe(false);
    expect(t.bars.map((b) => b.row.nodeId)).toEqual(["a", "b", "c", "d"]);
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
