// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ProjectScope } from "@/lib/admin";

const scope = vi.hoisted(() => ({ answer: { state: "found" } as ProjectScope, params: {} as Record<string, string> }));
vi.mock("@/lib/admin", () => ({ loadProjectScope: async () => scope.answer }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
  useParams: () => scope.params,
}));

const { default: ProjectLayout } = await import("./[project]/layout");
const { default: DomainLayout } = await import("./[project]/domains/[domain]/layout");
const { default: ProjectNotFound } = await import("./not-found");
const { default: DomainNotFound } = await import("./[project]/domains/not-found");

afterEach(cleanup);
const params = Promise.resolve({ project: "nope", domain: "development" });

describe("project pages for a project or domain FlyteAdmin does not know", () => {
  it("answer not-found for an unknown project", async () => {
    scope.answer = { state: "no-project" };
    await expect(ProjectLayout({ children: "page", params })).rejects.toThrow("NEXT_NOT_FOUND");
  });
  it("answer not-found for a domain the project does not have", async () => {
    scope.answer = { state: "no-domain", domains: ["development"] };
    await expect(ProjectLayout({ children: "page", params })).resolves.toBe("page");
    await expect(DomainLayout({ children: "page", params })).rejects.toThrow("NEXT_NOT_FOUND");
  });
  it("render the page when the project and domain exist, or FlyteAdmin cannot say", async () => {
    for (const answer of [{ state: "found" }, { state: "unknown" }] as const) {
      scope.answer = answer;
      await expect(DomainLayout({ children: "page", params })).resolves.toBe("page");
    }
  });
  it("name what was not found and link to the projects", () => {
    scope.params = { project: "ml%2Dplatform", domain: "prod" };
    render(<ProjectNotFound />);
    expect(screen.getByTestId("not-found").textContent).toContain("FlyteAdmin has no project ml-platform.");
    expect(screen.getByRole("link", { name: "Go to the projects" }).getAttribute("href")).toMatch(/^\/console\/?$|^\/$/);
    cleanup();
    render(<DomainNotFound />);
    expect(screen.getByTestId("not-found").textContent).toContain("Project ml-platform has no domain prod.");
  });
});
