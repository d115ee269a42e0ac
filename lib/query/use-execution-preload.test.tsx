// @vitest-environment jsdom
// A page started from the server's preload: its first render already has the execution, the workflow and the
// live snapshot; the browser asks FlyteAdmin for neither, and its stream resumes from the snapshot's cursor.
import { create } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { HydrationBoundary, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleService, WatchExecutionResponseSchema, type WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { NodeExecution_Phase, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { encodeExecutionPreload, type ExecutionPreload } from "./execution-preload";
import { useExecution } from "./use-execution";
import { useExecutionPreload } from "./use-execution-preload";
import { useLiveExecution } from "./use-live-execution";
import { useWorkflow } from "./workflows";

afterEach(cleanup);

const id = { project: "flytesnacks", domain: "development", name: "run1" };
const workflowId = { resourceType: ResourceType.WORKFLOW, project: "flytesnacks", domain: "development", name: "wf", version: "v1" };
const execution = create(ExecutionSchema, { id, closure: { phase: WorkflowExecution_Phase.RUNNING, workflowId } });
const workflow = create(WorkflowSchema, { id: workflowId, closure: { compiledWorkflow: { primary: { template: { id: workflowId, nodes: [{ id: "n0" }, { id: "n1" }] } } } } });
const node = (nodeId: string, phase: NodeExecution_Phase) => ({ id: { nodeId, executionId: id }, closure: { phase } });
const snapshot = create(WatchExecutionResponseSchema, {
  snapshot: true,
  execution,
  nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED), node("n1", NodeExecution_Phase.RUNNING)],
  cursor: "gen.4",
});

/** A BFF in memory: counts the unary calls, records the stream's cursor and answers it with `then`. */
function bff(then: WatchExecutionResponse[]) {
  const calls: string[] = [];
  const cursors: string[] = [];
  const transport = createRouterTransport(({ service }) => {
    service(AdminService, {
      getExecution: () => (calls.push("GetExecution"), execution),
      getWorkflow: () => (calls.push("GetWorkflow"), workflow),
    });
    service(ConsoleService, {
      async *watchExecution(req, ctx) {
        cursors.push(req.cursor);
        yield* then;
        await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
      },
    });
  });
  return { transport, calls, cursors };
}

function Page({ snapshot: from }: { snapshot?: WatchExecutionResponse }) {
  const e = useExecution(id);
  const w = useWorkflow(e.data?.closure?.workflowId);
  const live = useLiveExecution(id.project, id.domain, id.name, from);
  const phases = [...live.nodes].map(([nodeId, ne]) => `${nodeId}:${NodeExecution_Phase[ne.closure?.phase ?? 0]}`).join(" ");
  return (
    <div data-testid="page" data-status={live.status}>
      {`${WorkflowExecution_Phase[e.data?.closure?.phase ?? 0]} ${w.data?.closure?.compiledWorkflow?.primary?.template?.nodes.length ?? "no"} nodes; ${phases}`}
    </div>
  );
}

function Preloaded({ preload }: { preload?: ExecutionPreload }) {
  const start = useExecutionPreload(preload, id.project, id.domain, id.name);
  return (
    <HydrationBoundary state={start.cache}>
      <Page snapshot={start.snapshot} />
    </HydrationBoundary>
  );
}

function renderPage(preload: ExecutionPreload | undefined, then: WatchExecutionResponse[]) {
  const server = bff(then);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  render(
    <TransportProvider transport={server.transport}>
      <QueryClientProvider client={queryClient}>
        <Preloaded preload={preload} />
      </QueryClientProvider>
    </TransportProvider>,
  );
  return server;
}

describe("useExecutionPreload", () => {
  it("fills the cache and the live copy before the first render, and the stream resumes from the snapshot's cursor", async () => {
    const preload = encodeExecutionPreload({ execution, workflow, watch: snapshot, renderedAt: Date.now() });
    const server = renderPage(preload, [create(WatchExecutionResponseSchema, { cursor: "gen.5", nodeExecutions: [node("n1", NodeExecution_Phase.SUCCEEDED)] })]);
    // The very first render: nothing awaited.
    expect(screen.getByTestId("page").textContent).toBe("RUNNING 2 nodes; n0:SUCCEEDED n1:RUNNING");

    await waitFor(() => expect(screen.getByTestId("page").textContent).toBe("RUNNING 2 nodes; n0:SUCCEEDED n1:SUCCEEDED"));
    expect(screen.getByTestId("page").dataset.status).toBe("live");
    expect(server.cursors).toEqual(["gen.4"]);
    expect(server.calls).toEqual([]);
  });

  it("without a preload, fetches both and starts the stream from scratch", async () => {
    const server = renderPage(undefined, [snapshot]);
    await waitFor(() => expect(screen.getByTestId("page").textContent).toBe("RUNNING 2 nodes; n0:SUCCEEDED n1:RUNNING"));
    expect(server.calls.sort()).toEqual(["GetExecution", "GetWorkflow"]);
    expect(server.cursors).toEqual([""]);
  });
});
