// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ExecutionSchema, ExecutionState } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { polyfillDialog } from "@/components/ui/dialog.testutil";
import { refusals } from "@/lib/query/permissions";
import { sessionService } from "@/lib/query/session.testutil";
import { ExecutionActions } from "./execution-actions";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));

beforeAll(polyfillDialog);
afterEach(() => {
  cleanup();
  refusals.reset();
});

const execution = (phase: WP, domain = "development") =>
  create(ExecutionSchema, {
    id: { project: "flytesnacks", domain, name: "abc123" },
    spec: { launchPlan: { project: "flytesnacks", domain: "development", name: "lp", version: "v1" } },
    closure: { phase },
  });

function renderActions(phase: WP, admin: Parameters<typeof createRouterTransport>[0], executions = [execution(phase)]) {
  const transport = createRouterTransport(admin);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>
        {executions.map((e) => (
          <div key={e.id!.domain} data-testid={`actions-${e.id!.domain}`}>
            <ExecutionActions execution={e} />
          </div>
        ))}
      </QueryClientProvider>
    </TransportProvider>,
  );
}

describe("ExecutionActions", () => {
  it("keeps the typed cause and shows FlyteAdmin's PermissionDenied next to Terminate, then explains the disabled button", async () => {
    const terminate = vi.fn(() => {
      throw new ConnectError("user jane may not terminate executions in flytesnacks/development", Code.PermissionDenied);
    });
    renderActions(WP.RUNNING, ({ service }) => service(AdminService, { getExecution: (req) => execution(WP.RUNNING, req.id?.domain), terminateExecution: terminate }), [
      execution(WP.RUNNING),
      execution(WP.RUNNING, "staging"),
    ]);
    const here = within(screen.getByTestId("actions-development"));

    fireEvent.click(here.getByRole("button", { name: "Terminate" }));
    const dialog = await screen.findByTestId("terminate-dialog");
    const cause = within(dialog).getByRole("textbox", { name: "Cause" });
    expect((cause as HTMLTextAreaElement).value).toBe("Terminated from the console");
    fireEvent.change(cause, { target: { value: "wrong inputs" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Terminate" }));

    const error = await within(dialog).findByTestId("terminate-dialog-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toBe("You may not terminate executions in flytesnacks/development: user jane may not terminate executions in flytesnacks/development");
    expect((within(dialog).getByRole("textbox", { name: "Cause" }) as HTMLTextAreaElement).value).toBe("wrong inputs");
    expect(terminate).toHaveBeenCalledTimes(1);

    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    const button = here.getByRole("button", { name: "Terminate" });
    const reason = "You may not terminate executions in flytesnacks/development: user jane may not terminate executions in flytesnacks/development";
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.getAttribute("title")).toBe(reason);
    expect(document.getElementById(button.getAttribute("aria-describedby") ?? "")?.textContent).toBe(reason);
    fireEvent.click(button);
    expect(screen.queryByTestId("terminate-dialog")).toBeNull();
    // Remembered for that project and domain only; the other actions there stay available.
    expect(here.getByRole("button", { name: "Recover" }).getAttribute("title")).not.toContain("You may not");
    expect(within(screen.getByTestId("actions-staging")).getByRole("button", { name: "Terminate" }).getAttribute("aria-disabled")).toBe("false");
  });

  it("says who terminates when signed in, and records it in the default cause", async () => {
    renderActions(WP.RUNNING, ({ service }) => {
      service(ConsoleService, sessionService({ subject: "u-42", name: "Ada Lovelace", preferredUsername: "ada" }));
      service(AdminService, { getExecution: () => execution(WP.RUNNING) });
    });
    fireEvent.click(screen.getByRole("button", { name: "Terminate" }));
    const dialog = await screen.findByTestId("terminate-dialog");
    expect((await within(dialog).findByTestId("acting-as")).textContent).toBe("Terminating as Ada Lovelace (ada)");
    expect((within(dialog).getByRole("textbox", { name: "Cause" }) as HTMLTextAreaElement).value).toBe("Terminated from the console by Ada Lovelace (ada)");
  });

  it("shows the BFF's same-origin refusal as a failure, not as a role, and leaves Terminate available", async () => {
    renderActions(WP.RUNNING, ({ service }) =>
      service(AdminService, {
        getExecution: () => execution(WP.RUNNING),
        terminateExecution: () => {
          throw new ConnectError("cross-origin mutation refused (Origin http://evil.test)", Code.PermissionDenied);
        },
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Terminate" }));
    const dialog = await screen.findByTestId("terminate-dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Terminate" }));
    const error = await within(dialog).findByTestId("terminate-dialog-error");
    expect(error.textContent).toContain("cross-origin mutation refused");
    expect(error.textContent).not.toContain("You may not");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Terminate" }).getAttribute("aria-disabled")).toBe("false");
  });

  it("sends one terminate for a double click, with the cause", async () => {
    const seen: string[] = [];
    renderActions(WP.RUNNING, ({ service }) =>
      service(AdminService, {
        getExecution: () => execution(WP.RUNNING),
        terminateExecution: async (req) => {
          seen.push(req.cause);
          await new Promise((r) => setTimeout(r, 20));
          return {};
        },
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Terminate" }));
    const confirm = within(await screen.findByTestId("terminate-dialog")).getByRole("button", { name: "Terminate" });
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByTestId("terminate-dialog")).toBeNull());
    expect(seen).toEqual(["Terminated from the console"]);
  });

  it("archives a finished execution and then offers Unarchive", async () => {
    let state = ExecutionState.EXECUTION_ACTIVE;
    renderActions(WP.SUCCEEDED, ({ service }) =>
      service(AdminService, {
        getExecution: () => {
          const e = execution(WP.SUCCEEDED);
          e.closure!.stateChangeDetails = { $typeName: "flyteidl.admin.ExecutionStateChangeDetails", state, principal: "", occurredAt: { $typeName: "google.protobuf.Timestamp", seconds: BigInt(Date.now()), nanos: 0 } };
          return e;
        },
        updateExecution: (req) => {
          state = req.state;
          return {};
        },
      }),
    );
    expect(screen.getByRole("button", { name: "Terminate" }).getAttribute("aria-disabled")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Archive" }));
    await screen.findByTestId("archived-badge");
    expect(screen.getByRole("button", { name: "Unarchive" })).toBeTruthy();
    expect(state).toBe(ExecutionState.EXECUTION_ARCHIVED);
  });

  it("draws Terminate on a finished execution grey, not red, and says why it is unavailable", () => {
    renderActions(WP.SUCCEEDED, ({ service }) => service(AdminService, { getExecution: () => execution(WP.SUCCEEDED) }));
    const terminate = screen.getByRole("button", { name: "Terminate" });
    expect(terminate.getAttribute("aria-disabled")).toBe("true");
    expect(terminate.className).not.toMatch(/\bbg-red-/);
    expect(terminate.className).toMatch(/\bbg-slate-100\b/);
    expect(terminate.getAttribute("title")).toBeTruthy();
    const reason = document.getElementById(terminate.getAttribute("aria-describedby") ?? "");
    expect(reason?.textContent).toBe(terminate.getAttribute("title"));
  });
});
