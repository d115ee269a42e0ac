// Groups whose children come from closures fetched at run time (dynamic nodes), launch-plan nodes that stay
// plain nodes, and node kinds the fixtures do not cover (gates, ArrayNode).
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { buildWorkflowGraph, visibleGraph } from "./build";
import { loadAdminWorkflowClosure, loadClosure } from "./fixtures.testutil";

const ids = (list: string[]) => ({ ids: list });
const taskId = (name: string) => ({ resourceType: ResourceType.TASK, name });

describe("run-time closures", () => {
  const mergeSort = () => loadClosure("flyte-compiler-snacks-core/compiled/059_core.control_flow.merge_sort.merge_sort_2_wf.json");

  /* What GetDynamicNodeWorkflow returns for merge_sort_remotely: split, two recursive merge_sort calls, merge. */
  function mergeSortRemotelyDynamic() {
    const outer = mergeSort();
    const mergeSortRef = outer.primary!.template!.id!;
    const task = (id: string, name: string) => ({
      id,
      metadata: { name },
      target: { case: "taskNode" as const, value: { reference: { case: "referenceId" as const, value: taskId(`core.control_flow.merge_sort.${name}`) } } },
    });
    const sub = (id: string) => ({
      id,
      metadata: { name: "merge_sort" },
      target: { case: "workflowNode" as const, value: { reference: { case: "subWorkflowRef" as const, value: mergeSortRef } } },
    });
    return create(CompiledWorkflowClosureSchema, {
      primary: {
        template: {
          id: { resourceType: ResourceType.WORKFLOW, name: "core.control_flow.merge_sort.merge_sort_remotely" },
          nodes: [{ id: "start-node" }, { id: "end-node" }, task("dn0", "split"), sub("dn1"), sub("dn2"), task("dn3", "merge")],
        },
        connections: {
          downstream: { "start-node": ids(["dn0"]), dn0: ids(["dn1", "dn2"]), dn1: ids(["dn3"]), dn2: ids(["dn3"]), dn3: ids(["end-node"]) },
        },
      },
      subWorkflows: [outer.primary!],
      tasks: [
        ...outer.tasks,
        { template: { id: taskId("core.control_flow.merge_sort.split"), type: "python-task" } },
        { template: { id: taskId("core.control_flow.merge_sort.merge"), type: "python-task" } },
      ],
    });
  }

  it("a dynamic node expands from its dynamic closure, which may call the workflow around it", () => {
    const closure = mergeSort();
    const plain = buildWorkflowGraph(closure);
    expect(plain.byId.get("n0-0-n0-n1")?.kind).toBe("task");

    const dynamic = buildWorkflowGraph(closure, {
      dynamicClosures: new Map([["n0-0-n0-n1", mergeSortRemotelyDynamic()]]),
      expanded: new Set(["n0", "n0-0-n0-n1"]),
    });
    const dyn = dynamic.byId.get("n0-0-n0-n1")!;
    expect(dyn).toMatchObject({ kind: "dynamic", taskType: "python-task", expandable: true, expanded: true });
    expect(dyn.childIds).toEqual([
      "n0-0-n0-n1-0-start-node",
      "n0-0-n0-n1-0-end-node",
      "n0-0-n0-n1-0-dn0",
      "n0-0-n0-n1-0-dn1",
      "n0-0-n0-n1-0-dn2",
      "n0-0-n0-n1-0-dn3",
    ]);
    expect(dynamic.byId.get("n0-0-n0-n1-0-dn0")).toMatchObject({ kind: "task", name: "split", taskType: "python-task" });
    expect(dynamic.byId.get("n0-0-n0-n1-0-dn1")).toMatchObject({ kind: "subworkflow", name: "merge_sort", expanded: false });
    expect(dynamic.byId.get("n0-0-n0-n1-0-dn1")?.childIds).toEqual([
      "n0-0-n0-n1-0-dn1-0-start-node",
      "n0-0-n0-n1-0-dn1-0-end-node",
      "n0-0-n0-n1-0-dn1-0-n0",
    ]);
    expect(dynamic.byId.get("n0-0-n0-n1-0-dn1-0-n0-0-n0-n1")).toMatchObject({ kind: "task", name: "merge_sort_remotely" });
    expect(dynamic.edges.filter((e) => e.parentId === "n0-0-n0-n1").map((e) => e.id).sort()).toEqual([
      "n0-0-n0-n1-0-dn0->n0-0-n0-n1-0-dn1",
      "n0-0-n0-n1-0-dn0->n0-0-n0-n1-0-dn2",
      "n0-0-n0-n1-0-dn1->n0-0-n0-n1-0-dn3",
      "n0-0-n0-n1-0-dn2->n0-0-n0-n1-0-dn3",
      "n0-0-n0-n1-0-dn3->n0-0-n0-n1-0-end-node",
      "n0-0-n0-n1-0-start-node->n0-0-n0-n1-0-dn0",
    ]);
    expect(visibleGraph(dynamic).nodes.map((n) => n.id)).toContain("n0-0-n0-n1-0-dn3");
    expect(visibleGraph(dynamic).nodes.map((n) => n.id)).not.toContain("n0-0-n0-n1-0-dn1-0-n0");
    expect(dynamic.layoutKey).not.toBe(buildWorkflowGraph(closure, { expanded: new Set(["n0", "n0-0-n0-n1"]) }).layoutKey);
  });

  it("a launch-plan node is a plain node even with everything expanded: its workflow runs as a child execution", () => {
    const root = loadAdminWorkflowClosure(
      "flytekit-remote-responses/admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb",
    );
    const lpId = "root-n1-0-parent-n1";
    const g = buildWorkflowGraph(root, { expanded: "all" });
    expect(g.byId.get(lpId)).toMatchObject({ kind: "launchplan", expandable: false, expanded: false, childIds: [], visible: true });
    expect(g.nodes.filter((n) => n.parentId === lpId)).toEqual([]);
    // The sub-workflow beside it still opens.
    expect(g.byId.get("root-n1")).toMatchObject({ kind: "subworkflow", expandable: true, expanded: true });
    // Asking to open it (an old URL) changes nothing, not even the layout.
    const open = buildWorkflowGraph(root, { expanded: new Set(["root-n1", lpId]) });
    expect(open.byId.get(lpId)?.expanded).toBe(false);
    expect(open.layoutKey).toBe(buildWorkflowGraph(root, { expanded: new Set(["root-n1"]) }).layoutKey);
  });
});

describe("node kinds without a fixture", () => {
  const closure = create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: { resourceType: ResourceType.WORKFLOW, name: "wf" },
        nodes: [
          { id: "start-node" },
          { id: "end-node" },
          { id: "approve", metadata: { name: "approve" }, target: { case: "gateNode", value: { condition: { case: "approve", value: { signalId: "ok?" } } } } },
          {
            id: "signal",
            target: { case: "gateNode", value: { condition: { case: "signal", value: { signalId: "s", outputVariableName: "o0" } } } },
          },
          { id: "sleep", target: { case: "gateNode", value: { condition: { case: "sleep", value: { duration: { seconds: 90n, nanos: 500_000_000 } } } } } },
          {
            id: "map",
            metadata: { name: "map_square" },
            target: {
              case: "arrayNode",
              value: {
                node: { id: "n0", metadata: { name: "square" }, target: { case: "taskNode", value: { reference: { case: "referenceId", value: taskId("square") } } } },
              },
            },
          },
        ],
      },
      connections: {
        downstream: { "start-node": ids(["approve", "signal", "sleep"]), approve: ids(["map"]), signal: ids(["map"]), sleep: ids(["map"]), map: ids(["end-node"]) },
      },
    },
    tasks: [{ template: { id: taskId("square"), type: "python-task" } }],
  });

  it("gates say what they wait for", () => {
    const g = buildWorkflowGraph(closure);
    expect(g.byId.get("approve")).toMatchObject({ kind: "gate", gate: { kind: "approve", signalId: "ok?" }, expandable: false });
    expect(g.byId.get("signal")?.gate).toEqual({ kind: "signal", signalId: "s", outputVariable: "o0" });
    expect(g.byId.get("sleep")?.gate).toEqual({ kind: "sleep", durationMs: 90_500 });
  });

  it("an ArrayNode is one node with its mapped node's task type; the mapped node stays hidden, even when asked open", () => {
    const g = buildWorkflowGraph(closure, { expanded: new Set(["map"]) });
    expect(g.byId.get("map")).toMatchObject({ kind: "array", name: "map_square", taskType: "python-task", childIds: ["map-0-n0"], expandable: false, expanded: false });
    expect(g.byId.get("map-0-n0")).toMatchObject({ kind: "task", name: "square", parentId: "map", visible: false });
    expect(visibleGraph(g).nodes.map((n) => n.id)).not.toContain("map-0-n0");
    expect(g.edges.map((e) => e.id).sort()).toEqual([
      "approve->map", "map->end-node", "signal->map", "sleep->map",
      "start-node->approve", "start-node->signal", "start-node->sleep",
    ]);
  });

  it("a launchplanRef node is a plain node with no group to open, even when asked open", () => {
    const lp = { resourceType: ResourceType.LAUNCH_PLAN, project: "p", domain: "d", name: "my.pkg.child_lp", version: "v1" };
    const withLp = create(CompiledWorkflowClosureSchema, {
      primary: {
        template: {
          id: { resourceType: ResourceType.WORKFLOW, name: "wf" },
          nodes: [
            { id: "start-node" },
            { id: "end-node" },
            { id: "n0", metadata: { name: "child_lp" }, target: { case: "workflowNode", value: { reference: { case: "launchplanRef", value: lp } } } },
          ],
        },
        connections: { downstream: { "start-node": ids(["n0"]), n0: ids(["end-node"]) } },
      },
    });
    const g = buildWorkflowGraph(withLp, { expanded: "all" });
    expect(g.byId.get("n0")).toMatchObject({ kind: "launchplan", name: "child_lp", expandable: false, expanded: false, childIds: [] });
    expect(g.byId.get("n0")?.reference).toMatchObject({ name: "my.pkg.child_lp", version: "v1" });
    expect(visibleGraph(g).nodes.map((n) => n.id)).toEqual(["start-node", "end-node", "n0"]);
  });
});
