// Node executions land on the right graph nodes, with FlytePropeller's ids (scoped, retried, hashed).
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase as Phase, TaskExecution_Phase as TaskPhase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { buildWorkflowGraph } from "./build";
import { loadAdminWorkflowClosure, loadClosure } from "./fixtures.testutil";
import { branchTakenCase, buildExecutionOverlay, nodeExecutionKey, withSubTaskPhases } from "./overlay";

const EXEC = { project: "flytesnacks", domain: "development", name: "f7c3a1" };

function ne(
  nodeId: string,
  phase: Phase,
  o: { spec?: string; parent?: boolean; created?: number; updated?: number; exec?: typeof EXEC } = {},
): NodeExecution {
  return create(NodeExecutionSchema, {
    id: { nodeId, executionId: o.exec ?? EXEC },
    metadata: { specNodeId: o.spec ?? "", isParentNode: o.parent ?? false },
    closure: { phase, createdAt: { seconds: BigInt(o.created ?? 0) }, updatedAt: { seconds: BigInt(o.updated ?? o.created ?? 0) } },
  });
}

const phases = (overlay: ReturnType<typeof buildExecutionOverlay>) =>
  Object.fromEntries([...overlay].map(([id, e]) => [id, [Phase[e.phase], e.nodeExecutionId]]));

describe("buildExecutionOverlay on real closures", () => {
  const compiled = (f: string) => loadClosure(`flyte-compiler-snacks-core/compiled/${f}`);

  it("042: a branch shows the case it took; the other case has no execution", () => {
    const g = buildWorkflowGraph(compiled("042_core.control_flow.conditions.consume_outputs_2_wf.json"));
    const overlay = buildExecutionOverlay(g, [
      ne("start-node", Phase.SUCCEEDED, { spec: "start-node" }),
      ne("n0", Phase.SUCCEEDED, { spec: "n0" }),
      ne("n1", Phase.SUCCEEDED, { spec: "n1", parent: true }),
      ne("n1-0-n1-n0", Phase.SUCCEEDED, { spec: "n1-n0" }),
      ne("n2", Phase.RUNNING, { spec: "n2" }),
    ]);
    expect(phases(overlay)).toEqual({
      "start-node": ["SUCCEEDED", "start-node"],
      n0: ["SUCCEEDED", "n0"],
      n1: ["SUCCEEDED", "n1"],
      "n1-0-n1-n0": ["SUCCEEDED", "n1-0-n1-n0"],
      n2: ["RUNNING", "n2"],
    });
    expect(branchTakenCase(g, overlay, "n1")).toBe("n1-0-n1-n0");
    expect(overlay.get("n1")).toMatchObject({ isParentNode: true, key: nodeExecutionKey({ nodeId: "n1", executionId: EXEC }) });
    expect("phase" in g.byId.get("n2")!).toBe(false);
  });

  it("039: ids FlytePropeller shortened to a hash map through the parent the caller names, or a unique spec id", () => {
    const g = buildWorkflowGraph(compiled("039_core.control_flow.conditions.nested_conditions_2_wf.json"));
    // "n0-0-n0-n0-0-n0-n0-n0" is 21 characters, over propeller's 20: it reports a hash instead.
    const hashed = ne("fkb2m7qzu", Phase.FAILED, { spec: "n0-n0-n0" });
    const listed = [ne("n0", Phase.FAILED, { spec: "n0", parent: true }), ne("n0-0-n0-n0", Phase.FAILED, { spec: "n0-n0", parent: true })];
    // Without the parent named, its spec id finds it, being the only node with that id; an ambiguous one does not.
    expect(buildExecutionOverlay(g, [...listed, hashed]).get("n0-0-n0-n0-0-n0-n0-n0")?.nodeExecutionId).toBe("fkb2m7qzu");
    expect(buildExecutionOverlay(g, [...listed, ne("fq3k9zz", Phase.SUCCEEDED, { spec: "start-node" })]).get("start-node")).toBeUndefined();
    const overlay = buildExecutionOverlay(g, [...listed, { nodeExecution: hashed, parentId: "n0-0-n0-n0" }]);
    expect(phases(overlay)).toEqual({
      n0: ["FAILED", "n0"],
      "n0-0-n0-n0": ["FAILED", "n0-0-n0-n0"],
      "n0-0-n0-n0-0-n0-n0-n0": ["FAILED", "fkb2m7qzu"],
    });
    expect(branchTakenCase(g, overlay, "n0-0-n0-n0")).toBe("n0-0-n0-n0-0-n0-n0-n0");
  });

  it("a child listed without its parent still maps from its id", () => {
    const g = buildWorkflowGraph(compiled("039_core.control_flow.conditions.nested_conditions_2_wf.json"));
    expect(phases(buildExecutionOverlay(g, [ne("n0-0-n0-n2", Phase.QUEUED, { spec: "n0-n2" })]))).toEqual({
      "n0-0-n0-n2": ["QUEUED", "n0-0-n0-n2"],
    });
  });

  it("a launch plan's child execution, listed under the launch-plan node, never lands on the parent's own nodes", () => {
    const root = loadAdminWorkflowClosure(
      "flytekit-remote-responses/admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb",
    );
    const lp = "root-n1-0-parent-n1";
    const g = buildWorkflowGraph(root, { expanded: "all" });
    const child = { ...EXEC, name: "child9" };
    const parentId = { nodeId: lp, executionId: EXEC };
    const overlay = buildExecutionOverlay(g, [
      ne("start-node", Phase.SUCCEEDED, { spec: "start-node" }),
      ne("root-n1", Phase.RUNNING, { spec: "root-n1", parent: true }),
      ne(lp, Phase.RUNNING, { spec: "parent-n1" }),
      { nodeExecution: ne("start-node", Phase.QUEUED, { spec: "start-node", exec: child }), parentId },
      { nodeExecution: ne("leafwf-n0", Phase.RUNNING, { spec: "leafwf-n0", exec: child }), parentId },
    ]);
    expect(phases(overlay)).toEqual({
      "start-node": ["SUCCEEDED", "start-node"],
      "root-n1": ["RUNNING", "root-n1"],
      [lp]: ["RUNNING", lp],
    });
    expect(overlay.get("start-node")?.nodeExecution.id?.executionId?.name).toBe(EXEC.name);
  });
});

describe("buildExecutionOverlay", () => {
  const taskId = { resourceType: ResourceType.TASK, name: "t" };
  const task = (id: string) => ({ id, target: { case: "taskNode" as const, value: { reference: { case: "referenceId" as const, value: taskId } } } });
  const closure = create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: { name: "wf" },
        nodes: [
          { id: "start-node" },
          { id: "end-node" },
          { id: "sub", target: { case: "workflowNode", value: { reference: { case: "subWorkflowRef", value: { name: "inner" } } } } },
          { id: "map", target: { case: "arrayNode", value: { node: task("n0") } } },
        ],
      },
    },
    subWorkflows: [{ template: { id: { name: "inner" }, nodes: [task("a"), task("b")] } }],
    tasks: [{ template: { id: taskId, type: "python-task" } }],
  });
  const g = buildWorkflowGraph(closure);

  it("children of a retried parent show the latest attempt, whatever the list order", () => {
    const list = [
      ne("sub", Phase.RUNNING, { spec: "sub", parent: true, created: 1 }),
      ne("sub-0-a", Phase.FAILED, { spec: "a", created: 10 }),
      ne("sub-1-a", Phase.RUNNING, { spec: "a", created: 20 }),
    ];
    for (const input of [list, [...list].reverse()]) {
      expect(phases(buildExecutionOverlay(g, input))).toEqual({
        sub: ["RUNNING", "sub"],
        "sub-0-a": ["RUNNING", "sub-1-a"],
      });
    }
  });

  it("array sub-nodes are counted per phase on the array node, whatever propeller named them", () => {
    const overlay = buildExecutionOverlay(g, [
      ne("map", Phase.RUNNING, { spec: "map", parent: true }),
      ne("map-0-n0", Phase.SUCCEEDED, { spec: "n0", created: 1 }),
      ne("map-0-map-n1", Phase.SUCCEEDED, { spec: "map-n1" }),
      ne("map-0-n2", Phase.FAILED, { spec: "n2", created: 1 }),
      ne("map-1-n2", Phase.RUNNING, { spec: "n2", created: 5 }),
    ]);
    expect([...overlay.keys()]).toEqual(["map"]);
    expect(overlay.get("map")?.subNodePhases).toEqual({ [Phase.SUCCEEDED]: 2, [Phase.RUNNING]: 1 });
  });

  it("keeps unchanged entries, so one phase change is one new entry", () => {
    const first = buildExecutionOverlay(g, [
      ne("sub", Phase.RUNNING, { spec: "sub", parent: true, updated: 1 }),
      ne("sub-0-a", Phase.RUNNING, { spec: "a", updated: 1 }),
    ]);
    const second = buildExecutionOverlay(
      g,
      [ne("sub", Phase.RUNNING, { spec: "sub", parent: true, updated: 1 }), ne("sub-0-a", Phase.SUCCEEDED, { spec: "a", updated: 2 })],
      first,
    );
    expect(second.get("sub")).toBe(first.get("sub"));
    expect(second.get("sub-0-a")).not.toBe(first.get("sub-0-a"));
    expect(second.get("sub-0-a")?.phase).toBe(Phase.SUCCEEDED);
  });

  it("sub-task counts join the array node's entry, which keeps its identity while nothing changes", () => {
    const base = buildExecutionOverlay(g, [ne("map", Phase.RUNNING, { spec: "map" }), ne("sub", Phase.RUNNING, { spec: "sub", parent: true })]);
    const counts = new Map([["map", { [TaskPhase.SUCCEEDED]: 3, [TaskPhase.RUNNING]: 1 }], ["nowhere", { [TaskPhase.QUEUED]: 1 }]]);
    const first = withSubTaskPhases(base, counts);
    expect(first.get("map")?.subTaskPhases).toEqual({ [TaskPhase.SUCCEEDED]: 3, [TaskPhase.RUNNING]: 1 });
    expect(first.get("sub")).toBe(base.get("sub"));
    expect(first.has("nowhere")).toBe(false);
    expect(withSubTaskPhases(base, new Map([["map", { [TaskPhase.RUNNING]: 1, [TaskPhase.SUCCEEDED]: 3 }]]), first).get("map")).toBe(first.get("map"));
    const moved = withSubTaskPhases(base, new Map([["map", { [TaskPhase.SUCCEEDED]: 4 }]]), first);
    expect(moved.get("map")).not.toBe(first.get("map"));
    expect(moved.get("map")?.subTaskPhases).toEqual({ [TaskPhase.SUCCEEDED]: 4 });
  });

  it("ignores executions of nodes the graph does not have", () => {
    expect(buildExecutionOverlay(g, [ne("gone", Phase.RUNNING, { spec: "gone" }), ne("x-0-y", Phase.RUNNING, { spec: "y" })]).size).toBe(0);
  });
});
