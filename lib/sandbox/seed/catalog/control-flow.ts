// Control flow: conditions (nested, consuming outputs, an else that fails), sub-workflows three
// levels deep with a launch-plan node, a map over a list (ArrayNode) and a dynamic task.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { and, arrayNode, branchNode, cmp, cmpVars, launchPlanNode, out, subWorkflowNode, taskNode, wfInput } from "./nodes";
import { IMAGES } from "./tasks";

export function controlFlow(c: CatalogBuilder): void {
  conditions(c);
  subWorkflows(c);
  mapAndDynamic(c);
}

function conditions(c: CatalogBuilder): void {
  const num = { inputs: { n: T.float }, outputs: { o0: T.float }, image: IMAGES.cookbook };
  const square = c.task({ name: "core.control_flow.conditions.square", description: "n * n", ...num });
  const double = c.task({ name: "core.control_flow.conditions.double", description: "2 * n", ...num });
  const coinToss = c.task({ name: "core.control_flow.conditions.coin_toss", description: "Heads or tails, from a seed.", inputs: { seed: T.int }, outputs: { o0: T.bool } });

  const nested = c.workflow({
    name: "core.control_flow.conditions.nested_conditions",
    description: "A branch inside a branch; one inner case fails on purpose.",
    inputs: { my_input: T.float },
    outputs: { o0: T.float },
    defaults: { my_input: L.float(0.4) },
    nodes: [
      branchNode(
        "n0",
        "fractions",
        { ".my_input": wfInput("my_input") },
        [
          {
            when: and(cmp(".my_input", ">", 0.1), cmp(".my_input", "<", 1.0)),
            then: branchNode(
              "n0",
              "inner_fractions",
              { ".my_input": wfInput("my_input") },
              [
                { when: cmp(".my_input", "<", 0.5), then: taskNode("n0", double, { n: wfInput("my_input") }) },
                { when: and(cmp(".my_input", ">", 0.5), cmp(".my_input", "<", 0.7)), then: taskNode("n1", square, { n: wfInput("my_input") }) },
              ],
              { fail: "Only <0.7 allowed" },
            ),
          },
          { when: and(cmp(".my_input", ">", 1.0), cmp(".my_input", "<", 10.0)), then: taskNode("n1", square, { n: wfInput("my_input") }) },
        ],
        taskNode("n2", double, { n: wfInput("my_input") }),
      ),
    ],
    returns: { o0: out("n0") },
  });
  c.launch("seed-branch", nested, { my_input: L.float(0.4) });
  c.launch("seed-branch-square", nested, { my_input: L.float(4.0) });
  c.launch("seed-branch-fails", nested, { my_input: L.float(0.8) });

  const consume = c.workflow({
    name: "core.control_flow.conditions.consume_outputs",
    description: "Branches on a task's output, then uses the branch's output.",
    inputs: { my_input: T.float, seed: T.int },
    outputs: { o0: T.float },
    defaults: { my_input: L.float(3.0), seed: L.int(5) },
    nodes: [
      taskNode("n0", coinToss, { seed: wfInput("seed") }),
      branchNode(
        "n1",
        "double_or_square",
        { "n0.o0": out("n0") },
        [{ when: cmp("n0.o0", "==", true), then: taskNode("n0", square, { n: wfInput("my_input") }) }],
        taskNode("n1", double, { n: wfInput("my_input") }),
      ),
      taskNode("n2", double, { n: out("n1") }),
    ],
    returns: { o0: out("n2") },
  });
  c.launch("seed-branch-outputs", consume);
}

function subWorkflows(c: CatalogBuilder): void {
  const t1 = c.task({
    name: "core.control_flow.subworkflows.t1",
    description: "Adds two and reports the input.",
    inputs: { a: T.int },
    outputs: { t1_int_output: T.int, c: T.str },
    image: IMAGES.cookbook,
  });
  const leaf = c.workflow({
    name: "core.control_flow.subworkflows.leaf_subwf",
    description: "Two chained tasks; used as a sub-workflow and through its launch plan.",
    inputs: { a: T.int },
    outputs: { o0: T.str, o1: T.str },
    defaults: { a: L.int(42) },
    nodes: [taskNode("n0", t1, { a: wfInput("a") }), taskNode("n1", t1, { a: out("n0", "t1_int_output") })],
    returns: { o0: out("n0", "c"), o1: out("n1", "c") },
  });
  const parent = c.workflow({
    name: "core.control_flow.subworkflows.parent_wf",
    description: "A task, a sub-workflow node and a launch-plan node (a child execution).",
    inputs: { a: T.int },
    outputs: { o0: T.int, o1: T.str, o2: T.str, o3: T.str },
    defaults: { a: L.int(3) },
    nodes: [
      taskNode("node-t1-parent", t1, { a: wfInput("a") }),
      subWorkflowNode("n1", leaf, { a: out("node-t1-parent", "t1_int_output") }),
      launchPlanNode("n2", leaf.launchPlan, { a: out("node-t1-parent", "t1_int_output") }),
    ],
    returns: { o0: out("node-t1-parent", "t1_int_output"), o1: out("n1", "o0"), o2: out("n1", "o1"), o3: out("n2", "o1") },
  });
  const root = c.workflow({
    name: "core.control_flow.subworkflows.root_level_wf",
    description: "Sub-workflows three levels deep.",
    inputs: { a: T.int },
    outputs: { o0: T.str, o1: T.str, o2: T.str, o3: T.str },
    defaults: { a: L.int(1) },
    nodes: [subWorkflowNode("n0", leaf, { a: wfInput("a") }), subWorkflowNode("n1", parent, { a: wfInput("a") })],
    returns: { o0: out("n1", "o1"), o1: out("n1", "o2"), o2: out("n1", "o3"), o3: out("n0", "o1") },
  });
  c.launch("seed-subworkflows", root);
  // A node id long enough that its children's ids pass FlytePropeller's 20-character limit and are hashed
  // (executor/ids.ts), so the console meets ids it cannot split into parent and child.
  const hashed = c.workflow({
    name: "core.control_flow.subworkflows.deeply_nested_wf",
    description: "parent_wf under a long node id: FlytePropeller shortens its children's ids to hashes.",
    inputs: { a: T.int },
    outputs: { o0: T.str },
    defaults: { a: L.int(2) },
    nodes: [subWorkflowNode("node-deeply-nested", parent, { a: wfInput("a") })],
    returns: { o0: out("node-deeply-nested", "o1") },
  });
  c.launch("seed-hashed-ids", hashed);
  c.launch("seed-parent-wf", parent);
}

function mapAndDynamic(c: CatalogBuilder): void {
  const mappable = c.task({
    name: "core.control_flow.map_task.a_mappable_task",
    description: "Runs once per list item.",
    inputs: { a: T.int },
    outputs: { o0: T.str },
    requests: { memory: "300Mi" },
    limits: { memory: "500Mi" },
    retries: 1,
    sandbox: { failIndices: [7] },
  });
  const coalesce = c.task({ name: "core.control_flow.map_task.coalesce", description: "Joins the mapped outputs.", inputs: { b: T.list(T.str) }, outputs: { o0: T.str } });
  const mapWf = c.workflow({
    name: "core.control_flow.map_task.my_map_workflow",
    description: "An ArrayNode over a list (one item fails, within the 90% success ratio), then a fan-in.",
    inputs: { a: T.list(T.int) },
    outputs: { o0: T.str },
    defaults: { a: L.list(...[1, 2, 3, 4, 5].map(L.int)) },
    nodes: [
      arrayNode("n0", mappable, { a: wfInput("a") }, { parallelism: 4, minSuccessRatio: 0.9 }),
      taskNode("n1", coalesce, { b: out("n0") }),
    ],
    returns: { o0: out("n1") },
  });
  c.launch("seed-map-task", mapWf, { a: L.list(...Array.from({ length: 12 }, (_, i) => L.int(i + 1))) });

  const sortLocally = c.task({
    name: "core.control_flow.merge_sort.sort_locally",
    description: "Sorts a short list in memory.",
    inputs: { numbers: T.list(T.int) },
    outputs: { o0: T.list(T.int) },
  });
  const mergeSortRemotely = c.task({
    name: "core.control_flow.merge_sort.merge_sort_remotely",
    description: "A dynamic task: splits the list and sorts the parts in a generated sub-workflow.",
    inputs: { numbers: T.list(T.int), run_local_at_count: T.int },
    outputs: { o0: T.list(T.int) },
    sandbox: { dynamic: { task: "core.control_flow.merge_sort.sort_locally", copies: 4 } },
  });
  const mergeSort = c.workflow({
    name: "core.control_flow.merge_sort.merge_sort",
    description: "Sorts locally when the list is short, else in a dynamic workflow generated at run time.",
    inputs: { numbers: T.list(T.int), numbers_count: T.int, run_local_at_count: T.int },
    outputs: { o0: T.list(T.int) },
    defaults: { numbers: L.list(...[9, 4, 7, 1, 8, 2, 6, 3, 5].map(L.int)), numbers_count: L.int(9), run_local_at_count: L.int(3) },
    nodes: [
      branchNode(
        "n0",
        "terminal_case",
        { ".numbers_count": wfInput("numbers_count"), ".run_local_at_count": wfInput("run_local_at_count") },
        [{ when: cmpVars(".numbers_count", "<=", ".run_local_at_count"), then: taskNode("n0", sortLocally, { numbers: wfInput("numbers") }) }],
        taskNode("n1", mergeSortRemotely, { numbers: wfInput("numbers"), run_local_at_count: wfInput("run_local_at_count") }),
      ),
    ],
    returns: { o0: out("n0") },
  });
  c.launch("seed-dynamic", mergeSort);
}
