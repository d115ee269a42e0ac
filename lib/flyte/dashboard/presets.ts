// The choices the filter bar offers, and which one a set of filters matches. Pure.
import type { DashboardFilters, SortKey } from "./filter-state";

const MIN = 60_000;

export const DURATION_PRESETS = [
  { id: "lt1m", label: "Under 1 minute", min: undefined, max: MIN },
  { id: "1to10m", label: "1 – 10 minutes", min: MIN, max: 10 * MIN },
  { id: "10to60m", label: "10 – 60 minutes", min: 10 * MIN, max: 60 * MIN },
  { id: "gt1h", label: "Over 1 hour", min: 60 * MIN, max: undefined },
] as const;

/** The preset the duration bounds match: "" for none set, "custom" for bounds no preset has. */
export function durationPresetOf(f: Pick<DashboardFilters, "minDurationMs" | "maxDurationMs">): string {
  if (f.minDurationMs === undefined && f.maxDurationMs === undefined) return "";
  const hit = DURATION_PRESETS.find((p) => p.min === f.minDurationMs && p.max === f.maxDurationMs);
  return hit?.id ?? "custom";
}

export function durationBoundsOf(id: string): Pick<DashboardFilters, "minDurationMs" | "maxDurationMs"> {
  const p = DURATION_PRESETS.find((x) => x.id === id);
  return { minDurationMs: p?.min, maxDurationMs: p?.max };
}

export const SORT_OPTIONS: { id: string; label: string; key: SortKey; ascending: boolean }[] = [
  { id: "newest", label: "Newest first", key: "created_at", ascending: false },
  { id: "oldest", label: "Oldest first", key: "created_at", ascending: true },
  { id: "longest", label: "Longest first", key: "duration", ascending: false },
  { id: "shortest", label: "Shortest first", key: "duration", ascending: true },
  { id: "name", label: "Name A–Z", key: "execution_name", ascending: true },
  { id: "name-desc", label: "Name Z–A", key: "execution_name", ascending: false },
];

export function sortOptionOf(sort: DashboardFilters["sort"]): string {
  return SORT_OPTIONS.find((o) => o.key === sort.key && o.ascending === sort.ascending)?.id ?? "newest";
}

export interface FilterChip {
  /** Stable id, also the test hook. */
  id: string;
  label: string;
  /** The filters without this one. */
  without: DashboardFilters;
}

const fmtUtc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")}`;
const fmtDur = (ms: number) => (ms % MIN === 0 ? `${ms / MIN}m` : `${ms / 1000}s`);

/** Every filter in effect, as a removable chip (sort is not a filter). */
export function filterChips(f: DashboardFilters, phaseLabel: (name: string) => string): FilterChip[] {
  const chips: FilterChip[] = [];
  if (f.phases.length) chips.push({ id: "phase", label: `Phase: ${f.phases.map(phaseLabel).join(", ")}`, without: { ...f, phases: [] } });
  if (f.since) {
    const labels = { "1h": "Last hour", "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" } as const;
    chips.push({ id: "time", label: labels[f.since], without: { ...f, since: undefined } });
  } else if (f.from !== undefined || f.to !== undefined) {
    const label = `${f.from !== undefined ? fmtUtc(f.from) : "…"} – ${f.to !== undefined ? fmtUtc(f.to) : "now"} UTC`;
    chips.push({ id: "time", label, without: { ...f, from: undefined, to: undefined } });
  }
  if (f.minDurationMs !== undefined || f.maxDurationMs !== undefined) {
    const label =
      f.minDurationMs !== undefined && f.maxDurationMs !== undefined
        ? `Duration ${fmtDur(f.minDurationMs)} – ${fmtDur(f.maxDurationMs)}`
        : f.minDurationMs !== undefined
          ? `Duration ≥ ${fmtDur(f.minDurationMs)}`
          : `Duration ≤ ${fmtDur(f.maxDurationMs!)}`;
    chips.push({ id: "duration", label, without: { ...f, minDurationMs: undefined, maxDurationMs: undefined } });
  }
  if (f.workflow) chips.push({ id: "workflow", label: `Workflow: ${f.workflow}`, without: { ...f, workflow: undefined } });
  if (f.launchPlan) chips.push({ id: "launchPlan", label: `Launch plan: ${f.launchPlan}`, without: { ...f, launchPlan: undefined } });
  if (f.version) chips.push({ id: "version", label: `Version: ${f.version}`, without: { ...f, version: undefined } });
  for (const t of f.tags) chips.push({ id: `tag:${t}`, label: `Tag: ${t}`, without: { ...f, tags: f.tags.filter((x) => x !== t) } });
  if (f.user) chips.push({ id: "user", label: `Launched by: ${f.user}`, without: { ...f, user: undefined } });
  if (f.archived !== "hide") {
    chips.push({ id: "archived", label: f.archived === "only" ? "Archived only" : "Including archived", without: { ...f, archived: "hide" } });
  }
  return chips;
}
