import {
  entityKindOf,
  type EntityKind,
  type ExecutionIdLike,
  type IdentifierLike,
  type NodeExecutionIdLike,
} from "./ids";

export type { EntityKind } from "./ids";

/** Every console page a URL can name. Optional `domain`: the old `?domain=` forms may omit it. */
export type ConsoleRoute =
  | { page: "projects" }
  | { page: "project"; project: string; domain?: string }
  | { page: "executions"; project: string; domain?: string }
  | {
      page: "execution";
      project: string;
      domain: string;
      name: string;
      nodeId?: string;
      attempt?: number;
    }
  | { page: "entities"; kind: EntityKind; project: string; domain?: string }
  | { page: "entity"; kind: EntityKind; project: string; domain: string; name: string }
  | {
      page: "entityVersion";
      kind: EntityKind;
      project: string;
      domain: string;
      name: string;
      version: string;
    }
  /** The launch form; what to launch is in its query (see launchPath). */
  | { page: "launch"; project: string; domain: string }
  | { page: "notFound" };

/** A route that has a page of its own. */
export type PageRoute = Exclude<ConsoleRoute, { page: "notFound" }>;

/** Query keys that belong to the route; everything else in a query string is carried along untouched. */
export const ROUTE_QUERY_KEYS = { domain: "domain", node: "node", attempt: "attempt" } as const;
const RESERVED = new Set<string>(Object.values(ROUTE_QUERY_KEYS));

/**
 * The path everything the console serves lives under (Next's `basePath`, `/console` unless built with
 * FLYTE_CONSOLE_BASE_PATH; next.config.mjs inlines it). Paths in this module are relative to it, as
 * Next's Link, router and redirect() want them; Next strips it from the paths routes and the proxy see.
 */
export const BASE_PATH: string = process.env.FLYTE_CONSOLE_BASE_PATH ?? "";

/** A path as the browser must request it when Next does not add the base path itself (fetch, raw links, history). */
export function withBasePath(path: string): string {
  if (!BASE_PATH) return path;
  return path === "/" ? BASE_PATH : path.startsWith("/?") ? `${BASE_PATH}${path.slice(1)}` : `${BASE_PATH}${path}`;
}

export type QueryInput = string | URLSearchParams | Record<string, string | undefined>;

const NOT_FOUND: ConsoleRoute = { page: "notFound" };

// Every spelling of an entity kind seen in links: ours/the old console's lists (plural camelCase),
// flytekit and the old console's versions (singular snake), the older console ("launch plan").
const KIND_BY_SEGMENT = new Map<string, EntityKind>([
  ["workflows", "workflow"],
  ["workflow", "workflow"],
  ["tasks", "task"],
  ["task", "task"],
  ["launchPlans", "launch_plan"],
  ["launchPlan", "launch_plan"],
  ["launch_plans", "launch_plan"],
  ["launch_plan", "launch_plan"],
  ["launch plan", "launch_plan"],
]);
const SEGMENT_BY_KIND: Record<EntityKind, string> = {
  workflow: "workflows",
  task: "tasks",
  launch_plan: "launchPlans",
};

function toSearchParams(query: QueryInput | undefined): URLSearchParams {
  if (query === undefined) return new URLSearchParams();
  if (typeof query === "string" || query instanceof URLSearchParams) {
    return new URLSearchParams(query);
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, v);
  return params;
}

/** Decoded, non-empty path segments; undefined when the percent-encoding is malformed. */
function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname
      .split("/")
      .filter((s) => s !== "")
      .map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding
  }
}

const nonEmpty = (v: string | null): string | undefined => (v ? v : undefined);

function parseAttempt(v: string | null | undefined): number | undefined {
  if (!v || !/^\d{1,9}$/.test(v)) return undefined;
  return Number(v);
}

// Drop undefined optionals so parsed routes compare equal to hand-written ones.
function compact<T extends ConsoleRoute>(route: T): T {
  return Object.fromEntries(Object.entries(route).filter(([, v]) => v !== undefined)) as T;
}

function matchExecution(
  project: string,
  domain: string,
  name: string,
  tail: string[],
  query: URLSearchParams,
): ConsoleRoute | undefined {
  let nodeId = nonEmpty(query.get(ROUTE_QUERY_KEYS.node));
  let attempt = parseAttempt(query.get(ROUTE_QUERY_KEYS.attempt));
  if (tail.length > 0) {
    // FlyteAdmin's FLYTE_EXECUTION_URL: …/nodeId/:nodeId/nodes; the old console's task view:
    // …/nodeId/:nodeId/taskId/:task/attempt/:n[/mappedIndex/…][/view/:tab].
    if (tail[0] !== "nodeId" || tail.length < 2) return undefined;
    const rest = tail.slice(2);
    const isNodes = rest.length === 0 || (rest.length === 1 && rest[0] === "nodes");
    const isTask = rest.length >= 4 && rest[0] === "taskId" && rest[2] === "attempt";
    if (!isNodes && !isTask) return undefined;
    nodeId = tail[1];
    attempt = isTask ? parseAttempt(rest[3]) : undefined;
  }
  return compact({ page: "execution", project, domain, name, nodeId, attempt });
}

function matchSegments(segments: string[], query: URLSearchParams): ConsoleRoute | undefined {
  // A leading `console` is the old console's prefix on a console served at the root (base path "").
  const rest = segments[0] === "console" ? segments.slice(1) : segments;

  const [head, project, ...tail] = rest;
  if (head === undefined) return { page: "projects" };
  if (head === "select-project") return rest.length === 1 ? { page: "projects" } : undefined;
  if (head !== "projects") return undefined;
  if (project === undefined) return { page: "projects" };

  const queryDomain = nonEmpty(query.get(ROUTE_QUERY_KEYS.domain));
  if (tail.length === 0) return compact({ page: "project", project, domain: queryDomain });
  if (tail[0] !== "domains") {
    if (tail.length !== 1) return undefined;
    if (tail[0] === "executions") return compact({ page: "executions", project, domain: queryDomain });
    const kind = KIND_BY_SEGMENT.get(tail[0]);
    return kind && compact({ page: "entities", kind, project, domain: queryDomain });
  }

  const [, domain, section, name, ...more] = tail;
  if (domain === undefined) return undefined;
  if (section === undefined) return { page: "project", project, domain };
  if (section === "executions") {
    if (name === undefined) return { page: "executions", project, domain };
    return matchExecution(project, domain, name, more, query);
  }
  if (section === "launch") return name === undefined ? { page: "launch", project, domain } : undefined;
  if (section === "task_executions") {
    // Older console: task_executions/:exec/:nodeId/:taskProject/:taskDomain/:taskName/:taskVersion/:attempt
    if (name === undefined || more.length !== 6) return undefined;
    const attempt = parseAttempt(more[5]);
    return compact({ page: "execution", project, domain, name, nodeId: more[0], attempt });
  }
  const kind = KIND_BY_SEGMENT.get(section);
  if (!kind) return undefined;
  if (name === undefined) return { page: "entities", kind, project, domain };
  if (more.length === 0) return { page: "entity", kind, project, domain, name };
  if (more.length === 2 && (more[0] === "version" || more[0] === "versions")) {
    return { page: "entityVersion", kind, project, domain, name, version: more[1] };
  }
  return undefined;
}

/**
 * The page a console URL names, for every form flytekit, FlyteAdmin and the old console produce.
 * `pathname` is relative to the base path, as Next hands it to routes and the proxy.
 */
export function parseConsolePath(pathname: string, search: QueryInput = ""): ConsoleRoute {
  const segments = pathSegments(pathname);
  if (!segments) return NOT_FOUND;
  return matchSegments(segments, toSearchParams(search)) ?? NOT_FOUND;
}

function pathOf(route: PageRoute): { segments: string[]; params: [string, string][] } {
  const projectBase = (project: string, domain?: string) =>
    domain === undefined ? ["projects", project] : ["projects", project, "domains", domain];
  switch (route.page) {
    case "projects":
      return { segments: [], params: [] };
    case "project":
      return {
        segments: ["projects", route.project],
        params: route.domain ? [[ROUTE_QUERY_KEYS.domain, route.domain]] : [],
      };
    case "executions":
      return { segments: [...projectBase(route.project, route.domain), "executions"], params: [] };
    case "execution": {
      const params: [string, string][] = [];
      if (route.nodeId) params.push([ROUTE_QUERY_KEYS.node, route.nodeId]);
      if (route.attempt !== undefined) params.push([ROUTE_QUERY_KEYS.attempt, String(route.attempt)]);
      const segments = [...projectBase(route.project, route.domain), "executions", route.name];
      return { segments, params };
    }
    case "entities":
      return {
        segments: [...projectBase(route.project, route.domain), SEGMENT_BY_KIND[route.kind]],
        params: [],
      };
    case "entity":
      return {
        segments: [...projectBase(route.project, route.domain), SEGMENT_BY_KIND[route.kind], route.name],
        params: [],
      };
    case "launch":
      return { segments: [...projectBase(route.project, route.domain), "launch"], params: [] };
    case "entityVersion":
      return {
        segments: [
          ...projectBase(route.project, route.domain),
          SEGMENT_BY_KIND[route.kind],
          route.name,
          "version",
          route.version,
        ],
        params: [],
      };
  }
}

/**
 * The one canonical URL (path + query) of a page. Route-owned query keys (domain, node, attempt) come
 * from the route; any other `query` entries (tabs, filters) are appended as given.
 */
export function consolePath(route: PageRoute, query?: QueryInput): string {
  const { segments, params } = pathOf(route);
  const path = `/${segments.map((s) => encodeURIComponent(s)).join("/")}`;
  const out = new URLSearchParams(params);
  for (const [k, v] of toSearchParams(query)) if (!RESERVED.has(k)) out.append(k, v);
  const qs = out.toString();
  return `${path}${qs ? `?${qs}` : ""}`;
}

function sameUrl(pathname: string, search: QueryInput, target: string): boolean {
  const [targetPath, targetQuery = ""] = target.split("?", 2);
  const decode = (p: string) => p.split("/").map(decodeURIComponent).join("\u0000");
  if (decode(pathname) !== decode(targetPath)) return false;
  const pairs = (q: QueryInput) =>
    [...toSearchParams(q)].map(([k, v]) => `${k}=${v}`).sort().join("&");
  return pairs(search) === pairs(targetQuery);
}

/**
 * The canonical URL for an old or alternative form (for a 308 redirect), or null when the URL is
 * already canonical or names no page.
 */
export function canonicalRedirect(
  pathname: string,
  search: QueryInput = "",
  options: { defaultDomain?: string } = {},
): string | null {
  const route = parseConsolePath(pathname, search);
  if (route.page === "notFound") return null;
  const target = consolePath(options.defaultDomain ? withDefaultDomain(route, options.defaultDomain) : route, search);
  return sameUrl(pathname, search, target) ? null : target;
}

/**
 * Fills in a domain where an old link left it out, so the page it names exists: a project's own
 * page is its executions in that domain.
 */
export function withDefaultDomain(route: PageRoute, defaultDomain: string): PageRoute {
  if (route.page === "project") return { page: "executions", project: route.project, domain: route.domain ?? defaultDomain };
  if ((route.page === "executions" || route.page === "entities") && route.domain === undefined) {
    return { ...route, domain: defaultDomain };
  }
  return route;
}

/** Canonical path of an execution page, optionally with a node (and attempt) selected. */
export function executionPath(
  id: ExecutionIdLike,
  select: { nodeId?: string; attempt?: number } = {},
  query?: QueryInput,
): string {
  const { project, domain, name } = id;
  return consolePath(
    compact({ page: "execution", project, domain, name, nodeId: select.nodeId, attempt: select.attempt }),
    query,
  );
}

/** Canonical path of an entity: its version page when the id has a version, else its detail page. */
export function entityPath(id: IdentifierLike): string | undefined {
  const kind = entityKindOf(id.resourceType);
  if (!kind) return undefined;
  const { project, domain, name, version } = id;
  return version
    ? consolePath({ page: "entityVersion", kind, project, domain, name, version })
    : consolePath({ page: "entity", kind, project, domain, name });
}

/**
 * Exactly what flytekit's `FlyteRemote.generate_console_http_domain` returns when no console endpoint
 * is configured: the admin endpoint with http for insecure connections.
 */
export function flytekitConsoleHttpDomain(platform: {
  endpoint: string;
  insecure?: boolean;
  consoleEndpoint?: string;
}): string {
  if (platform.consoleEndpoint) return platform.consoleEndpoint;
  return `${platform.insecure ? "http" : "https"}://${platform.endpoint}`;
}

/**
 * Exactly the URL flytekit's `FlyteRemote.generate_console_url` prints: executions by id, entities as
 * singular `{workflow,task,launch_plan}/:name/version/:version` (any other resource type as
 * "workflow"). flytekit does not percent-encode, so neither does this.
 */
export function flytekitConsoleUrl(
  entity: ExecutionIdLike | IdentifierLike,
  consoleHttpDomain: string,
): string {
  const base = `${consoleHttpDomain}/console/projects/${entity.project}/domains/${entity.domain}`;
  if (!("resourceType" in entity)) return `${base}/executions/${entity.name}`;
  const kind = entityKindOf(entity.resourceType);
  const rt = kind === "task" || kind === "launch_plan" ? kind : "workflow";
  return `${base}/${rt}/${entity.name}/version/${entity.version}`;
}

/**
 * Exactly FlyteAdmin's FLYTE_EXECUTION_URL (set in every task pod): the configured console URL with
 * trailing slashes removed, then …/executions/:name/nodeId/:uniqueNodeId/nodes.
 */
export function flyteAdminExecutionUrl(consoleUrl: string, id: NodeExecutionIdLike): string {
  const e = id.executionId;
  const base = consoleUrl.replace(/\/+$/, "");
  return `${base}/projects/${e?.project ?? ""}/domains/${e?.domain ?? ""}/executions/${e?.name ?? ""}/nodeId/${id.nodeId}/nodes`;
}

/** What the launch form launches: a launch plan, a workflow (its default launch plan) or a task, or a copy of an execution. */
export type LaunchTarget =
  | { launchPlan: string; version?: string }
  | { workflow: string; version?: string }
  | { task: string; version?: string }
  | { relaunch: string };

/** The launch form for a target; no version means the latest. */
export function launchPath(args: { project: string; domain: string } & LaunchTarget): string {
  const { project, domain, ...target } = args;
  const query: Record<string, string | undefined> = {};
  if ("relaunch" in target) query.relaunch = target.relaunch;
  else {
    if ("launchPlan" in target) query.launchPlan = target.launchPlan;
    else if ("workflow" in target) query.workflow = target.workflow;
    else query.task = target.task;
    query.version = target.version || undefined;
  }
  return consolePath({ page: "launch", project, domain }, query);
}

/** The launch target a launch page's query names, or undefined when it names none. */
export function parseLaunchTarget(query: QueryInput): LaunchTarget | undefined {
  const q = toSearchParams(query);
  const version = nonEmpty(q.get("version"));
  const relaunch = nonEmpty(q.get("relaunch"));
  if (relaunch) return { relaunch };
  const launchPlan = nonEmpty(q.get("launchPlan"));
  if (launchPlan) return compact2({ launchPlan, version });
  const workflow = nonEmpty(q.get("workflow"));
  if (workflow) return compact2({ workflow, version });
  const task = nonEmpty(q.get("task"));
  if (task) return compact2({ task, version });
  return undefined;
}

function compact2<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
