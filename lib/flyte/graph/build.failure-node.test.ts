// A workflow's failure node (failure_node) is drawn as its own node, attached to its workflow by an
// "on failure" edge from the end node, never as one of the nodes the workflow runs in order.
import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CompiledWorkflowClosureSchema, type CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { NodeSchema, type Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { buildWorkflowGraph, visibleGraph } from "./build";

const taskId = (name: string) => ({ resourceType: ResourceType.TASK, project: "p", domain: "d", name, version: "v1" });
const wfId = (name: string) => ({ resourceType: ResourceType.WORKFLOW, project: "p", domain: "d", name, version: "v1" });
const taskNode = (id: string, task: string): Node =>
  create(NodeSchema, {
    id,
    metadata: { name: task },
    target: { case: "taskNode", value: { reference: { case: "referenceId", value: taskId(task) } } },
  });
const ids = (...list: string[]) => ({ ids: list });

function closureWithFailureNode(): CompiledWorkflowClosure {
  const sub = {
    template: {
      id: wfId("sub"),
      nodes: [{ id: "start-node" }, { id: "end-node" }, taskNode("s0", "work")],
      failureNode: taskNode("fn0", "sub_clean_up"),
    },
    connections: {
      downstream: { "start-node": ids("s0"), s0: ids("end-node") },
      upstream: { s0: ids("start-node"), "end-node": ids("s0"), fn0: ids("start-node") },
    },
  };
  return create(CompiledWorkflowClosureSchema, {
    primary: {
      template: {
        id: wfId("main"),
        nodes: [
          { id: "start-node" },
          { id: "end-node" },
          taskNode("n0", "validate"),
          create(NodeSchema, { id: "n1", metadata: { name: "sub" }, target: { case: "workflowNode", value: { reference: { case: "subWorkflowRef", value: wfId("sub") } } } }),
        ],
        failureNode: taskNode("fn0", "clean_up"),
      },
      connections: {
        downstream: { "start-node": ids("n0", "n1"), n0: ids("end-node"), n1: ids("end-node") },
        // The compiler records the failure node's upstream edges (from its bindings) and no downstream ones.
        upstream: { n0: ids("start-node"), n1: ids("start-node"), "end-node": ids("n0", "n1"), fn0: ids("start-node", "n0") },
      },
    },
    subWorkflows: [sub],
    tasks: ["validate", "work", "clean_up", "sub_clean_up"].map((name) => ({ template: { id: taskId(name), type: "python-task" } })),
  });
}

describe("buildWorkflowGraph: failure nodes", () => {
  it("draws the workflow's failure node under its node execution id, marked as the failure node", () => {
    const g = buildWorkflowGraph(closureWithFailureNode());
    const fn = g.byId.get("fn0");
    expect(fn).toMatchObject({ id: "fn0", specNodeId: "fn0", kind: "task", name: "clean_up", failureNode: true, parentId: undefined });
    expect(g.byId.get("n0")?.failureNode).toBeUndefined();
  });

  it("attaches it by one 'on failure' edge from the end node, and by none of its binding edges", () => {
    const g = buildWorkflowGraph(closureWithFailureNode());
    const touching = g.edges.filter((e) => e.source === "fn0" || e.target === "fn0");
    expect(touching).toEqual([{ id: "end-node->fn0", source: "end-node", target: "fn0", kind: "failure", label: "on failure", parentId: undefined }]);
    expect(g.edges.filter((e) => e.kind === "failure" && e.parentId === undefined)).toHaveLength(1);
  });

  it("a sub-workflow's failure node sits in its group, with FlytePropeller's child id", () => {
    const g = buildWorkflowGraph(closureWithFailureNode(), { expanded: "all" });
    const fn = g.byId.get("n1-0-fn0");
    expect(fn).toMatchObject({ parentId: "n1", failureNode: true, name: "sub_clean_up" });
    expect(g.edges).toContainEqual({ id: "n1-0-end-node->n1-0-fn0", source: "n1-0-end-node", target: "n1-0-fn0", kind: "failure", label: "on failure", parentId: "n1" });
    expect(visibleGraph(g).nodes.map((n) => n.id)).toContain("n1-0-fn0");
  });
});
