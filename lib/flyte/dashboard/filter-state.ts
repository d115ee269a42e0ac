// The project dashboard's filters: one value that lives in the URL query and becomes a
// FlyteAdmin filters string. Reading a URL never throws: what cannot be read is dropped.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { filters as f, formatFilters, parseFilterDurationMs, supersetFilter, type FilterExpression } from "../filters";
import type { WorkflowPhaseName } from "../phases";

export const TIME_PRESETS = {
  "1h": { label: "Last hour", ms: 3_600_000 },
  "24h": { label: "Last 24 hours", ms: 86_400_000 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000 },
} as const;
export type TimePreset = keyof typeof TIME_PRESETS;

export type ArchivedMode = "hide" | "include" | "only";

/** Sort keys offered in the table; values are FlyteAdmin's execution columns. */
export const SORT_KEYS = {
  created_at: "Start time",
  duration: "Duration",
  execution_name: "Name",
} as const;
export type SortKey = keyof typeof SORT_KEYS;

export interface DashboardFilters {
  /** Proto names of workflow phases; empty means every phase. */
  phases: WorkflowPhaseName[];
  /** A relative window ending now; exclusive with from/to. */
  since?: TimePreset;
  /** Absolute window on the creation time, epoch ms: [from, to). */
  from?: number;
  to?: number;
  /** Duration bounds in ms: [minDurationMs, maxDurationMs]. */
  minDurationMs?: number;
  maxDurationMs?: number;
  /** Typed names match by part (FlyteAdmin's contains); a whole name with `exactName`. */
  workflow?: string;
  launchPlan?: string;
  /** The names were picked as whole entities (a link from an entity's page): match them exactly. */
  exactName?: boolean;
  version?: string;
  /** Admin tags (`pyflyte run --tags`); a run matches when it has any of them. */
  tags: string[];
  /** The principal that launched the run. */
  user?: string;
  archived: ArchivedMode;
  sort: { key: SortKey; ascending: boolean };
}

export const DEFAULT_FILTERS: DashboardFilters = {
  phases: [],
  tags: [],
  archived: "hide",
  sort: { key: "created_at", ascending: false },
};

/** Every query key the dashboard owns; other keys in the URL are left as they are. */
export const DASHBOARD_QUERY_KEYS = [
  "phase",
  "since",
  "from",
  "to",
  "minDuration",
  "maxDuration",
  "workflow",
  "launchPlan",
  "match",
  "version",
  "tag",
  "user",
  "archived",
  "sort",
  "order",
] as const;

const PHASE_NAMES = new Set(
  Object.keys(WorkflowExecution_Phase).filter((k) => Number.isNaN(Number(k))),
) as ReadonlySet<string>;

function isPhaseName(name: string): name is WorkflowPhaseName {
  return PHASE_NAMES.has(name);
}

const text = (v: string | null): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

function readTime(v: string | null): number | undefined {
  const t = text(v);
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

function readDuration(v: string | null): number | undefined {
  const t = text(v);
  if (!t) return undefined;
  const ms = parseFilterDurationMs(t);
  return ms !== undefined && ms >= 0 ? ms : undefined;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The filters a dashboard URL names. */
export function parseDashboardQuery(search: URLSearchParams | string): DashboardFilters {
  const q = typeof search === "string" ? new URLSearchParams(search) : search;
  const phases = unique(
    q
      .getAll("phase")
      .flatMap((v) => v.split(","))
      .map((v) => v.trim().toUpperCase())
      .filter(isPhaseName),
  );
  const sinceRaw = text(q.get("since"));
  const since = sinceRaw && Object.hasOwn(TIME_PRESETS, sinceRaw) ? (sinceRaw as TimePreset) : undefined;
  const from = since ? undefined : readTime(q.get("from"));
  const to = since ? undefined : readTime(q.get("to"));
  const archivedRaw = q.get("archived");
  const sortRaw = text(q.get("sort"));
  const sortKey = sortRaw && Object.hasOwn(SORT_KEYS, sortRaw) ? (sortRaw as SortKey) : "created_at";
  return {
    phases,
    since,
    from,
    to: from !== undefined && to !== undefined && to <= from ? undefined : to,
    minDurationMs: readDuration(q.get("minDuration")),
    maxDurationMs: readDuration(q.get("maxDuration")),
    workflow: text(q.get("workflow")),
    launchPlan: text(q.get("launchPlan")),
    ...(q.get("match") === "exact" ? { exactName: true } : {}),
    version: text(q.get("version")),
    tags: unique(q.getAll("tag").map((t) => t.trim()).filter(Boolean)),
    user: text(q.get("user")),
    archived: archivedRaw === "include" || archivedRaw === "only" ? archivedRaw : "hide",
    sort: { key: sortKey, ascending: q.get("order") === "asc" },
  };
}

/** "90s", "10m", "1h30m": Go-duration text, which FlyteAdmin and parseFilterDurationMs read back. */
export function formatDurationParam(ms: number): string {
  if (ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  if (s === 0) return "0s";
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}

/**
 * Writes the filters into a query string: the dashboard's keys replaced, defaults left out, other
 * keys kept. Equal filters always give the same string (so the URL is a stable cache key).
 */
export function writeDashboardQuery(filters: DashboardFilters, base: URLSearchParams | string = ""): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const key of DASHBOARD_QUERY_KEYS) out.delete(key);
  for (const p of filters.phases) out.append("phase", p);
  if (filters.since) out.set("since", filters.since);
  else {
    if (filters.from !== undefined) out.set("from", new Date(filters.from).toISOString());
    if (filters.to !== undefined) out.set("to", new Date(filters.to).toISOString());
  }
  if (filters.minDurationMs !== undefined) out.set("minDuration", formatDurationParam(filters.minDurationMs));
  if (filters.maxDurationMs !== undefined) out.set("maxDuration", formatDurationParam(filters.maxDurationMs));
  if (filters.workflow) out.set("workflow", filters.workflow);
  if (filters.launchPlan) out.set("launchPlan", filters.launchPlan);
  if (filters.exactName && (filters.workflow || filters.launchPlan)) out.set("match", "exact");
  if (filters.version) out.set("version", filters.version);
  for (const t of filters.tags) out.append("tag", t);
  if (filters.user) out.set("user", filters.user);
  if (filters.archived !== "hide") out.set("archived", filters.archived);
  if (filters.sort.key !== "created_at") out.set("sort", filters.sort.key);
  if (filters.sort.ascending) out.set("order", "asc");
  return out;
}

/** True when any filter narrows the list (sort and the archived default do not count). */
export function hasActiveFilters(filters: DashboardFilters): boolean {
  return (
    filters.phases.length > 0 ||
    filters.since !== undefined ||
    filters.from !== undefined ||
    filters.to !== undefined ||
    filters.minDurationMs !== undefined ||
    filters.maxDurationMs !== undefined ||
    !!filters.workflow ||
    !!filters.launchPlan ||
    !!filters.version ||
    filters.tags.length > 0 ||
    !!filters.user ||
    filters.archived !== "hide"
  );
}

/** The start of the time window the filters name, or undefined for all time. */
export function windowStartMs(filters: DashboardFilters, nowMs: number): number | undefined {
  if (filters.since) return nowMs - TIME_PRESETS[filters.since].ms;
  return filters.from;
}

export interface AdminFilterOptions {
  /** Leave the phase out (the dashboard's counts cover every phase). */
  omitPhase?: boolean;
  /** Leave the time window out (the chart adds its own). */
  omitTime?: boolean;
}

const one = (field: string, values: readonly string[]): FilterExpression =>
  values.length === 1 ? f.eq(field, values[0]) : f.valueIn(field, values);

/** The filters a person types as text, each with the execution field it is checked against in the browser. */
function typedFilters(filters: DashboardFilters) {
  const nameFn = filters.exactName ? "eq" : "contains";
  const versionOnLaunchPlan = !!filters.launchPlan;
  const out: { key: "workflow" | "launchPlan" | "version" | "user"; fn: "eq" | "contains"; field: string; value: string; of: (e: Execution) => string | undefined }[] = [];
  if (filters.workflow) out.push({ key: "workflow", fn: nameFn, field: "workflow.name", value: filters.workflow, of: (e) => e.closure?.workflowId?.name });
  if (filters.launchPlan) out.push({ key: "launchPlan", fn: nameFn, field: "launch_plan.name", value: filters.launchPlan, of: (e) => e.spec?.launchPlan?.name });
  if (filters.version) {
    out.push({
      key: "version",
      fn: "eq",
      field: versionOnLaunchPlan ? "launch_plan.version" : "workflow.version",
      value: filters.version,
      of: (e) => (versionOnLaunchPlan ? e.spec?.launchPlan?.version : e.closure?.workflowId?.version),
    });
  }
  if (filters.user) out.push({ key: "user", fn: "eq", field: "user", value: filters.user, of: (e) => e.spec?.metadata?.principal });
  return out;
}

/**
 * The filters whose values FlyteAdmin's syntax cannot carry (a version `1.0+g123`, a user `a+b@x.com`): only a
 * piece of the value is sent, so a wider set comes back and the rows are narrowed here. (LIKE's "_" and "%"
 * widen a contains a little too; executionMatches narrows those rows as well, without a word.)
 */
export function inexactFilters(filters: DashboardFilters): string[] {
  return typedFilters(filters)
    .filter((t) => {
      const sent = supersetFilter(t.fn, t.field, t.value).expression;
      return sent?.fn !== t.fn || sent.values[0] !== t.value;
    })
    .map((t) => t.key);
}

/**
 * Whether a row FlyteAdmin returned matches the typed filters exactly (names by part, case-sensitively as
 * FlyteAdmin's LIKE on Postgres; versions and users whole); undefined when no typed filter is set.
 */
export function executionMatches(filters: DashboardFilters): ((e: Execution) => boolean) | undefined {
  const typed = typedFilters(filters);
  if (typed.length === 0) return undefined;
  return (e) =>
    typed.every((t) => {
      const actual = t.of(e) ?? "";
      return t.fn === "eq" ? actual === t.value : actual.includes(t.value);
    });
}

/**
 * The FlyteAdmin filters string for these filters, as flyteconsole writes them: `phase`,
 * `created_at` (RFC 3339), `duration` (seconds), `workflow.name` and `launch_plan.name` (contains, or eq when
 * picked as whole entities), a version on the launch plan when one is chosen else on the workflow,
 * `admin_tag.name`, `user`, and `state` (FlyteAdmin hides archived runs when no state filter is given; we say
 * so explicitly). A typed value FlyteAdmin would misread goes as a wider `contains` (see inexactFilters).
 * Throws FilterSyntaxError for a tag FlyteAdmin's syntax cannot carry.
 */
export function toAdminFilters(filters: DashboardFilters, nowMs: number, options: AdminFilterOptions = {}): string {
  const out: FilterExpression[] = [];
  if (!options.omitPhase && filters.phases.length > 0) out.push(one("phase", filters.phases));
  if (!options.omitTime) {
    const start = windowStartMs(filters, nowMs);
    if (start !== undefined) out.push(f.gte("created_at", new Date(start)));
    if (!filters.since && filters.to !== undefined) out.push(f.lt("created_at", new Date(filters.to)));
  }
  if (filters.minDurationMs !== undefined) out.push(f.gte("duration", filters.minDurationMs / 1000));
  if (filters.maxDurationMs !== undefined) out.push(f.lte("duration", filters.maxDurationMs / 1000));
  const typed = typedFilters(filters);
  const typedBefore = (key: string) => typed.filter((t) => t.key === key).map((t) => supersetFilter(t.fn, t.field, t.value).expression);
  for (const key of ["workflow", "launchPlan", "version"]) out.push(...typedBefore(key).filter((e) => e !== undefined));
  if (filters.tags.length > 0) out.push(one("admin_tag.name", filters.tags));
  out.push(...typedBefore("user").filter((e) => e !== undefined));
  if (filters.archived === "hide") out.push(f.eq("state", 0));
  else if (filters.archived === "only") out.push(f.eq("state", 1));
  else out.push(f.valueIn("state", [0, 1]));
  return formatFilters(out);
}

/** `now` rounded down to the minute, so that relative windows give the same request for a while. */
export function stableNow(nowMs: number): number {
  return Math.floor(nowMs / 60_000) * 60_000;
}
