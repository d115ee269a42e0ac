// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { NodeExecution_Phase as NP } from "@/lib/gen/flyteidl/core/execution_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import type { SignalSetRequest } from "@/lib/gen/flyteidl/admin/signal_pb";
import { SimpleType } from "@/lib/gen/flyteidl/core/types_pb";
import { polyfillDialog } from "@/components/ui/dialog.testutil";
import { refusals } from "@/lib/query/permissions";
import { sessionService } from "@/lib/query/session.testutil";
import { GateNodeActions } from "./gate-node-actions";

vi.mock("next/navigation", () => ({ useSearchParams: () => new URLSearchParams() }));

beforeAll(polyfillDialog);
afterEach(() => {
  cleanup();
  refusals.reset();
});

const executionId = { project: "flytesnacks", domain: "development", name: "e1" };
const workflowId = { resourceType: ResourceType.WORKFLOW, project: "flytesnacks", domain: "development", name: "wf", version: "v1" };
const gateNode = create(NodeExecutionSchema, { id: { nodeId: "n1", executionId }, metadata: { specNodeId: "n1" }, closure: { phase: NP.RUNNING } });

type GateCondition = { case: "approve"; value: { signalId: string } } | { case: "signal"; value: { signalId: string; type: { type: { case: "simple"; value: SimpleType } } } };

function renderGate(setSignal: (req: SignalSetRequest) => object, condition: GateCondition = { case: "approve", value: { signalId: "ok" } }) {
  const transport = createRouterTransport(({ service }) => {
    service(ConsoleService, sessionService({ subject: "00u1ada", name: "Ada Lovelace", preferredUsername: "ada" }));
    service(AdminService, {
      getExecution: () => create(ExecutionSchema, { id: executionId, closure: { workflowId } }),
      getWorkflow: () =>
        create(WorkflowSchema, {
          id: workflowId,
          closure: {
            compiledWorkflow: {
              primary: { template: { id: workflowId, nodes: [{ id: "n1", target: { case: "gateNode", value: { condition } } }] } },
            },
          },
        }),
    });
    service(SignalService, { setSignal });
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        <GateNodeActions nodeExecution={gateNode} />
      </QueryClientProvider>
    </TransportProvider>,
  );
}

describe("GateNodeActions", () => {
  it("says who approves or rejects, and after FlyteAdmin's PermissionDenied shows why and disables both", async () => {
    const setSignal = vi.fn(() => {
      throw new ConnectError("ana is a viewer in flytesnacks", Code.PermissionDenied);
    });
    renderGate(setSignal);
    const approve = await screen.findByRole("button", { name: "Approve" });
    expect((await screen.findByTestId("acting-as")).textContent).toBe("Approving or rejecting as Ada Lovelace (ada)");

    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    const dialog = screen.getByTestId("reject-dialog");
    expect(within(dialog).getByTestId("acting-as").textContent).toBe("Rejecting as Ada Lovelace (ada)");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));

    fireEvent.click(approve);
    const error = await screen.findByTestId("gate-error");
    expect(error.getAttribute("role")).toBe("alert");
    const reason = "You may not approve, reject or set signals in flytesnacks/development: ana is a viewer in flytesnacks";
    expect(error.textContent).toBe(reason);
    await waitFor(() => expect(approve.getAttribute("title")).toBe(reason));
    for (const name of ["Approve", "Reject"]) expect(screen.getByRole("button", { name }).getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(approve);
    expect(setSignal).toHaveBeenCalledTimes(1);
  });

  it("asks before setting a signal to an empty value, as before rejecting, and sends it only once confirmed", async () => {
    const sent: string[] = [];
    const setSignal = vi.fn((req: SignalSetRequest) => {
      const v = req.value?.value;
      sent.push(v?.case === "scalar" && v.value.value.case === "primitive" ? String(v.value.value.value.value.value) : "?");
      return {};
    });
    renderGate(setSignal, { case: "signal", value: { signalId: "title", type: { type: { case: "simple", value: SimpleType.STRING } } } });
    const set = await screen.findByRole("button", { name: "Set value" });
    fireEvent.click(set);
    const dialog = await screen.findByTestId("empty-signal-dialog");
    expect(within(dialog).getByRole("heading").textContent).toBe("Set title to an empty string?");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(setSignal).not.toHaveBeenCalled();

    fireEvent.click(set);
    fireEvent.click(within(screen.getByTestId("empty-signal-dialog")).getByRole("button", { name: "Set empty value" }));
    await waitFor(() => expect(sent).toEqual([""]));
  });

  it("sets a value that holds something at once", async () => {
    const setSignal = vi.fn(() => ({}));
    renderGate(setSignal, { case: "signal", value: { signalId: "title", type: { type: { case: "simple", value: SimpleType.STRING } } } });
    fireEvent.change(await screen.findByTestId("literal-input-title"), { target: { value: "Weekly" } });
    fireEvent.click(screen.getByRole("button", { name: "Set value" }));
    await waitFor(() => expect(setSignal).toHaveBeenCalledTimes(1));
    expect(screen.getByTestId("empty-signal-dialog").hasAttribute("open")).toBe(false);
  });
});
