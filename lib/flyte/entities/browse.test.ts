import { describe, expect, it } from "vitest";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { LaunchPlanSchema, LaunchPlanState } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { parseFilters } from "../filters";
import { latestRunMarks } from "./latest-runs";
import { cleanTerm, containsIgnoringCase, executionNameFilter, paletteNames, rankByName } from "./search";
import { versionRows } from "./versions";

const exec = (name: string, phase: WorkflowExecution_Phase, ms: number) =>
  create(ExecutionSchema, { id: { project: "p", domain: "d", name }, closure: { phase, createdAt: timestampFromMs(ms) } });

describe("the latest-runs strip", () => {
  it("shows the newest runs, oldest on the left, with their phases", () => {
    const newestFirst = [exec("c", WorkflowExecution_Phase.RUNNING, 3), exec("b", WorkflowExecution_Phase.FAILED, 2), exec("a", WorkflowExecution_Phase.SUCCEEDED, 1)];
    expect(latestRunMarks(newestFirst).map((m) => [m.name, m.phase.name])).toEqual([
      ["a", "SUCCEEDED"],
      ["b", "FAILED"],
      ["c", "RUNNING"],
    ]);
    expect(latestRunMarks(newestFirst, 2).map((m) => m.name)).toEqual(["b", "c"]);
  });
});

describe("versions", () => {
  it("lists versions newest first, once each, and marks the active launch plan", () => {
    const wf = (v: string, ms: number) => ({ kind: "workflow" as const, value: create(WorkflowSchema, { id: { version: v }, closure: { createdAt: timestampFromMs(ms) } }) });
    expect(versionRows([wf("v1", 1000), wf("v3", 3000), wf("v2", 2000), wf("v3", 3000)]).map((r) => r.version)).toEqual(["v3", "v2", "v1"]);
    const lp = (v: string, state: LaunchPlanState) => ({ kind: "launch_plan" as const, value: create(LaunchPlanSchema, { id: { version: v }, closure: { state } }) });
    expect(versionRows([lp("a", LaunchPlanState.INACTIVE), lp("b", LaunchPlanState.ACTIVE)]).map((r) => [r.version, r.active])).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });
});

describe("palette search", () => {
  it("asks FlyteAdmin for executions whose name contains the term, in a form its parser reads", () => {
    expect(executionNameFilter(" f8a1 ")).toBe("contains(name,f8a1)");
    // Never a rewritten term (that would ask for other names, and miss the one typed): a piece of it, narrowed here.
    expect(parseFilters(executionNameFilter("a(b);c"))).toEqual([{ fn: "contains", field: "name", values: ["a(b)"] }]);
    expect(executionNameFilter("  ")).toBe("");
    // FlyteAdmin's execution names are lower case, its contains is not: a term typed in capitals still finds them.
    expect(executionNameFilter("F8A1")).toBe("contains(name,f8a1)");
    expect(cleanTerm(" x+y,z ")).toBe("x+y,z");
  });

  it("matches names whatever their case, best match first", () => {
    expect(containsIgnoringCase("Merge", "core.control_flow.merge_sort")).toBe(true);
    expect(containsIgnoringCase("MERGE_SORT", "core.control_flow.merge_sort")).toBe(true);
    expect(containsIgnoringCase("sort", "core.control_flow.merge")).toBe(false);
    const listed = ["core.control_flow.merge_sort.merge_sort", "core.MergeTool.run", "other", ".flytegen.core.merge_sort.sort_locally"];
    expect(paletteNames("Merge", listed)).toEqual(["core.MergeTool.run", "core.control_flow.merge_sort.merge_sort"]);
    expect(paletteNames("merge", listed)).toEqual(paletteNames("MERGE", listed));
  });

  it("adds FlyteAdmin's own matches, as typed, for names beyond the listed ones, once each", () => {
    const listed = ["a.merge_x"];
    expect(paletteNames("merge", listed, ["z.merge_y", "a.merge_x"])).toEqual(["a.merge_x", "z.merge_y"]);
    // A wider answer (a piece of the term) is narrowed to names containing the term.
    expect(paletteNames("merge+x", [], ["z.merge"])).toEqual([]);
  });

  it("puts exact and prefix matches before matches inside a dotted name", () => {
    const names = ["core.control_flow.merge_sort.merge_sort", "merge", "merge_sort_remotely", "core.basics.emerge", "other"];
    expect(rankByName(names, "merge", (n) => n)).toEqual([
      "merge",
      "merge_sort_remotely",
      "core.control_flow.merge_sort.merge_sort",
      "core.basics.emerge",
    ]);
  });
});

describe("interfaces of the three kinds", () => {
  it("reads a launch plan's outputs and a workflow's defaults from its default launch plan", async () => {
    const { launchPlanInterfaceRows, workflowInterfaceRows } = await import("./interface");
    const { SimpleType } = await import("@/lib/gen/flyteidl/core/types_pb");
    const int = { type: { case: "simple" as const, value: SimpleType.INTEGER } };
    const lp = create(LaunchPlanSchema, {
      closure: {
        expectedInputs: { parameters: { a: { var: { type: int }, behavior: { case: "default", value: { value: { case: "scalar", value: { value: { case: "primitive", value: { value: { case: "integer", value: 42n } } } } } } } } } },
        expectedOutputs: { variables: { o0: { type: int } } },
      },
    });
    expect(launchPlanInterfaceRows(lp).outputs).toEqual([{ name: "o0", type: "int", description: "" }]);
    const wf = create(WorkflowSchema, { closure: { compiledWorkflow: { primary: { template: { interface: { inputs: { variables: { a: { type: int } } } } } } } } });
    expect(workflowInterfaceRows(wf).inputs).toEqual([{ name: "a", type: "int", description: "" }]);
    expect(workflowInterfaceRows(wf, lp).inputs).toEqual([{ name: "a", type: "int", description: "", required: false, defaultText: "42" }]);
  });
});
