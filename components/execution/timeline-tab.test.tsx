// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { TaskExecutionListSchema, TaskExecutionSchema } from "@/lib/gen/flyteidl/admin/task_execution_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { IdentifierSchema } from "@/lib/gen/flyteidl/core/identifier_pb";
import { TimelineTab } from "./timeline-tab";

// jsdom lays nothing out: give elements the size of a screen, so the virtualised rows have room.
const sizes = { clientHeight: 600, clientWidth: 1_200 };
const saved = Object.fromEntries(Object.keys(sizes).map((k) => [k, Object.getOwnPropertyDescriptor(Element.prototype, k)]));
beforeAll(() => {
  for (const [k, v] of Object.entries(sizes)) Object.defineProperty(Element.prototype, k, { configurable: true, get: () => v });
});
afterAll(() => {
  for (const [k, d] of Object.entries(saved)) if (d) Object.defineProperty(Element.prototype, k, d);
});

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

// 2024-06-01 12:00:00 UTC
const T0 = Date.UTC(2024, 5, 1, 12);
const EXECUTION = { project: "flytesnacks", domain: "development", name: "abc" };

function node(id: string, startS: number, durationS: number): NodeExecution {
  return create(NodeExecutionSchema, {
    id: { nodeId: id, executionId: EXECUTION },
    metadata: { specNodeId: id },
    closure: {
      phase: NP.SUCCEEDED,
      createdAt: timestampFromMs(T0 + startS * 1000),
      startedAt: timestampFromMs(T0 + startS * 1000 + 200),
      duration: { seconds: BigInt(durationS) },
      updatedAt: timestampFromMs(T0 + (startS + durationS) * 1000),
    },
  });
}

const attempt = (nodeId: string, retry: number, fromS: number, toS: number, phase: TP) =>
  create(TaskExecutionSchema, {
    id: { retryAttempt: retry, nodeExecutionId: { nodeId, executionId: EXECUTION } },
    closure: { phase, createdAt: timestampFromMs(T0 + fromS * 1000), startedAt: timestampFromMs(T0 + fromS * 1000 + 100), updatedAt: timestampFromMs(T0 + toS * 1000) },
  });

function renderTimeline(nodes: NodeExecution[], upstream: Record<string, string[]>, attempts: Record<string, ReturnType<typeof attempt>[]> = {}) {
  const listed: string[] = [];
  const transport = createRouterTransport(({ service }) =>
    service(AdminService, {
      getWorkflow: () =>
        create(WorkflowSchema, {
          closure: { compiledWorkflow: { primary: { connections: { upstream: Object.fromEntries(Object.entries(upstream).map(([k, ids]) => [k, { ids }])) } } } },
        }),
      listTaskExecutions: (req) => {
        const id = req.nodeExecutionId?.nodeId ?? "";
        listed.push(id);
        return create(TaskExecutionListSchema, { taskExecutions: attempts[id] ?? [] });
      },
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onSelectNode = vi.fn();
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <div style={{ height: 600 }}>
          <TimelineTab
            nodes={new Map(nodes.map((n) => [n.id!.nodeId, n]))}
            running={false}
            onSelectNode={onSelectNode}
            workflowId={create(IdentifierSchema, { project: "flytesnacks", domain: "development", name: "wf", version: "v1" })}
          />
        </div>
      </QueryClientProvider>
    </TransportProvider>,
  );
  return { listed, onSelectNode };
}

const row = (id: string) => screen.getAllByTestId("timeline-row").find((r) => r.dataset.nodeId === id)!;

describe("TimelineTab", () => {
  // n0 fans out to n1 (slow) and n2, which both feed n3.
  const diamond = [node("n0", 0, 5), node("n1", 5, 30), node("n2", 5, 10), node("n3", 36, 4)];
  const edges = { n0: ["start-node"], n1: ["n0"], n2: ["n0"], n3: ["n1", "n2"], "end-node": ["n3"] };

  it("marks the critical path on its rows with a dashed frame and a mark, not by colour alone", async () => {
    renderTimeline(diamond, edges);
    await waitFor(() => expect(row("n3").dataset.critical).toBe("true"));
    expect(screen.getAllByTestId("timeline-row").filter((r) => r.dataset.critical === "true").map((r) => r.dataset.nodeId)).toEqual(["n0", "n1", "n3"]);
    expect(within(row("n1")).getByTestId("critical-outline")).toBeTruthy();
    expect(within(row("n1")).getByTestId("critical-mark")).toBeTruthy();
    expect(within(row("n1")).getByRole("button", { name: /^n1 ?\(on the critical path\)$/ })).toBeTruthy();
    expect(within(row("n2")).queryByTestId("critical-outline")).toBeNull();
    expect(screen.getByTestId("critical-path-summary").textContent).toContain("n0 → n1 → n3");
  });

  it("draws a retried node as one block per attempt", async () => {
    renderTimeline(diamond, edges, {
      n1: [attempt("n1", 1, 20, 35, TP.SUCCEEDED), attempt("n1", 0, 5, 19, TP.RETRYABLE_FAILED)],
    });
    await waitFor(() => expect(within(row("n1")).getAllByTestId("timeline-attempt")).toHaveLength(2));
    expect(within(row("n1")).getAllByTestId("timeline-attempt").map((a) => a.dataset.phase)).toEqual(["RETRYABLE_FAILED", "SUCCEEDED"]);
    // Attempts not known (yet): the node's own queued and running bar.
    expect(within(row("n2")).getByTestId("timeline-bar")).toBeTruthy();
  });

  it("labels the axis in local time or UTC, and remembers the choice", async () => {
    renderTimeline(diamond, edges);
    expect(screen.getByTestId("timeline-zone").textContent).toMatch(/^Times in local time/);
    fireEvent.click(screen.getByRole("button", { name: "UTC" }));
    expect(screen.getByTestId("timeline-zone").textContent).toBe("Times in UTC");
    const labels = screen.getAllByTestId("timeline-tick").map((t) => t.textContent);
    expect(labels[0]).toBe("Jun 1, 12:00:00");
    expect(labels).toContain("12:00:10");
    expect(window.localStorage.getItem("flyteconsole.timeline.timeZone")).toBe("utc");
    expect(screen.getByRole("button", { name: "UTC" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("zooms in and out with its buttons, and resets", () => {
    renderTimeline(diamond, edges);
    const width = () => parseFloat(row("n0").style.width);
    const before = width();
    expect(screen.getByRole("button", { name: "Zoom out" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    expect(screen.getByTestId("timeline-zoom").textContent).toBe("×4");
    expect(width() - 240 - 72).toBeCloseTo((before - 240 - 72) * 4);
    fireEvent.click(screen.getByRole("button", { name: "Zoom out" }));
    expect(screen.getByTestId("timeline-zoom").textContent).toBe("×2");
    fireEvent.click(screen.getByRole("button", { name: "Reset zoom" }));
    expect(width()).toBe(before);
  });

  it("selects a node from its name, by keyboard as by mouse", () => {
    const { onSelectNode } = renderTimeline(diamond, edges);
    fireEvent.click(within(row("n2")).getByRole("button", { name: "n2" }));
    expect(onSelectNode).toHaveBeenCalledWith("n2");
  });

  it("asks for attempts only of the rows in view", async () => {
    const many = Array.from({ length: 300 }, (_, i) => node(`n${i}`, i, 2));
    const { listed } = renderTimeline(many, {});
    await waitFor(() => expect(listed.length).toBeGreaterThan(0));
    const rendered = screen.getAllByTestId("timeline-row").length;
    expect(rendered).toBeLessThan(60);
    expect(new Set(listed).size).toBeLessThanOrEqual(rendered);
  });
});
