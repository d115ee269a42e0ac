import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { WatchExecutionResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { NodeExecution_Phase, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { decodeExecutionPreload, encodeExecutionPreload } from "./execution-preload";

const id = { project: "flytesnacks", domain: "development", name: "run1" };
const workflowId = { resourceType: ResourceType.WORKFLOW, project: "flytesnacks", domain: "development", name: "wf", version: "v1" };
const execution = create(ExecutionSchema, { id, closure: { phase: WorkflowExecution_Phase.RUNNING, workflowId } });
const workflow = create(WorkflowSchema, { id: workflowId, closure: { compiledWorkflow: { primary: { template: { id: workflowId, nodes: [{ id: "n0" }] } } } } });
const watch = create(WatchExecutionResponseSchema, {
  snapshot: true,
  execution,
  nodeExecutions: [{ id: { nodeId: "n0", executionId: id }, closure: { phase: NodeExecution_Phase.RUNNING } }],
  cursor: "gen.3",
});

describe("the execution page's preload", () => {
  it("round-trips the execution, its workflow and the snapshot with its cursor", () => {
    const p = decodeExecutionPreload(encodeExecutionPreload({ execution, workflow, watch, renderedAt: 42 }), id);
    if (!p || p === "notFound") throw new Error("no preload");
    expect(p.execution.closure?.phase).toBe(WorkflowExecution_Phase.RUNNING);
    expect(p.workflow?.closure?.compiledWorkflow?.primary?.template?.nodes[0].id).toBe("n0");
    expect(p.watch?.cursor).toBe("gen.3");
    expect(p.watch?.nodeExecutions[0].closure?.phase).toBe(NodeExecution_Phase.RUNNING);
    expect(p.renderedAt).toBe(42);
  });

  it("is not used for another execution, and survives a corrupt payload", () => {
    const encoded = encodeExecutionPreload({ execution, workflow, watch, renderedAt: 42 });
    expect(decodeExecutionPreload(encoded, { ...id, name: "run2" })).toBeUndefined();
    expect(decodeExecutionPreload({ ...encoded, execution: "!!!" }, id)).toBeUndefined();
    expect(decodeExecutionPreload(undefined, id)).toBeUndefined();
  });

  it("leaves out a workflow other than the execution's, and a watch message that is no snapshot to resume from", () => {
    const other = create(WorkflowSchema, { id: { ...workflowId, version: "v2" } });
    const p = decodeExecutionPreload(encodeExecutionPreload({ execution, workflow: other, watch: { ...watch, snapshot: false }, renderedAt: 1 }), id);
    if (!p || p === "notFound") throw new Error("no preload");
    expect(p.workflow).toBeUndefined();
    expect(p.watch).toBeUndefined();
    const noCursor = decodeExecutionPreload(encodeExecutionPreload({ execution, watch: { ...watch, cursor: "" }, renderedAt: 1 }), id);
    expect(noCursor !== "notFound" && noCursor?.watch).toBeUndefined();
  });

  it("hands the browser the server's layout, and leaves out one that is not a layout", () => {
    const layout = { key: "k1", boxes: { n0: { x: 0, y: 0, width: 96, height: 44 } }, routes: {}, width: 96, height: 44 };
    const p = decodeExecutionPreload(encodeExecutionPreload({ execution, workflow, layout: JSON.stringify(layout), renderedAt: 1 }), id);
    expect(p !== "notFound" && p?.layout).toEqual(layout);
    for (const bad of ["{", "null", JSON.stringify({ key: "k1" })]) {
      const q = decodeExecutionPreload(encodeExecutionPreload({ execution, workflow, layout: bad, renderedAt: 1 }), id);
      expect(q !== "notFound" && q?.execution.id?.name).toBe("run1");
      expect(q !== "notFound" && q?.layout).toBeUndefined();
    }
  });

  it("decodes for the server's render only what it draws: no layout, and the workflow only while the execution runs", () => {
    const layout = JSON.stringify({ key: "k1", boxes: {}, width: 0, height: 0 });
    const running = decodeExecutionPreload(encodeExecutionPreload({ execution, workflow, watch, layout, renderedAt: 1 }), id, { serverRender: true });
    if (!running || running === "notFound") throw new Error("no preload");
    expect(running.workflow?.id?.name).toBe("wf");
    expect(running.watch?.cursor).toBe("gen.3");
    expect(running.layout).toBeUndefined();
    const done = create(ExecutionSchema, { id, closure: { phase: WorkflowExecution_Phase.SUCCEEDED, workflowId } });
    const finished = decodeExecutionPreload(encodeExecutionPreload({ execution: done, workflow, watch, layout, renderedAt: 1 }), id, { serverRender: true });
    if (!finished || finished === "notFound") throw new Error("no preload");
    expect(finished.execution.closure?.phase).toBe(WorkflowExecution_Phase.SUCCEEDED);
    expect(finished.workflow).toBeUndefined();
    expect(finished.watch?.nodeExecutions).toHaveLength(1);
  });

  it("hands the server's render the messages it already has instead of decoding them again, once", () => {
    const encoded = encodeExecutionPreload({ execution, workflow, watch, renderedAt: 1 }, { handOver: true });
    expect(encoded.ref).toBeTruthy();
    const first = decodeExecutionPreload(encoded, id, { serverRender: true });
    if (!first || first === "notFound") throw new Error("no preload");
    expect(first.execution).toBe(execution);
    expect(first.watch).toBe(watch);
    // The browser, and a second render, decode the bytes: the same messages, other objects.
    for (const opts of [{}, { serverRender: true }]) {
      const again = decodeExecutionPreload(encoded, id, opts);
      if (!again || again === "notFound") throw new Error("no preload");
      expect(again.execution).not.toBe(execution);
      expect(again.execution.id?.name).toBe("run1");
      expect(again.watch?.nodeExecutions).toHaveLength(1);
    }
  });

  it("checks handed-over messages as it checks decoded ones", () => {
    const other = create(ExecutionSchema, { id: { ...id, name: "run2" }, closure: { phase: WorkflowExecution_Phase.RUNNING, workflowId } });
    const encoded = encodeExecutionPreload({ execution: other, watch, renderedAt: 1 }, { handOver: true });
    expect(decodeExecutionPreload(encoded, id, { serverRender: true })).toBeUndefined();
  });

  it("says when the server found no such execution", () => {
    expect(decodeExecutionPreload({ kind: "notFound" }, id)).toBe("notFound");
  });
});
