// The executor against closures the real Flyte compiler produced (fixtures/flyte).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { create, fromBinary, fromJson, type JsonObject } from "@bufbuild/protobuf";
import { ExecutionMetadata_ExecutionMode } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { referenceKey } from "@/lib/flyte/closure";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { CatalogCacheStatus } from "@/lib/gen/flyteidl/core/catalog_pb";
import { CompiledWorkflowClosureSchema, type CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { nodeUniqueId } from "./ids";
import { lit, literalMap } from "./literals";
import { reconcile } from "./reconcile";
import { InMemoryExecution, TEST_CONFIG, TestCache, T0, drive, nodeEvents, nodePhases, taskPhases, workflowPhases } from "./testing";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

const FIXTURES = FLYTE_FIXTURES_DIR;

function load(rel: string): CompiledWorkflowClosure {
  const json = JSON.parse(readFileSync(path.join(FIXTURES, rel), "utf8"));
  return fromJson(CompiledWorkflowClosureSchema, json.compiled_workflow ?? json, { ignoreUnknownFields: true });
}
const SNACKS = "flyte-compiler-snacks-core/compiled";
const succeededOutputs = (ex: InMemoryExecution): LiteralMap => {
  const out = ex.snapshot.execution.closure?.outputResult;
  if (out?.case !== "outputData") throw new Error(`no outputs: ${out?.case}`);
  return out.value;
};
/** Gives a fixture task a `sandbox` behaviour, as a registered seed task would carry it. */
function withSandbox(c: CompiledWorkflowClosure, taskName: string, sandbox: JsonObject): CompiledWorkflowClosure {
  const t = c.tasks.find((x) => x.template?.id?.name === taskName)?.template;
  if (!t) throw new Error(`no task ${taskName}`);
  t.custom = { ...t.custom, sandbox };
  return c;
}

describe("executor on real compiled closures", () => {
  const all = [
    ...readdirSync(path.join(FIXTURES, SNACKS))
      .filter((f) => f.endsWith("_wf.json"))
      .map((f) => `${SNACKS}/${f}`),
    "flyte-compiler-branch/success_10_simple.compiled.json",
    "flyteadmin/workflow.json",
  ];

  test.each(all)("%s runs to SUCCEEDED with every output bound", (rel) => {
    const c = load(rel);
    const ex = new InMemoryExecution({ closure: c, inputs: literalMap({ my_input: lit.float(0.3) }) });
    drive(ex);
    expect(workflowPhases(ex)).toEqual(["QUEUED", "RUNNING", "SUCCEEDING", "SUCCEEDED"]);
    const declared = Object.keys(c.primary?.template?.interface?.outputs?.variables ?? {});
    expect(Object.keys(succeededOutputs(ex).literals).sort()).toEqual(declared.sort());
    expect(nodePhases(ex, "start-node")).toEqual(["QUEUED", "SUCCEEDED"]);
    expect(nodePhases(ex, "end-node")).toEqual(["QUEUED", "SUCCEEDED"]);
  });

  test("fan-in: the reporting task starts only after all five area tasks succeeded", () => {
    const ex = new InMemoryExecution({ closure: load(`${SNACKS}/010_core.containerization.raw_container.wf_2_wf.json`) });
    drive(ex);
    const order = ex.log.flatMap((a) => (a.kind === "node" ? [`${a.event.event!.id!.nodeId}:${a.event.event!.phase}`] : []));
    const lastUpstreamDone = Math.max(...["n0", "n1", "n2", "n3", "n4"].map((id) => order.indexOf(`${id}:3`)));
    expect(order.indexOf("n5:1")).toBeGreaterThan(lastUpstreamDone);
    for (const id of ["n0", "n1", "n2", "n3", "n4", "n5"]) {
      expect(nodePhases(ex, id)).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
      expect(taskPhases(ex, id).filter((p) => p !== "0:WAITING_FOR_RESOURCES")).toEqual(["0:QUEUED", "0:INITIALIZING", "0:RUNNING", "0:SUCCEEDED"]);
    }
  });

  test("nested branches run only the taken path, with ids prefixed as FlytePropeller does", () => {
    const ex = new InMemoryExecution({
      closure: load(`${SNACKS}/039_core.control_flow.conditions.nested_conditions_2_wf.json`),
      inputs: literalMap({ my_input: lit.float(0.3) }),
    });
    drive(ex);
    const inner = nodeUniqueId({ uniqueId: "n0", attempt: 0, inDynamicChain: false }, "n0-n0");
    const leaf = nodeUniqueId({ uniqueId: inner, attempt: 0, inDynamicChain: false }, "n0-n0-n0");
    expect(inner).toBe("n0-0-n0-n0");
    expect(leaf).toMatch(/^f[a-z1-6]{7}$/); // "n0-0-n0-n0-0-n0-n0-n0" is past 20 characters
    expect(ex.snapshot.nodeExecutions.map((n) => n.id!.nodeId).sort()).toEqual(["end-node", inner, leaf, "n0", "start-node"].sort());
    const leafEvent = nodeEvents(ex, leaf)[0];
    expect(leafEvent.parentNodeMetadata?.nodeId).toBe(inner);
    expect(leafEvent.specNodeId).toBe("n0-n0-n0");
    expect(leafEvent.nodeName).toBe("double");
    expect(leafEvent.retryGroup).toBe("0");
    expect(nodeEvents(ex, "n0").every((e) => e.isParent)).toBe(true);
    // the branch passes the taken node's outputs on
    expect(ex.snapshot.nodeOutputs.get("n0")).toEqual(ex.snapshot.nodeOutputs.get(leaf));
  });

  test("a branch with no true case ends in its else-fail error", () => {
    const ex = new InMemoryExecution({
      closure: load(`${SNACKS}/039_core.control_flow.conditions.nested_conditions_2_wf.json`),
      inputs: literalMap({ my_input: lit.float(0.8) }),
    });
    drive(ex);
    expect(ex.phase).toBe(WP.FAILED);
    expect(nodePhases(ex, "n0-0-n0-n0")).toEqual(["QUEUED", "FAILED"]);
    const error = ex.snapshot.execution.closure?.outputResult;
    expect(error?.case === "error" && error.value.message).toBe("Only <0.7 allowed");
  });

  test("a branch on an upstream output takes the case the output selects", () => {
    const c = withSandbox(load(`${SNACKS}/042_core.control_flow.conditions.consume_outputs_2_wf.json`), "core.control_flow.conditions.coin_toss", {
      outputs: { o0: false },
    });
    const ex = new InMemoryExecution({ closure: c, inputs: literalMap({ my_input: lit.float(2), seed: lit.int(5) }) });
    drive(ex);
    expect(ex.phase).toBe(WP.SUCCEEDED);
    expect(ex.node("n1-0-n1-n1")).toBeDefined(); // else: calc_sum
    expect(ex.node("n1-0-n1-n0")).toBeUndefined();
    expect(nodePhases(ex, "n2")).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]);
  });

  test("a cached task populates the cache, and the next execution hits it with the source attempt", () => {
    const fixture = () =>
      withSandbox(load(`${SNACKS}/147_core.flyte_basics.task_cache.cached_dataframe_wf_2_wf.json`), "core.flyte_basics.task_cache.uncached_data_reading_task", {
        outputs: { o0: "s3://bucket/raw/df.parquet" },
      });
    const cache = new TestCache();
    const first = new InMemoryExecution({ closure: fixture(), cache, name: "first" });
    drive(first);
    const populated = first.node("n1")?.closure?.targetMetadata;
    expect(populated?.case === "taskNodeMetadata" && populated.value.cacheStatus).toBe(CatalogCacheStatus.CACHE_POPULATED);

    const second = new InMemoryExecution({ closure: fixture(), cache, name: "second" });
    drive(second);
    expect(second.phase).toBe(WP.SUCCEEDED);
    for (const id of ["n1", "n2"]) {
      expect(nodePhases(second, id)).toEqual(["QUEUED", "SUCCEEDED"]);
      expect(second.attempts(id)).toEqual([]);
      const hit = second.node(id)?.closure?.targetMetadata;
      expect(hit?.case).toBe("taskNodeMetadata");
      if (hit?.case !== "taskNodeMetadata") continue;
      expect(hit.value.cacheStatus).toBe(CatalogCacheStatus.CACHE_HIT);
      const source = hit.value.catalogKey?.sourceExecution;
      expect(source?.case === "sourceTaskExecution" && source.value.nodeExecutionId?.executionId?.name).toBe("first");
    }
    expect(nodePhases(second, "n0")).toEqual(["QUEUED", "RUNNING", "SUCCEEDED"]); // not cacheable: runs again
  });

  test("dataclass outputs follow the JSON schema in the type's metadata", () => {
    const ex = new InMemoryExecution({ closure: load(`${SNACKS}/162_core.type_system.custom_objects.wf_2_wf.json`) });
    drive(ex);
    const out = ex.snapshot.nodeOutputs.get("n2")?.literals.o0; // stringify -> Datum {x, y, z}
    expect(out?.value.case === "scalar" && out.value.value.value.case).toBe("generic");
    if (out?.value.case === "scalar" && out.value.value.value.case === "generic") {
      expect(Object.keys(out.value.value.value.value).sort()).toEqual(["x", "y", "z"]);
    }
  });

  // root_level_wf runs leaf_subwf and parent_wf as sub-workflows; parent_wf calls leaf_subwf through its
  // launch plan (parent-n1 is a launchplanRef), so the third level is a child execution, as in FlytePropeller.
  test("three levels of flytekit root_level_wf: sub-workflows nest their node ids, the launch plan runs as a child execution", () => {
    const bytes = readFileSync(
      path.join(FIXTURES, "flytekit-remote-responses/admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb"),
    );
    const closure = fromBinary(WorkflowSchema, bytes).closure!.compiledWorkflow!;
    const leaf = closure.subWorkflows.find((w) => w.template?.id?.name === "core.control_flow.subworkflows.leaf_subwf")!;
    const leafClosure = create(CompiledWorkflowClosureSchema, { primary: leaf, tasks: closure.tasks });
    const lpKey = referenceKey({ ...leaf.template!.id!, resourceType: ResourceType.LAUNCH_PLAN });
    const ex = new InMemoryExecution({ closure, launchPlans: new Map([[lpKey, leafClosure]]) });
    let { now } = drive(ex, { until: (e) => e.snapshot.childExecutions.length > 0 });
    const launched = ex.snapshot.childExecutions[0];
    expect(launched.spec?.metadata?.mode).toBe(ExecutionMetadata_ExecutionMode.CHILD_WORKFLOW);
    expect(launched.spec?.metadata?.parentNodeExecution?.nodeId).toBe("root-n1-0-parent-n1");
    expect(launched.spec?.launchPlan?.name).toBe("core.control_flow.subworkflows.leaf_subwf");
    expect(() => drive(ex, { startMs: now, maxSteps: 50 })).toThrow("did not finish: RUNNING"); // the parent waits for its child
    now += 50 * 50;
    expect(ex.phase).toBe(WP.RUNNING);
    expect(ex.nodePhase("root-n1-0-parent-n1")).toBe(NP.RUNNING);

    const child = new InMemoryExecution({ closure: leafClosure, name: launched.id!.name });
    now = drive(child, { startMs: now }).now;
    ex.finishChild(launched.id!.name, child.phase, succeededOutputs(child));
    drive(ex, { startMs: now });
    expect(ex.phase).toBe(WP.SUCCEEDED);
    expect(ex.snapshot.nodeOutputs.get("root-n1-0-parent-n1")).toEqual(succeededOutputs(child));
    const children = ex.snapshot.nodeExecutions.filter((n) => n.metadata?.retryGroup === "0");
    expect(children.length).toBeGreaterThan(4);
    for (const n of ex.snapshot.nodeExecutions) {
      const first = nodeEvents(ex, n.id!.nodeId)[0];
      const parent = first.parentNodeMetadata?.nodeId;
      if (!parent) continue;
      expect(ex.node(parent)?.metadata?.isParentNode).toBe(true);
      expect(n.id!.nodeId).toBe(nodeUniqueId({ uniqueId: parent, attempt: 0, inDynamicChain: false }, first.specNodeId));
    }
    expect(ex.snapshot.taskExecutions.every((t) => t.closure?.phase === TP.SUCCEEDED)).toBe(true);
  });

  test("the same snapshot and time give the same actions", () => {
    const c = load(`${SNACKS}/010_core.containerization.raw_container.wf_2_wf.json`);
    const a = new InMemoryExecution({ closure: c });
    const b = new InMemoryExecution({ closure: c });
    drive(a, { until: (ex) => ex.snapshot.taskExecutions.length >= 3 });
    drive(b, { until: (ex) => ex.snapshot.taskExecutions.length >= 3 });
    expect(b.log).toEqual(a.log);
    const t = T0 + 5000;
    expect(reconcile(a.snapshot, t, TEST_CONFIG)).toEqual(reconcile(a.snapshot, t, TEST_CONFIG));
    drive(a);
    drive(b);
    expect(b.snapshot.nodeOutputs).toEqual(a.snapshot.nodeOutputs);
  });
});
