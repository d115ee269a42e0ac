// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { TransportProvider } from "@connectrpc/connect-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { hydrateOverAnswers } from "@/lib/query/hydration.testutil";
import { ExecutionTable } from "./execution-table";

const executions = Array.from({ length: 50 }, (_, i) =>
  create(ExecutionSchema, {
    id: { project: "p", domain: "d", name: `run${i}` },
    closure: { phase: i % 3 ? WorkflowExecution_Phase.SUCCEEDED : WorkflowExecution_Phase.FAILED, startedAt: timestampFromMs(Date.UTC(2026, 0, 1) - i * 60_000) },
  }),
);

describe("the executions table as the server renders it", () => {
  const transport = createRouterTransport(() => {});
  const table = <ExecutionTable executions={executions} hasMore />;

  it("sends the first screen of rows (a 900 px screen of 60 px rows), from the first one on, each with its phase", () => {
    const html = renderToString(
      <TransportProvider transport={transport}>
        <QueryClientProvider client={new QueryClient()}>{table}</QueryClientProvider>
      </TransportProvider>,
    );
    const page = document.createElement("div");
    page.innerHTML = html;
    const rows = [...page.querySelectorAll('[data-testid="execution-row"]')];
    expect(rows.map((r) => [r.getAttribute("data-execution-name"), r.getAttribute("data-phase")])).toEqual(
      executions.slice(0, 15).map((_, i) => [`run${i}`, i % 3 ? "SUCCEEDED" : "FAILED"]),
    );
  });

  it("hydrates without a mismatch", async () => {
    const { errors, unmount } = await hydrateOverAnswers(transport, table, () => {});
    await unmount();
    expect(errors).toEqual([]);
  });
});
