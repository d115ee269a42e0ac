import { fromBinary, toBinary, type JsonObject } from "@bufbuild/protobuf";
import { fromJson } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CompiledWorkflowClosureSchema } from "@/lib/gen/flyteidl/core/compiler_pb";
import { buildWorkflowGraph } from "./build";
import { loadClosure, readFixtureJson } from "./fixtures.testutil";
import { closureHash } from "./hash";

const COMPILED = "flyte-compiler-snacks-core/compiled/";
const FILES = [
  "010_core.containerization.raw_container.wf_2_wf.json",
  "039_core.control_flow.conditions.nested_conditions_2_wf.json",
  "042_core.control_flow.conditions.consume_outputs_2_wf.json",
  "059_core.control_flow.merge_sort.merge_sort_2_wf.json",
  "062_core.control_flow.subworkflows.my_subwf_2_wf.json",
  "147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json",
  "162_core.type_system.custom_objects.wf_2_wf.json",
].map((f) => COMPILED + f);

const reversedKeys = (o: JsonObject): JsonObject => Object.fromEntries(Object.entries(o).reverse());

describe("closureHash", () => {
  it("is 16 hex digits, different for each real closure", () => {
    const hashes = [...FILES, "flyteadmin/workflow.json", "flyte-compiler-branch/success_10_simple.compiled.json"].map((f) =>
      closureHash(loadClosure(f)),
    );
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it("is the same for the same closure however it travelled (map order, binary round trip)", () => {
    const json = readFixtureJson(`${COMPILED}162_core.type_system.custom_objects.wf_2_wf.json`) as JsonObject;
    const original = fromJson(CompiledWorkflowClosureSchema, json);
    const primary = json.primary as JsonObject;
    const connections = primary.connections as JsonObject;
    const shuffled = fromJson(CompiledWorkflowClosureSchema, {
      ...json,
      primary: {
        ...primary,
        connections: {
          upstream: reversedKeys(connections.upstream as JsonObject),
          downstream: reversedKeys(connections.downstream as JsonObject),
        },
      },
    });
    expect(Object.keys(shuffled.primary!.connections!.downstream)).not.toEqual(Object.keys(original.primary!.connections!.downstream));
    expect(closureHash(shuffled)).toBe(closureHash(original));
    const roundTripped = fromBinary(CompiledWorkflowClosureSchema, toBinary(CompiledWorkflowClosureSchema, original));
    expect(closureHash(roundTripped)).toBe(closureHash(original));
    // Same edges in the same order too, so a layout engine given either lays them out the same.
    expect(buildWorkflowGraph(shuffled).edges).toEqual(buildWorkflowGraph(original).edges);
  });

  it("changes with what the graph shows, not with what it does not", () => {
    const base = closureHash(loadClosure(`${COMPILED}147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json`));
    const renamed = loadClosure(`${COMPILED}147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json`);
    renamed.primary!.template!.nodes[3].metadata!.name = "renamed";
    expect(closureHash(renamed)).not.toBe(base);
    const rewired = loadClosure(`${COMPILED}147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json`);
    rewired.primary!.connections!.downstream.n0.ids = ["n1"];
    expect(closureHash(rewired)).not.toBe(base);
    const newImage = loadClosure(`${COMPILED}147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json`);
    const target = newImage.tasks[0].template!.target;
    if (target.case !== "container") throw new Error("expected a container task");
    target.value.image = "other:latest";
    expect(closureHash(newImage)).toBe(base);
  });

  it("a graph's layoutKey follows the open groups, ignoring ids that are not groups", () => {
    const c = loadClosure(`${COMPILED}042_core.control_flow.conditions.consume_outputs_2_wf.json`);
    const closed = buildWorkflowGraph(c).layoutKey;
    expect(buildWorkflowGraph(c, { expanded: new Set(["n0", "nope"]) }).layoutKey).toBe(closed);
    expect(buildWorkflowGraph(c, { expanded: new Set(["n1"]) }).layoutKey).not.toBe(closed);
    expect(buildWorkflowGraph(c, { expanded: "all" }).layoutKey).not.toBe(closed);
  });
});
