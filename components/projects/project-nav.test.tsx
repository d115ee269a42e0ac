// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { createRouterTransport } from "@connectrpc/connect";
import { createConnectQueryKey } from "@connectrpc/connect-query";
import { cleanup, render, screen } from "@testing-library/react";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import { ProjectsSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { hydrateOverAnswers } from "@/lib/query/hydration.testutil";
import { listProjects } from "@/lib/query/projects";
import { ProjectNav } from "./project-nav";

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});

const projects = create(ProjectsSchema, {
  projects: [{ id: "flytesnacks", name: "Flyte Snacks", description: "Examples", domains: [{ id: "development", name: "development" }] }],
});
const transport = createRouterTransport(({ service }) => service(AdminService, { listProjects: () => projects }));

describe("ProjectNav", () => {
  it("hydrates without a mismatch when the header's ListProjects answered first", async () => {
    const { errors, container, unmount } = await hydrateOverAnswers(
      transport,
      <ProjectNav project="flytesnacks" domain="development" section="executions" />,
      (cache) => cache.setQueryData(createConnectQueryKey({ schema: listProjects, input: {}, transport, cardinality: "finite" }), projects),
    );
    expect(errors).toEqual([]);
    expect(container.querySelector("h1")?.textContent).toBe("Flyte Snacks");
    await unmount();
  });

  it("shows the project's name and description once loaded", async () => {
    render(
      <TransportProvider transport={transport}>
        <QueryClientProvider client={new QueryClient()}>
          <ProjectNav project="flytesnacks" domain="development" section="executions" />
        </QueryClientProvider>
      </TransportProvider>,
    );
    expect(await screen.findByRole("heading", { name: "Flyte Snacks" })).toBeTruthy();
    expect(screen.getByText("Examples")).toBeTruthy();
  });
});
