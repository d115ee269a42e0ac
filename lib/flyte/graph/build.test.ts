// The real closures in fixtures/flyte build into the graphs flyteconsole draws for them.
import { create, fromBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TaskSpecSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowSpecSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { CompiledWorkflowClosureSchema, type CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { buildWorkflowGraph, visibleGraph } from "./build";
import {
  loadAdminWorkflowClosure,
  loadClosure,
  loadStoryClosure,
  readFixtureBytes,
} from "./fixtures.testutil";
import type { WorkflowGraph } from "./types";

const COMPILED = "flyte-compiler-snacks-core/compiled/";
const SERIALIZED = "flyte-compiler-snacks-core/serialized/";

/** [id, kind, parentId] of every node, in graph order. */
const shape = (g: WorkflowGraph) => g.nodes.map((n) => [n.id, n.kind, n.parentId ?? null]);
const sorted = (xs: string[]) => [...xs].sort();
const edgeIds = (g: WorkflowGraph) => sorted(g.edges.map((e) => e.id));
const node = (g: WorkflowGraph, id: string) => {
  const n = g.byId.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};

/* What `pyflyte package` sends to CreateWorkflow (never compiled: no connections) as a closure. */
function registeredClosure(workflowSpec: string, taskSpecs: string[]): CompiledWorkflowClosure {
  const spec = fromBinary(WorkflowSpecSchema, readFixtureBytes(SERIALIZED + workflowSpec));
  return create(CompiledWorkflowClosureSchema, {
    primary: { template: spec.template },
    subWorkflows: spec.subWorkflows.map((template) => ({ template })),
    tasks: taskSpecs.map((t) => ({ template: fromBinary(TaskSpecSchema, readFixtureBytes(SERIALIZED + t)).template })),
  });
}

describe("buildWorkflowGraph on real closures", () => {
  it("010 raw containers: five container tasks fan in to one python task", () => {
    const g = buildWorkflowGraph(loadClosure(`${COMPILED}010_core.containerization.raw_container.wf_2_wf.json`));
    expect(g.nodes.map((n) => [n.id, n.kind, n.name, n.taskType ?? null])).toEqual([
      ["start-node", "start", "start", null],
      ["end-node", "end", "end", null],
      ["n0", "task", "ellipse-area-metadata-shell", "raw-container"],
      ["n1", "task", "ellipse-area-metadata-python", "raw-container"],
      ["n2", "task", "ellipse-area-metadata-r", "raw-container"],
      ["n3", "task", "ellipse-area-metadata-haskell", "raw-container"],
      ["n4", "task", "ellipse-area-metadata-julia", "raw-container"],
      ["n5", "task", "report_all_calculated_areas", "python-task"],
    ]);
    expect(edgeIds(g)).toEqual(sorted([
      "n0->n5", "n1->n5", "n2->n5", "n3->n5", "n4->n5", "n5->end-node",
      "start-node->n0", "start-node->n1", "start-node->n2", "start-node->n3", "start-node->n4",
    ]));
    expect(node(g, "n5").reference?.name).toBe("core.containerization.raw_container.report_all_calculated_areas");
  });

  it("039 nested conditions: a branch inside a branch, each case a child with start and end around it", () => {
    const g = buildWorkflowGraph(loadClosure(`${COMPILED}039_core.control_flow.conditions.nested_conditions_2_wf.json`));
    expect(shape(g)).toEqual([
      ["start-node", "start", null],
      ["end-node", "end", null],
      ["n0", "branch", null],
      ["n0-0-start-node", "start", "n0"],
      ["n0-0-n0-n0", "branch", "n0"],
      ["n0-0-n0-n0-0-start-node", "start", "n0-0-n0-n0"],
      ["n0-0-n0-n0-0-n0-n0-n0", "task", "n0-0-n0-n0"],
      ["n0-0-n0-n0-0-n0-n0-n1", "task", "n0-0-n0-n0"],
      ["n0-0-n0-n0-0-end-node", "end", "n0-0-n0-n0"],
      ["n0-0-n0-n1", "task", "n0"],
      ["n0-0-n0-n2", "task", "n0"],
      ["n0-0-end-node", "end", "n0"],
    ]);
    expect(node(g, "n0").branch).toEqual({
      cases: [
        { label: "if", nodeId: "n0-0-n0-n0", condition: "my_input > 0.1 and my_input < 1" },
        { label: "elif", nodeId: "n0-0-n0-n1", condition: "my_input > 1 and my_input < 10" },
        { label: "else", nodeId: "n0-0-n0-n2", condition: undefined },
      ],
      elseError: undefined,
    });
    expect(node(g, "n0-0-n0-n0").branch?.elseError).toBe("Only <0.7 allowed");
    expect(node(g, "n0-0-n0-n0").specNodeId).toBe("n0-n0");
    expect(node(g, "n0-0-n0-n0-0-n0-n0-n0")).toMatchObject({ name: "double", taskType: "python-task", depth: 2 });
    expect(edgeIds(g)).toEqual(sorted([
      "n0->end-node",
      "n0-0-n0-n0->n0-0-end-node",
      "n0-0-n0-n0-0-n0-n0-n0->n0-0-n0-n0-0-end-node",
      "n0-0-n0-n0-0-n0-n0-n1->n0-0-n0-n0-0-end-node",
      "n0-0-n0-n0-0-start-node->n0-0-n0-n0-0-n0-n0-n0",
      "n0-0-n0-n0-0-start-node->n0-0-n0-n0-0-n0-n0-n1",
      "n0-0-n0-n1->n0-0-end-node",
      "n0-0-n0-n2->n0-0-end-node",
      "n0-0-start-node->n0-0-n0-n0",
      "n0-0-start-node->n0-0-n0-n1",
      "n0-0-start-node->n0-0-n0-n2",
      "start-node->n0",
    ]));
  });

  it("039: groups start collapsed, and opening one shows only its own children", () => {
    const closure = loadClosure(`${COMPILED}039_core.control_flow.conditions.nested_conditions_2_wf.json`);
    const closed = visibleGraph(buildWorkflowGraph(closure));
    expect(closed.nodes.map((n) => n.id)).toEqual(["start-node", "end-node", "n0"]);
    expect(closed.edges.map((e) => e.id)).toEqual(["n0->end-node", "start-node->n0"]);
    const open = visibleGraph(buildWorkflowGraph(closure, { expanded: new Set(["n0"]) }));
    expect(open.nodes.map((n) => n.id)).toEqual([
      "start-node", "end-node", "n0", "n0-0-start-node", "n0-0-n0-n0", "n0-0-n0-n1", "n0-0-n0-n2", "n0-0-end-node",
    ]);
    expect(open.edges).toHaveLength(8);
  });

  it("042 consume outputs: a branch between two tasks", () => {
    const g = buildWorkflowGraph(loadClosure(`${COMPILED}042_core.control_flow.conditions.consume_outputs_2_wf.json`));
    expect(shape(g)).toEqual([
      ["start-node", "start", null],
      ["end-node", "end", null],
      ["n0", "task", null],
      ["n1", "branch", null],
      ["n1-0-start-node", "start", "n1"],
      ["n1-0-n1-n0", "task", "n1"],
      ["n1-0-n1-n1", "task", "n1"],
      ["n1-0-end-node", "end", "n1"],
      ["n2", "task", null],
    ]);
    expect(node(g, "n1").branch?.cases.map((c) => [c.label, c.nodeId, c.condition])).toEqual([
      ["if", "n1-0-n1-n0", "n0.o0 == true"],
      ["else", "n1-0-n1-n1", undefined],
    ]);
    expect(edgeIds(g)).toEqual(sorted([
      "n0->n1", "n1->n2",
      "n1-0-n1-n0->n1-0-end-node", "n1-0-n1-n1->n1-0-end-node",
      "n1-0-start-node->n1-0-n1-n0", "n1-0-start-node->n1-0-n1-n1",
      "n2->end-node", "start-node->n0",
    ]));
  });

  it("059 merge sort: a branch whose else case is the dynamic merge_sort_remotely", () => {
    const g = buildWorkflowGraph(loadClosure(`${COMPILED}059_core.control_flow.merge_sort.merge_sort_2_wf.json`));
    expect(g.nodes.map((n) => [n.id, n.kind, n.name])).toEqual([
      ["start-node", "start", "start"],
      ["end-node", "end", "end"],
      ["n0", "branch", "terminal_case"],
      ["n0-0-start-node", "start", "start"],
      ["n0-0-n0-n0", "task", "sort_locally"],
      ["n0-0-n0-n1", "task", "merge_sort_remotely"],
      ["n0-0-end-node", "end", "end"],
    ]);
    expect(node(g, "n0").branch?.cases[0].condition).toBe("numbers_count <= run_local_at_count");
    expect(edgeIds(g)).toEqual(sorted([
      "n0->end-node",
      "n0-0-n0-n0->n0-0-end-node", "n0-0-n0-n1->n0-0-end-node",
      "n0-0-start-node->n0-0-n0-n0", "n0-0-start-node->n0-0-n0-n1",
      "start-node->n0",
    ]));
  });

  it("062 my_subwf: two chained tasks, both feeding the outputs", () => {
    const g = buildWorkflowGraph(loadClosure(`${COMPILED}062_core.control_flow.subworkflows.my_subwf_2_wf.json`));
    expect(shape(g)).toEqual([
      ["start-node", "start", null],
      ["end-node", "end", null],
      ["n0", "task", null],
      ["n1", "task", null],
    ]);
    expect(edgeIds(g)).toEqual(sorted(["n0->end-node", "n0->n1", "n1->end-node", "start-node->n0"]));
  });

  it("064 parent_wf as registered (no connections): my_subwf is a group wired like the compiler wires 062", () => {
    const g = buildWorkflowGraph(
      registeredClosure("064_core.control_flow.subworkflows.parent_wf_2.pb", ["061_core.control_flow.subworkflows.t1_1.pb"]),
    );
    expect(shape(g)).toEqual([
      ["start-node", "start", null],
      ["node-t1-parent", "task", null],
      ["n1", "subworkflow", null],
      ["n1-0-start-node", "start", "n1"],
      ["n1-0-n0", "task", "n1"],
      ["n1-0-n1", "task", "n1"],
      ["n1-0-end-node", "end", "n1"],
      ["end-node", "end", null],
    ]);
    expect(node(g, "n1")).toMatchObject({ name: "my_subwf", expandable: true, expanded: false, childIds: ["n1-0-start-node", "n1-0-n0", "n1-0-n1", "n1-0-end-node"] });
    expect(node(g, "n1-0-n0")).toMatchObject({ taskType: "python-task", visible: false, specNodeId: "n0" });
    expect(edgeIds(g)).toEqual(sorted([
      "n1->end-node",
      "n1-0-n0->n1-0-end-node", "n1-0-n0->n1-0-n1", "n1-0-n1->n1-0-end-node", "n1-0-start-node->n1-0-n0",
      "node-t1-parent->end-node", "node-t1-parent->n1", "start-node->node-t1-parent",
    ]));
    expect(g.edges.find((e) => e.id === "n1-0-n0->n1-0-n1")?.parentId).toBe("n1");
  });

  it("flytekit's root_level_wf: sub-workflows three levels deep, the innermost called through a launch plan", () => {
    const g = buildWorkflowGraph(
      loadAdminWorkflowClosure(
        "flytekit-remote-responses/admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb",
      ),
    );
    expect(g.nodes.map((n) => [n.id, n.kind, n.name, n.parentId ?? null])).toEqual([
      ["start-node", "start", "start", null],
      ["end-node", "end", "end", null],
      ["root-n0", "subworkflow", "leaf_subwf", null],
      ["root-n0-0-start-node", "start", "start", "root-n0"],
      ["root-n0-0-end-node", "end", "end", "root-n0"],
      ["root-n0-0-leafwf-n0", "task", "t1", "root-n0"],
      ["root-n0-0-leafwf-n1", "task", "t1", "root-n0"],
      ["root-n1", "subworkflow", "parent_wf", null],
      ["root-n1-0-start-node", "start", "start", "root-n1"],
      ["root-n1-0-end-node", "end", "end", "root-n1"],
      ["root-n1-0-parent-n0", "task", "t1", "root-n1"],
      ["root-n1-0-parent-n1", "launchplan", "leaf_subwf", "root-n1"],
    ]);
    // The launch plan runs as a child execution: a plain node, nothing to open in place.
    const lp = node(g, "root-n1-0-parent-n1");
    expect(lp).toMatchObject({ expandable: false, expanded: false, childIds: [] });
    expect(lp.reference?.name).toBe("core.control_flow.subworkflows.leaf_subwf");
    expect(edgeIds(g)).toEqual(sorted([
      "root-n0->end-node",
      "root-n0-0-leafwf-n0->root-n0-0-end-node",
      "root-n0-0-leafwf-n0->root-n0-0-leafwf-n1",
      "root-n0-0-leafwf-n1->root-n0-0-end-node",
      "root-n0-0-start-node->root-n0-0-leafwf-n0",
      "root-n1->end-node",
      "root-n1-0-parent-n0->root-n1-0-end-node",
      "root-n1-0-parent-n0->root-n1-0-parent-n1",
      "root-n1-0-parent-n1->root-n1-0-end-node",
      "root-n1-0-start-node->root-n1-0-parent-n0",
      "start-node->root-n0",
      "start-node->root-n1",
    ]));
  });

  it("053 my_map_workflow with the compiled 052 map task: a map node (no group) feeding coalesce", () => {
    const g = buildWorkflowGraph(
      registeredClosure("053_core.control_flow.map_task.my_map_workflow_2.pb", [
        "052_core.control_flow.map_task.mapper_a_mappable_task_0_1.pb",
        "051_core.control_flow.map_task.coalesce_1.pb",
      ]),
    );
    expect(g.nodes.map((n) => [n.id, n.kind, n.taskType ?? null])).toEqual([
      ["start-node", "start", null],
      ["n0", "array", "container_array"],
      ["n1", "task", "python-task"],
      ["end-node", "end", null],
    ]);
    expect(node(g, "n0")).toMatchObject({ isMapTask: true, expandable: false, name: "mapper_a_mappable_task_0" });
    expect(edgeIds(g)).toEqual(sorted(["n0->n1", "n1->end-node", "start-node->n0"]));
  });

  it("the compiler's branch test (success_10_simple): coin_toss then a two-case branch", () => {
    const g = buildWorkflowGraph(loadClosure("flyte-compiler-branch/success_10_simple.compiled.json"));
    expect(g.nodes.map((n) => [n.id, n.kind, n.name])).toEqual([
      ["start-node", "start", "start"],
      ["end-node", "end", "end"],
      ["n0", "task", "coin_toss"],
      ["n1", "branch", "test"],
      ["n1-0-start-node", "start", "start"],
      ["n1-0-n1-n0", "task", "success"],
      ["n1-0-n1-n1", "task", "failed"],
      ["n1-0-end-node", "end", "end"],
    ]);
    expect(edgeIds(g).filter((e) => !e.startsWith("n1-0-"))).toEqual(["n0->n1", "n1->end-node", "start-node->n0"]);
  });

  it("flyteadmin's workflow.json: duplicate connection ids give one edge, and no outputs leave end-node unwired", () => {
    const g = buildWorkflowGraph(loadClosure("flyteadmin/workflow.json"));
    expect(g.nodes.map((n) => n.id)).toEqual([
      "start-node", "end-node", "print-always", "print-sum", "print1a", "print1b", "print2", "print3", "print4",
    ]);
    expect(edgeIds(g)).toEqual(sorted([
      "print-sum->print-always", "print1a->print2", "print1b->print2", "print2->print-sum", "print2->print3",
      "print3->print-sum", "print3->print4", "print4->print-sum",
      "start-node->print-always", "start-node->print1a", "start-node->print1b",
    ]));
  });

  it("flyteconsole's stories: largeGraph, rich (no end-node in the template) and batchTasks", () => {
    const large = buildWorkflowGraph(loadStoryClosure("flyteconsole-stories/largeGraph.json"));
    expect(large.nodes).toHaveLength(10);
    expect(edgeIds(large)).toEqual(sorted([
      "id_a->id_g", "id_a->id_h", "id_b->id_d", "id_c->id_d", "id_d->end-node", "id_e->id_g", "id_e->id_h",
      "id_f->id_g", "id_g->end-node", "id_h->end-node",
      "start-node->id_a", "start-node->id_b", "start-node->id_c", "start-node->id_e", "start-node->id_f",
      "start-node->id_g", "start-node->id_h",
    ]));
    const rich = buildWorkflowGraph(loadStoryClosure("flyteconsole-stories/rich.json"));
    expect(rich.nodes.map((n) => n.id)).not.toContain("end-node");
    expect(rich.nodes).toHaveLength(12);
    expect(node(rich, "sparky").taskType).toBe("spark");
    expect(node(rich, "batch-test").taskType).toBe("batch-task");
    expect(edgeIds(rich)).toHaveLength(17);
    expect(edgeIds(rich)).toContain("sparky->print-spark");
    const batch = buildWorkflowGraph(loadStoryClosure("flyteconsole-stories/batchTasks.json"));
    expect(edgeIds(batch)).toEqual(sorted(["start-node->task1", "t->end-node", "task1->t"]));
    const simple = buildWorkflowGraph(loadStoryClosure("flyteconsole-stories/simpleWorkflowClosure.json"));
    expect(edgeIds(simple)).toEqual(sorted(["odd-nums-task->end-node", "start-node->odd-nums-task"]));
  });
});
