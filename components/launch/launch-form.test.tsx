// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { create, fromJson } from "@bufbuild/protobuf";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ExecutionCreateResponseSchema, type ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { launchPlanInterface } from "@/lib/flyte/launch/launch-inputs";
import { prim, T } from "@/lib/flyte/literals/literals.testutil";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { refusals } from "@/lib/query/permissions";
import { sessionService, type SignedIn } from "@/lib/query/session.testutil";
import { LaunchForm } from "./launch-form";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, replace: vi.fn() }) }));

const lp = fromJson(LaunchPlanSchema, {
  id: { resourceType: "LAUNCH_PLAN", project: "p", domain: "d", name: "wf", version: "v1" },
  spec: { fixedInputs: { literals: { region: prim({ stringValue: "eu" }) } } },
  closure: {
    expectedInputs: {
      parameters: {
        count: { var: { type: T.int }, required: true },
        label: { var: { type: T.str, description: "A label for the run" }, default: prim({ stringValue: "nightly" }) },
      },
    },
  },
});

type Handler = (req: ExecutionCreateRequest) => Promise<void>;
let calls: ExecutionCreateRequest[];

function renderForm(handler: Handler, session?: SignedIn) {
  const transport = createRouterTransport(({ service }) => {
    if (session) service(ConsoleService, sessionService(session));
    service(AdminService, {
      async createExecution(req) {
        calls.push(req);
        await handler(req);
        return create(ExecutionCreateResponseSchema, { id: { project: req.project, domain: req.domain, name: req.name } });
      },
    });
  });
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  render(
    <TransportProvider transport={transport}>
      <QueryClientProvider client={client}>
        <LaunchForm project="p" domain="d" target={lp.id!} iface={launchPlanInterface(lp)} />
      </QueryClientProvider>
    </TransportProvider>,
  );
}

beforeEach(() => {
  calls = [];
  push.mockReset();
  refusals.reset();
});
afterEach(cleanup);

const launch = () => screen.getByTestId("launch-submit");

describe("LaunchForm", () => {
  it("prefills defaults, shows fixed inputs read-only, and refuses to send an invalid value", async () => {
    renderForm(async () => {});
    expect((screen.getByRole("textbox", { name: "label" }) as HTMLInputElement).value).toBe("nightly");
    expect(screen.getByText("A label for the run")).toBeTruthy();
    expect(screen.getByTestId("launch-fixed-inputs").textContent).toContain("region");
    expect(screen.queryByRole("textbox", { name: "region" })).toBeNull();

    // Untouched and empty: no message yet; a submit shows it and focuses the field.
    expect(screen.queryByTestId("field-error")).toBeNull();
    fireEvent.click(launch());
    const count = screen.getByRole("textbox", { name: "count" });
    await waitFor(() => expect(document.activeElement).toBe(count));
    expect(screen.getByTestId("field-error").textContent).toBe("enter a whole number");
    fireEvent.change(count, { target: { value: "4x" } });
    fireEvent.click(launch());
    expect(screen.getByTestId("field-error").textContent).toBe("must be a whole number");
    await act(async () => {});
    expect(calls).toHaveLength(0);
  });

  it("sends one request for a double click, without the fixed inputs, and opens the new execution", async () => {
    let release!: () => void;
    renderForm(() => new Promise<void>((r) => (release = r)));
    fireEvent.change(screen.getByRole("textbox", { name: "count" }), { target: { value: "5" } });
    fireEvent.click(launch());
    fireEvent.click(launch());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.getByTestId("launch-submit").textContent).toBe("Launching…");
    release();
    await waitFor(() => expect(push).toHaveBeenCalledTimes(1));
    const [req] = calls;
    expect(req.name).toMatch(/^[a-z][a-z0-9]{19}$/);
    expect(Object.keys(req.inputs!.literals).sort()).toEqual(["count", "label"]);
    expect(push).toHaveBeenCalledWith(`/projects/p/domains/d/executions/${req.name}`);
  });

  it("retries a lost response with the same name; AlreadyExists then means it was created", async () => {
    let attempt = 0;
    renderForm(async () => {
      attempt++;
      if (attempt === 1) throw new ConnectError("upstream connection reset", Code.Unavailable);
      throw new ConnectError("execution already exists", Code.AlreadyExists);
    });
    fireEvent.change(screen.getByRole("textbox", { name: "count" }), { target: { value: "5" } });
    fireEvent.click(launch());
    const error = await screen.findByTestId("launch-error");
    expect(error.textContent).toContain("upstream connection reset");
    expect((screen.getByRole("textbox", { name: "count" }) as HTMLInputElement).value).toBe("5");
    fireEvent.click(launch());
    await waitFor(() => expect(push).toHaveBeenCalledTimes(1));
    expect(calls.map((c) => c.name)).toEqual([calls[0].name, calls[0].name]);
  });

  it("shows PermissionDenied as 'you may not', keeps what was typed, and then offers Launch disabled with the reason", async () => {
    renderForm(async () => {
      throw new ConnectError("user ana may not create executions in p/d", Code.PermissionDenied);
    });
    fireEvent.change(screen.getByRole("textbox", { name: "count" }), { target: { value: "5" } });
    fireEvent.click(launch());
    const error = await screen.findByTestId("launch-error");
    expect(error.getAttribute("role")).toBe("alert");
    expect(error.textContent).toContain("You may not launch executions in p/d:");
    expect(error.textContent).toContain("user ana may not create executions in p/d");
    expect(push).not.toHaveBeenCalled();
    expect((screen.getByRole("textbox", { name: "count" }) as HTMLInputElement).value).toBe("5");

    await waitFor(() => expect(launch().getAttribute("aria-disabled")).toBe("true"));
    const reason = "You may not launch executions in p/d: user ana may not create executions in p/d";
    expect(launch().getAttribute("title")).toBe(reason);
    expect(document.getElementById(launch().getAttribute("aria-describedby") ?? "")?.textContent).toBe(reason);
    fireEvent.click(launch());
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(1);
  });

  it("says who launches when someone is signed in, and nothing of it without sign-in", async () => {
    renderForm(async () => {}, { subject: "u-42", name: "Ada Lovelace", preferredUsername: "ada" });
    expect((await screen.findByTestId("acting-as")).textContent).toBe("Launching as Ada Lovelace (ada)");
    cleanup();
    renderForm(async () => {});
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("acting-as")).toBeNull();
  });
});
