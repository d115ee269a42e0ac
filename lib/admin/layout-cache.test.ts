// The server's cache of first layouts: the layout the browser would compute for the graph it first draws,
// computed once per workflow and shared, within its bounds.
import { create, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WorkflowSchema, type Workflow } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { defaultExpanded } from "@/lib/flyte/graph/default-expanded";
import { initialLayout, type Layout } from "@/lib/flyte/graph/layout";
import { syntheticClosure } from "@/lib/flyte/graph/synthetic";
import { opaqueMessage } from "@/lib/protobuf/opaque";
import { LayoutCache } from "./layout-cache";

const workflow = (nodes: number, version = "v1"): Workflow =>
  create(WorkflowSchema, {
    id: { resourceType: ResourceType.WORKFLOW, project: "p", domain: "d", name: "wf", version },
    closure: { compiledWorkflow: syntheticClosure(nodes) },
  });
/** As the execution page's loader has it: FlyteAdmin's bytes, unparsed. */
const opaque = (w: Workflow) => opaqueMessage(WorkflowSchema, toBinary(WorkflowSchema, w));
const parsed = (json: string | undefined) => JSON.parse(json ?? "null") as Layout;

describe("LayoutCache", () => {
  it("lays out the graph a viewer first sees, under the key the browser's graph has", () => {
    const w = workflow(120);
    const closure = w.closure!.compiledWorkflow!;
    const layout = parsed(new LayoutCache().layoutOf(opaque(w)));
    expect(layout.key).toBe(buildWorkflowGraph(closure, { expanded: defaultExpanded(closure) }).layoutKey);
    expect(layout).toEqual(JSON.parse(JSON.stringify(initialLayout(closure))));
    expect(Object.keys(layout.boxes)).toHaveLength(122);
  });

  it("computes a workflow's layout once, for every viewer", () => {
    const cache = new LayoutCache();
    const first = cache.layoutOf(opaque(workflow(200)));
    const again = cache.layoutOf(opaque(workflow(200)));
    expect(again).toBe(first);
    expect(cache.computed).toBe(1);
  });

  it("keys layouts by the workflow's bytes: another version, or another closure under the same id, is laid out afresh", () => {
    const cache = new LayoutCache();
    const a = parsed(cache.layoutOf(opaque(workflow(100))));
    const otherClosure = parsed(cache.layoutOf(opaque(workflow(150))));
    cache.layoutOf(opaque(workflow(100, "v2")));
    expect(cache.computed).toBe(3);
    expect(Object.keys(otherClosure.boxes)).toHaveLength(152);
    expect(Object.keys(a.boxes)).toHaveLength(102);
  });

  it("keeps at most its bounds, dropping the layout used longest ago", () => {
    const cache = new LayoutCache({ maxEntries: 2, maxBoxes: 1_000 });
    const [a, b, c] = [workflow(50, "a"), workflow(50, "b"), workflow(50, "c")].map(opaque);
    cache.layoutOf(a);
    cache.layoutOf(b);
    cache.layoutOf(a); // a is now the most recently used
    cache.layoutOf(c); // b goes
    expect(cache.computed).toBe(3);
    cache.layoutOf(a);
    expect(cache.computed).toBe(3);
    cache.layoutOf(b);
    expect(cache.computed).toBe(4);

    const small = new LayoutCache({ maxEntries: 10, maxBoxes: 100 });
    small.layoutOf(a);
    small.layoutOf(b); // 52 + 52 boxes > 100: a goes
    small.layoutOf(b);
    expect(small.computed).toBe(2);
    small.layoutOf(a);
    expect(small.computed).toBe(3);
    // Larger than the whole cache: handed out, not kept.
    const big = opaque(workflow(200));
    expect(parsed(small.layoutOf(big)).key).toBeTruthy();
    small.layoutOf(big);
    expect(small.computed).toBe(5);
  });

  it("gives nothing for a workflow without a compiled closure", () => {
    const cache = new LayoutCache();
    expect(cache.layoutOf(opaque(create(WorkflowSchema, { id: { name: "wf" } })))).toBeUndefined();
  });
});
