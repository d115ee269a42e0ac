import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { create, fromBinary } from "@bufbuild/protobuf";
import { LaunchPlanSchema } from "@/lib/gen/flyteidl/admin/launch_plan_pb";
import { TaskSchema } from "@/lib/gen/flyteidl/admin/task_pb";
import { WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import {
  IdentifierSchema,
  NodeExecutionIdentifierSchema,
  ResourceType,
  WorkflowExecutionIdentifierSchema,
} from "@/lib/gen/flyteidl/core/identifier_pb";
import { canonicalRedirect } from "./canonical-redirect";
import { flyteAdminExecutionUrl, flytekitConsoleHttpDomain, flytekitConsoleUrl } from "./deep-links";
import { launchPath, parseLaunchTarget } from "./launch-urls";
import {
  consolePath,
  entityPath,
  executionPath,
  parseConsolePath,
  withBasePath,
  BASE_PATH,
  type ConsoleRoute,
  type PageRoute,
} from "./urls";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";

const P = "flytesnacks";
const D = "development";
// The tables hold URLs as a browser requests them. Next strips the base path before the app sees a
// path; root-level paths (`/projects/…`) reach the app through next.config's redirect into it.
const inApp = (pathname: string) =>
  pathname === BASE_PATH ? "/" : pathname.startsWith(`${BASE_PATH}/`) ? pathname.slice(BASE_PATH.length) : pathname;
const parse = (url: string) => {
  const u = new URL(url, "http://console.test");
  return parseConsolePath(inApp(u.pathname), u.search);
};
/** Follow canonicalRedirect like the proxy would, returning the final URL (at most one hop). */
const canonicalOf = (url: string) => {
  const u = new URL(url, "http://console.test");
  const target = canonicalRedirect(inApp(u.pathname), u.search);
  if (target === null) return null;
  const t = new URL(target, "http://console.test");
  expect(canonicalRedirect(t.pathname, t.search)).toBeNull(); // no redirect loops
  return withBasePath(target);
};

const canonicalPages: [string, PageRoute][] = [
  ["/console", { page: "projects" }],
  ["/console/projects/flytesnacks", { page: "project", project: P }],
  ["/console/projects/flytesnacks?domain=staging", { page: "project", project: P, domain: "staging" }],
  ["/console/projects/flytesnacks/executions", { page: "executions", project: P }],
  ["/console/projects/flytesnacks/domains/development/executions", { page: "executions", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/executions/f8a1b2c3", { page: "execution", project: P, domain: D, name: "f8a1b2c3" }],
  ["/console/projects/flytesnacks/domains/development/executions/f8a1b2c3?node=n0-0-n1&attempt=2", { page: "execution", project: P, domain: D, name: "f8a1b2c3", nodeId: "n0-0-n1", attempt: 2 }],
  ["/console/projects/flytesnacks/workflows", { page: "entities", kind: "workflow", project: P }],
  ["/console/projects/flytesnacks/domains/development/workflows", { page: "entities", kind: "workflow", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/tasks", { page: "entities", kind: "task", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/launchPlans", { page: "entities", kind: "launch_plan", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/workflows/core.basic.hello", { page: "entity", kind: "workflow", project: P, domain: D, name: "core.basic.hello" }],
  ["/console/projects/flytesnacks/domains/development/tasks/core.basic.say", { page: "entity", kind: "task", project: P, domain: D, name: "core.basic.say" }],
  ["/console/projects/flytesnacks/domains/development/launchPlans/core.basic.lp", { page: "entity", kind: "launch_plan", project: P, domain: D, name: "core.basic.lp" }],
  ["/console/projects/flytesnacks/domains/development/workflows/core.basic.hello/version/v1", { page: "entityVersion", kind: "workflow", project: P, domain: D, name: "core.basic.hello", version: "v1" }],
  ["/console/projects/flytesnacks/domains/development/launch", { page: "launch", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/settings", { page: "settings", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/failures", { page: "failures", project: P, domain: D }],
  ["/console/projects/flytesnacks/domains/development/compare?runs=a1%2Cb2", { page: "compare", project: P, domain: D, runs: ["a1", "b2"] }],
  ["/console/projects/flytesnacks/domains/development/launchPlans/core.basic.lp/version/v1", { page: "entityVersion", kind: "launch_plan", project: P, domain: D, name: "core.basic.lp", version: "v1" }],
];

describe("canonical paths", () => {
  it.each(canonicalPages)("%s is the canonical path of its route and parses back", (url, route) => {
    expect(withBasePath(consolePath(route))).toBe(url);
    expect(parse(url)).toEqual(route);
    expect(canonicalOf(url)).toBeNull();
  });

  it("keeps other UI state in the query string and lets the route own node/attempt/domain", () => {
    const route: PageRoute = { page: "execution", project: P, domain: D, name: "x", nodeId: "n1" };
    expect(consolePath(route, { tab: "logs", node: "stale", domain: "stale" })).toBe(
      "/projects/flytesnacks/domains/development/executions/x?node=n1&tab=logs",
    );
    expect(canonicalOf("/console/projects/flytesnacks/domains/development/executions/x?tab=logs&node=n1")).toBeNull();
  });

  it("encodes names with spaces, unicode and slashes and decodes them back", () => {
    const route: PageRoute = {
      page: "entityVersion",
      kind: "task",
      project: "ml team",
      domain: D,
      name: "données/étape 1",
      version: "JiepXcXB3SiEJ8pwYDy-7g==",
    };
    const url = withBasePath(consolePath(route));
    expect(url).toBe(
      "/console/projects/ml%20team/domains/development/tasks/donn%C3%A9es%2F%C3%A9tape%201/version/JiepXcXB3SiEJ8pwYDy-7g%3D%3D",
    );
    expect(parse(url)).toEqual(route);
    expect(canonicalOf(url)).toBeNull();
  });

  it("builds paths relative to the base path, which withBasePath adds for raw links", () => {
    expect(BASE_PATH).toBe("/console"); // vitest.config mirrors next.config's default
    const route: PageRoute = { page: "executions", project: P, domain: D };
    expect(consolePath(route)).toBe("/projects/flytesnacks/domains/development/executions");
    expect(consolePath({ page: "projects" })).toBe("/");
    expect(withBasePath("/")).toBe("/console");
    expect(withBasePath("/?all=1")).toBe("/console?all=1");
    expect(withBasePath("/api/connect")).toBe("/console/api/connect");
  });

  it("accepts the old console's /console prefix on a console served at the root", () => {
    expect(parseConsolePath("/console/projects/flytesnacks/domains/development/executions")).toEqual({ page: "executions", project: P, domain: D });
    expect(canonicalRedirect("/console/select-project", "")).toBe("/");
  });

  it("builds execution and entity paths from ids", () => {
    const exec = create(WorkflowExecutionIdentifierSchema, { project: P, domain: D, name: "abc" });
    expect(executionPath(exec, { nodeId: "n2" })).toBe(
      "/projects/flytesnacks/domains/development/executions/abc?node=n2",
    );
    const lp = create(IdentifierSchema, { resourceType: ResourceType.LAUNCH_PLAN, project: P, domain: D, name: "lp", version: "v3" });
    expect(entityPath(lp)).toBe("/projects/flytesnacks/domains/development/launchPlans/lp/version/v3");
    expect(entityPath({ ...lp, version: "" })).toBe("/projects/flytesnacks/domains/development/launchPlans/lp");
    expect(entityPath({ ...lp, resourceType: ResourceType.DATASET })).toBeUndefined();
  });
});

// Non-canonical forms other tools and the old console link to: [incoming, route, canonical URL].
const legacyForms: [string, ConsoleRoute, string][] = [
  ["/console/select-project", { page: "projects" }, "/console"],
  ["/console/projects", { page: "projects" }, "/console"],
  ["/console/projects/flytesnacks/executions?domain=development&duration=all", { page: "executions", project: P, domain: D }, "/console/projects/flytesnacks/domains/development/executions?duration=all"],
  ["/console/projects/flytesnacks/domains/development", { page: "project", project: P, domain: D }, "/console/projects/flytesnacks?domain=development"],
  ["/console/projects/flytesnacks/domains/development/executions/", { page: "executions", project: P, domain: D }, "/console/projects/flytesnacks/domains/development/executions"],
  ["/console/projects/flytesnacks/tasks?domain=staging", { page: "entities", kind: "task", project: P, domain: "staging" }, "/console/projects/flytesnacks/domains/staging/tasks"],
  ["/console/projects/flytesnacks/launchPlans?domain=production", { page: "entities", kind: "launch_plan", project: P, domain: "production" }, "/console/projects/flytesnacks/domains/production/launchPlans"],
  ["/console/projects/flytesnacks/domains/development/workflow/core.basic.hello", { page: "entity", kind: "workflow", project: P, domain: D, name: "core.basic.hello" }, "/console/projects/flytesnacks/domains/development/workflows/core.basic.hello"],
  ["/console/projects/flytesnacks/domains/development/executions/f8a1b2c3/nodeId/n0-0-n1/nodes", { page: "execution", project: P, domain: D, name: "f8a1b2c3", nodeId: "n0-0-n1" }, "/console/projects/flytesnacks/domains/development/executions/f8a1b2c3?node=n0-0-n1"],
  ["/console/projects/flytesnacks/domains/development/executions/f8a1b2c3/nodeId/n0", { page: "execution", project: P, domain: D, name: "f8a1b2c3", nodeId: "n0" }, "/console/projects/flytesnacks/domains/development/executions/f8a1b2c3?node=n0"],
  ["/console/projects/flytesnacks/domains/development/executions/f8a1b2c3/nodeId/n1/taskId/core.say/attempt/1/view/logs", { page: "execution", project: P, domain: D, name: "f8a1b2c3", nodeId: "n1", attempt: 1 }, "/console/projects/flytesnacks/domains/development/executions/f8a1b2c3?node=n1&attempt=1"],
  ["/console/projects/flytesnacks/domains/development/task_executions/f8a1b2c3/n1/flytesnacks/development/core.say/v1/2", { page: "execution", project: P, domain: D, name: "f8a1b2c3", nodeId: "n1", attempt: 2 }, "/console/projects/flytesnacks/domains/development/executions/f8a1b2c3?node=n1&attempt=2"],
  ["/console/projects/flytesnacks/domains/development/workflow/wf/version/v1", { page: "entityVersion", kind: "workflow", project: P, domain: D, name: "wf", version: "v1" }, "/console/projects/flytesnacks/domains/development/workflows/wf/version/v1"],
  ["/console/projects/flytesnacks/domains/development/task/t/version/v1", { page: "entityVersion", kind: "task", project: P, domain: D, name: "t", version: "v1" }, "/console/projects/flytesnacks/domains/development/tasks/t/version/v1"],
  ["/console/projects/flytesnacks/domains/development/launch_plan/lp/version/v1", { page: "entityVersion", kind: "launch_plan", project: P, domain: D, name: "lp", version: "v1" }, "/console/projects/flytesnacks/domains/development/launchPlans/lp/version/v1"],
  ["/console/projects/flytesnacks/domains/development/launch%20plan/lp/version/v1", { page: "entityVersion", kind: "launch_plan", project: P, domain: D, name: "lp", version: "v1" }, "/console/projects/flytesnacks/domains/development/launchPlans/lp/version/v1"],
  ["/console/projects/flytesnacks/domains/development/launch_plans/lp/versions/v1", { page: "entityVersion", kind: "launch_plan", project: P, domain: D, name: "lp", version: "v1" }, "/console/projects/flytesnacks/domains/development/launchPlans/lp/version/v1"],
  ["/console/projects/flytesnacks/domains/development/tasks/t/versions/v1", { page: "entityVersion", kind: "task", project: P, domain: D, name: "t", version: "v1" }, "/console/projects/flytesnacks/domains/development/tasks/t/version/v1"],
  ["/console/projects/flytesnacks/domains/development/executions/x?domain=staging", { page: "execution", project: P, domain: D, name: "x" }, "/console/projects/flytesnacks/domains/development/executions/x"],
  ["/console//projects/flytesnacks", { page: "project", project: P }, "/console/projects/flytesnacks"],
];

describe("old and alternative forms", () => {
  it.each(legacyForms)("%s opens the right page and redirects to its canonical URL", (url, route, canonical) => {
    expect(parse(url)).toEqual(route);
    expect(canonicalOf(url)).toBe(canonical);
    expect(parse(canonical)).toEqual(route);
  });

  it("leaves the domain to the page when a ?domain= form omits it", () => {
    expect(parse("/console/projects/flytesnacks/workflows")).toEqual({ page: "entities", kind: "workflow", project: P });
    expect(parse("/console/projects/flytesnacks/executions?domain=")).toEqual({ page: "executions", project: P });
    expect(canonicalOf("/console/projects/flytesnacks/executions")).toBeNull();
  });

  it("does not redirect a canonical URL spelled with different but equivalent escapes", () => {
    expect(canonicalOf("/console/projects/flytesnacks/domains/development/workflows/core%2Ebasic")).toBeNull();
  });

  it.each([
    "/console/unknown",
    "/console/projects/flytesnacks/domains/development/executions/x/extra",
    "/console/projects/flytesnacks/domains/development/datasets/x",
    "/console/projects/flytesnacks/domains/development/workflows/wf/version",
    "/console/projects/flytesnacks/domains/development/workflows/wf/version/v1/more",
    "/console/projects/flytesnacks/domains/development/executions/x/nodeId",
    "/console/projects/flytesnacks/constructor",
    "/console/projects/flytesnacks/domains/development/executions/bad%E0%A4%A",
    "/api/v1/projects",
  ])("%s is notFound and never redirected", (url) => {
    expect(parse(url)).toEqual({ page: "notFound" });
    expect(canonicalOf(url)).toBeNull();
  });

  it("ignores a malformed attempt instead of failing the page", () => {
    expect(parse("/console/projects/p/domains/d/executions/x?node=n1&attempt=abc")).toEqual({
      page: "execution", project: "p", domain: "d", name: "x", nodeId: "n1",
    });
    expect(canonicalOf("/console/projects/p/domains/d/executions/x?node=n1&attempt=abc")).toBe(
      "/console/projects/p/domains/d/executions/x?node=n1",
    );
  });
});

describe("links produced by flytekit and FlyteAdmin", () => {
  const domain = flytekitConsoleHttpDomain({ endpoint: "flyte.example.com", insecure: false });

  it("reproduces generate_console_http_domain", () => {
    expect(domain).toBe("https://flyte.example.com");
    expect(flytekitConsoleHttpDomain({ endpoint: "localhost:30080", insecure: true })).toBe("http://localhost:30080");
    expect(flytekitConsoleHttpDomain({ endpoint: "x:443", consoleEndpoint: "https://ui.example.com" })).toBe("https://ui.example.com");
  });

  it("reproduces generate_console_url for an execution and opens it", () => {
    const id = create(WorkflowExecutionIdentifierSchema, { project: P, domain: D, name: "f8a1b2c3d4e5" });
    const url = flytekitConsoleUrl(id, domain);
    expect(url).toBe("https://flyte.example.com/console/projects/flytesnacks/domains/development/executions/f8a1b2c3d4e5");
    expect(parse(url)).toEqual({ page: "execution", project: P, domain: D, name: "f8a1b2c3d4e5" });
    expect(canonicalOf(url)).toBeNull();
  });

  it.each([
    [ResourceType.WORKFLOW, "workflow", "workflow"],
    [ResourceType.TASK, "task", "task"],
    [ResourceType.LAUNCH_PLAN, "launch_plan", "launch_plan"],
    [ResourceType.UNSPECIFIED, "workflow", "workflow"],
  ] as const)("reproduces generate_console_url for resource type %s", (resourceType, segment, kind) => {
    const id = create(IdentifierSchema, { resourceType, project: P, domain: D, name: "core.basic.hello", version: "v 1" });
    const url = flytekitConsoleUrl(id, domain);
    expect(url).toBe(`https://flyte.example.com/console/projects/flytesnacks/domains/development/${segment}/core.basic.hello/version/v 1`);
    expect(parse(url)).toEqual({ page: "entityVersion", kind, project: P, domain: D, name: "core.basic.hello", version: "v 1" });
  });

  it("reproduces FlyteAdmin's FLYTE_EXECUTION_URL and selects that node", () => {
    const id = create(NodeExecutionIdentifierSchema, {
      nodeId: "n0-0-dn3",
      executionId: create(WorkflowExecutionIdentifierSchema, { project: P, domain: D, name: "abc" }),
    });
    const url = flyteAdminExecutionUrl("https://flyte.example.com/console/", id);
    expect(url).toBe("https://flyte.example.com/console/projects/flytesnacks/domains/development/executions/abc/nodeId/n0-0-dn3/nodes");
    expect(parse(url)).toEqual({ page: "execution", project: P, domain: D, name: "abc", nodeId: "n0-0-dn3" });
  });

  const fixtures = FLYTE_FIXTURES_DIR;
  const responses = path.join(fixtures, "flytekit-remote-responses");

  it("opens flytekit's links for entities captured from a real FlyteAdmin", () => {
    const read = (f: string) => readFileSync(path.join(responses, f));
    const ids = [
      fromBinary(LaunchPlanSchema, read("admin.launch_plan_pb2.LaunchPlan_core.control_flow.subworkflows.leaf_subwf.pb")).id,
      fromBinary(TaskSchema, read("admin.task_pb2.Task.pb")).id,
      fromBinary(WorkflowSchema, read("admin.workflow_pb2.Workflow_core.control_flow.subworkflows.root_level_wf.pb")).id,
    ];
    const kinds = ["launch_plan", "task", "workflow"];
    ids.forEach((id, i) => {
      if (!id) throw new Error("fixture without id");
      const url = flytekitConsoleUrl(id, domain);
      expect(url).toContain(`/${kinds[i]}/${id.name}/version/${id.version}`);
      expect(parse(url)).toEqual({
        page: "entityVersion", kind: kinds[i], project: id.project, domain: id.domain, name: id.name, version: id.version,
      });
      expect(canonicalOf(url)).toBe(withBasePath(entityPath(id) ?? ""));
    });
  });
});

describe("default domain for old links without one", () => {
  it("sends a project link and a domain-less list to the default domain", () => {
    expect(canonicalRedirect("/projects/flytesnacks", "", { defaultDomain: "development" })).toBe(
      "/projects/flytesnacks/domains/development/executions",
    );
    expect(canonicalRedirect("/projects/flytesnacks/workflows", "", { defaultDomain: "staging" })).toBe(
      "/projects/flytesnacks/domains/staging/workflows",
    );
    expect(
      canonicalRedirect("/projects/flytesnacks/domains/development/executions", "", { defaultDomain: "staging" }),
    ).toBeNull();
  });
});

describe("launch form links", () => {
  it("names a launch plan, workflow or task (latest version unless given) and parses back", () => {
    const lp = launchPath({ project: P, domain: D, launchPlan: "core.basic.lp", version: "v 1" });
    expect(lp).toBe("/projects/flytesnacks/domains/development/launch?launchPlan=core.basic.lp&version=v+1");
    expect(parseLaunchTarget(lp.split("?")[1])).toEqual({ launchPlan: "core.basic.lp", version: "v 1" });
    const wf = launchPath({ project: P, domain: D, workflow: "core.basic.hello" });
    expect(wf).toBe("/projects/flytesnacks/domains/development/launch?workflow=core.basic.hello");
    expect(parseLaunchTarget(wf.split("?")[1])).toEqual({ workflow: "core.basic.hello" });
    // A workflow launched through another of its launch plans than the default one.
    const viaPlan = launchPath({ project: P, domain: D, workflow: "core.basic.hello", version: "v1", plan: "nightly" });
    expect(viaPlan).toBe("/projects/flytesnacks/domains/development/launch?workflow=core.basic.hello&version=v1&plan=nightly");
    expect(parseLaunchTarget(viaPlan.split("?")[1])).toEqual({ workflow: "core.basic.hello", version: "v1", plan: "nightly" });
    expect(parseLaunchTarget(launchPath({ project: P, domain: D, task: "t", version: "" }).split("?")[1])).toEqual({ task: "t" });
  });

  it("names an execution to relaunch, and nothing when the query names no target", () => {
    const url = launchPath({ project: P, domain: D, relaunch: "abc123" });
    expect(url).toBe("/projects/flytesnacks/domains/development/launch?relaunch=abc123");
    expect(parseLaunchTarget("relaunch=abc123&launchPlan=x")).toEqual({ relaunch: "abc123" });
    expect(parseLaunchTarget("version=v1")).toBeUndefined();
  });

  it("is a page of its own that the proxy leaves alone (no redirect, no 404)", () => {
    const url = launchPath({ project: P, domain: D, launchPlan: "core.basic.lp" });
    expect(parse(url)).toEqual({ page: "launch", project: P, domain: D });
    expect(canonicalOf(url)).toBeNull();
    expect(parse("/console/projects/flytesnacks/domains/development/launch/extra")).toEqual({ page: "notFound" });
  });
});
