// @vitest-environment jsdom
// The graph tab's overlay: derived from the last one, so unchanged nodes keep their entries, without
// writing anything during render.
import { create } from "@bufbuild/protobuf";
import { renderHook } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { NodeExecution_Phase as Phase, TaskExecution_Phase as TaskPhase } from "@/lib/gen/flyteidl/core/execution_pb";
import { buildWorkflowGraph } from "@/lib/flyte/graph/build";
import { loadClosure } from "@/lib/flyte/graph/fixtures.testutil";
import type { WorkflowGraph } from "@/lib/flyte/graph/types";
import type { SubTaskPhaseCounts } from "@/lib/flyte/sub-tasks";
import { useExecutionOverlay, type OverlayInputs } from "./graph-tab-overlay";

const EXEC = { project: "flytesnacks", domain: "development", name: "f7c3a1" };
const graph = buildWorkflowGraph(loadClosure("flyte-compiler-snacks-core/compiled/042_core.control_flow.conditions.consume_outputs_2_wf.json"));

const ne = (nodeId: string, phase: Phase): NodeExecution =>
  create(NodeExecutionSchema, { id: { nodeId, executionId: EXEC }, metadata: { specNodeId: nodeId }, closure: { phase } });

const byId = (...list: NodeExecution[]) => new Map(list.map((n) => [n.id!.nodeId, n]));
const NONE = new Map<string, never>();

function inputs(nodes: ReadonlyMap<string, NodeExecution>, more: Partial<Omit<OverlayInputs, "graph" | "nodes">> = {}) {
  return { nodes, parents: NONE, subTasks: NONE, attempts: NONE, ...more };
}

function renderOverlay(first: { graph: WorkflowGraph | undefined; rest: ReturnType<typeof inputs> }) {
  let renders = 0;
  const wrapper = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;
  const hook = renderHook(
    ({ graph, rest }) => {
      renders++;
      return useExecutionOverlay(graph, rest);
    },
    { initialProps: first, wrapper },
  );
  return { ...hook, renders: () => renders };
}

describe("useExecutionOverlay", () => {
  it("places node executions on the graph and keeps unchanged entries across updates", () => {
    const start = ne("n0", Phase.SUCCEEDED);
    const h = renderOverlay({ graph, rest: inputs(byId(start, ne("n2", Phase.QUEUED))) });
    const first = h.result.current;
    expect(first.get("n2")?.phase).toBe(Phase.QUEUED);

    h.rerender({ graph, rest: inputs(byId(start, ne("n2", Phase.RUNNING))) });
    const second = h.result.current;
    expect(second).not.toBe(first);
    expect(second.get("n2")?.phase).toBe(Phase.RUNNING);
    expect(second.get("n0")).toBe(first.get("n0"));
  });

  it("re-renders with the same inputs return the same overlay and settle (no render loop)", () => {
    const rest = inputs(byId(ne("n0", Phase.RUNNING)));
    const h = renderOverlay({ graph, rest });
    const first = h.result.current;
    const before = h.renders();
    h.rerender({ graph, rest });
    expect(h.result.current).toBe(first);
    // StrictMode renders twice; an input change would add a render-phase update on top.
    expect(h.renders() - before).toBe(2);
  });

  it("adds sub-task counts and a running task's waiting attempt", () => {
    const counts: SubTaskPhaseCounts = { [TaskPhase.SUCCEEDED]: 1, [TaskPhase.RUNNING]: 2 };
    const h = renderOverlay({ graph, rest: inputs(byId(ne("n0", Phase.RUNNING)), { subTasks: new Map([["n0", counts]]) }) });
    expect(h.result.current.get("n0")?.subTaskPhases).toEqual(counts);

    const queued = create(TaskExecutionSchema, { id: { retryAttempt: 0 }, closure: { phase: TaskPhase.QUEUED } });
    h.rerender({ graph, rest: inputs(byId(ne("n0", Phase.RUNNING)), { attempts: new Map([["n0", [queued]]]) }) });
    expect(h.result.current.get("n0")?.attempt).toMatchObject({ phase: TaskPhase.QUEUED, retryAttempt: 0 });
  });

  it("is empty until the graph is known", () => {
    const h = renderOverlay({ graph: undefined, rest: inputs(byId(ne("n0", Phase.RUNNING))) });
    expect(h.result.current.size).toBe(0);
    h.rerender({ graph, rest: inputs(byId(ne("n0", Phase.RUNNING))) });
    expect(h.result.current.get("n0")?.phase).toBe(Phase.RUNNING);
  });
});
