import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { childExecutionId, failingNodeId, nodeExecutionRows } from "./node-executions";

function ne(nodeId: string, spec: string, phase: P, startedMs: number, opts: { durationS?: number; updatedMs?: number; parent?: boolean } = {}) {
  return create(NodeExecutionSchema, {
    id: { nodeId, executionId: { project: "p", domain: "d", name: "x" } },
    metadata: { specNodeId: spec, isParentNode: opts.parent ?? false },
    closure: {
      phase,
      startedAt: timestampFromMs(startedMs),
      duration: opts.durationS ? { seconds: BigInt(opts.durationS) } : undefined,
      updatedAt: timestampFromMs(opts.updatedMs ?? startedMs),
    },
  });
}

const nodes = [
  ne("n0", "n0", P.SUCCEEDED, 1000, { durationS: 5 }),
  ne("n1", "n1", P.FAILED, 2000, { durationS: 30, parent: true, updatedMs: 9000 }),
  ne("n1-0-a", "a", P.SUCCEEDED, 2100, { durationS: 2 }),
  ne("n1-0-b", "b", P.FAILED, 2200, { durationS: 20, updatedMs: 8000 }),
  ne("n2", "n2", P.SKIPPED, 3000),
];

describe("nodeExecutionRows", () => {
  it("nests children under expanded parents and sorts siblings by start", () => {
    const collapsed = nodeExecutionRows(nodes, { expanded: new Set(), nowMs: 10_000 });
    expect(collapsed.map((r) => r.nodeId)).toEqual(["n0", "n1", "n2"]);
    expect(collapsed[1]).toMatchObject({ hasChildren: true, expanded: false });
    const open = nodeExecutionRows(nodes, { expanded: new Set(["n1"]), nowMs: 10_000 });
    expect(open.map((r) => [r.nodeId, r.depth])).toEqual([["n0", 0], ["n1", 0], ["n1-0-a", 1], ["n1-0-b", 1], ["n2", 0]]);
  });

  it("orders nodes that started together by id in natural order, n2 before n10", () => {
    const together = ["n10", "n2", "n1", "n20"].map((id) => ne(id, id, P.SUCCEEDED, 5000));
    expect(nodeExecutionRows(together, { expanded: new Set(), nowMs: 10_000 }).map((r) => r.nodeId)).toEqual(["n1", "n2", "n10", "n20"]);
  });

  it("names rows after the workflow's node names when given, and searches those names", () => {
    const names: Record<string, string> = { n0: "prepare_batch", n1: "my_subwf" };
    const nameOf = (x: (typeof nodes)[number]) => names[x.id!.nodeId];
    const rows = nodeExecutionRows(nodes, { expanded: new Set(), nowMs: 0, nameOf });
    expect(rows.map((r) => r.name)).toEqual(["prepare_batch", "my_subwf", "n2"]);
    expect(nodeExecutionRows(nodes, { expanded: new Set(), nowMs: 0, nameOf, search: "subwf" }).map((r) => r.nodeId)).toEqual(["n1"]);
  });

  it("filters by phase and keeps (and opens) the parents of matching children", () => {
    const failed = nodeExecutionRows(nodes, { expanded: new Set(), phases: new Set(["FAILED"]), nowMs: 0 });
    expect(failed.map((r) => r.nodeId)).toEqual(["n1", "n1-0-b"]);
    const byName = nodeExecutionRows(nodes, { expanded: new Set(), search: "A", nowMs: 0 });
    expect(byName.map((r) => r.nodeId)).toEqual(["n1", "n1-0-a"]);
  });

  it("sorts by duration, longest first", () => {
    const rows = nodeExecutionRows(nodes, { expanded: new Set(), sort: "duration", nowMs: 0 });
    expect(rows.map((r) => r.nodeId)).toEqual(["n1", "n0", "n2"]);
  });
});

describe("failingNodeId", () => {
  it("blames the failed child, not the parent that failed because of it", () => {
    expect(failingNodeId(nodes)).toBe("n1-0-b");
    expect(failingNodeId(nodes.filter((n) => n.closure?.phase !== P.FAILED))).toBeUndefined();
  });
});

// FlytePropeller hashes a child's id when `${parent}-${attempt}-${spec}` passes 20 characters
// (flytepropeller nodes/common/utils.go GenerateUniqueID); only the parent ids the watch carries place it.
describe("children with hashed ids", () => {
  const hashed = [
    ne("node-deeply-nested", "node-deeply-nested", P.FAILED, 1000, { durationS: 9, parent: true, updatedMs: 9000 }),
    ne("fraibbty", "n1", P.FAILED, 1100, { durationS: 8, parent: true, updatedMs: 8500 }),
    ne("fraibbty-0-n0", "n0", P.FAILED, 1200, { durationS: 2, updatedMs: 8000 }),
    ne("fe63sz6y", "node-t1-parent", P.SUCCEEDED, 1050, { durationS: 1 }),
  ];
  const parents = new Map([
    ["fraibbty", "node-deeply-nested"],
    ["fe63sz6y", "node-deeply-nested"],
    ["fraibbty-0-n0", "fraibbty"],
  ]);

  it("nest under the parent the watch names, not at the top level", () => {
    const top = nodeExecutionRows(hashed, { expanded: new Set(), nowMs: 0, parents });
    expect(top.map((r) => r.nodeId)).toEqual(["node-deeply-nested"]);
    const open = nodeExecutionRows(hashed, { expanded: new Set(["node-deeply-nested", "fraibbty"]), nowMs: 0, parents });
    expect(open.map((r) => [r.nodeId, r.depth])).toEqual([
      ["node-deeply-nested", 0],
      ["fe63sz6y", 1],
      ["fraibbty", 1],
      ["fraibbty-0-n0", 2],
    ]);
  });

  it("blame the failed child, never its parent, whatever the order of their updates", () => {
    // The parent's record updated first (its events carry FlytePropeller's clock, the child's too, with skew).
    const failedFirst = hashed.map((n) =>
      n.id!.nodeId === "node-deeply-nested" ? ne("node-deeply-nested", "node-deeply-nested", P.FAILED, 400, { durationS: 9, parent: true, updatedMs: 500 }) : n,
    );
    expect(failingNodeId(failedFirst, parents)).toBe("fraibbty-0-n0");
  });
});

describe("childExecutionId", () => {
  it("is the execution a launch-plan node started, and nothing for other nodes", () => {
    const child = { project: "flytesnacks", domain: "development", name: "abc" };
    const lp = create(NodeExecutionSchema, { closure: { targetMetadata: { case: "workflowNodeMetadata", value: { executionId: child } } } });
    expect(childExecutionId(lp)).toMatchObject(child);
    expect(childExecutionId(create(NodeExecutionSchema, { closure: { targetMetadata: { case: "taskNodeMetadata", value: {} } } }))).toBeUndefined();
    expect(childExecutionId(create(NodeExecutionSchema, {}))).toBeUndefined();
  });
});
