// The console's own routes, both ways: a URL (in every spelling old links use) to the page it names,
// and a page to its one canonical URL. Redirects, launch links and other components' links build on it.
import { entityKindOf, type EntityKind, type ExecutionIdLike, type IdentifierLike } from "./ids";

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
  /** The project-domain attributes FlyteAdmin holds (read-only). */
  | { page: "settings"; project: string; domain: string }
  /** Runs side by side (`?runs=a,b`): the first is the baseline the others are compared with. */
  | { page: "compare"; project: string; domain: string; runs: string[] }
  /** Failed runs grouped by error signature (the dashboard's time and workflow filters in the query). */
  | { page: "failures"; project: string; domain: string }
  | { page: "notFound" };

/** A route that has a page of its own. */
export type PageRoute = Exclude<ConsoleRoute, { page: "notFound" }>;

/** Query keys that belong to the route; everything else in a query string is carried along untouched. */
export const ROUTE_QUERY_KEYS = { domain: "domain", node: "node", attempt: "attempt", runs: "runs" } as const;
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

export function toSearchParams(query: QueryInput | undefined): URLSearchParams {
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

export const nonEmpty = (v: string | null): string | undefined => (v ? v : undefined);

/** `a,b,c` → the names, in order, each once; blanks dropped. */
export function parseRunList(v: string | null | undefined): string[] {
  return [...new Set((v ?? "").split(",").map((s) => s.trim()).filter(Boolean))];
}

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
  if (section === "settings") return name === undefined ? { page: "settings", project, domain } : undefined;
  if (section === "failures") return name === undefined ? { page: "failures", project, domain } : undefined;
  if (section === "compare") return name === undefined ? { page: "compare", project, domain, runs: parseRunList(query.get(ROUTE_QUERY_KEYS.runs)) } : undefined;
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
    case "settings":
      return { segments: [...projectBase(route.project, route.domain), "settings"], params: [] };
    case "failures":
      return { segments: [...projectBase(route.project, route.domain), "failures"], params: [] };
    case "compare":
      return {
        segments: [...projectBase(route.project, route.domain), "compare"],
        params: route.runs.length ? [[ROUTE_QUERY_KEYS.runs, route.runs.join(",")]] : [],
      };
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

/** The compare page for these runs of one project and domain (the first is the baseline). */
export function comparePath(project: string, domain: string, runs: readonly string[]): string {
  return consolePath({ page: "compare", project, domain, runs: [...runs] });
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
