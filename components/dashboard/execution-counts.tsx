"use client";

import { COUNT_GROUPS, groupCounts, isGroupSelected, type CountGroup, type ExecutionStats } from "@/lib/flyte/dashboard/stats";
import type { DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { PhaseIcon, toneClass } from "@/components/ui/phase-badge";
import type { PhaseIcon as PhaseIconName } from "@/lib/flyte/phases";
import type { SetFilters } from "./use-dashboard-filters";

const GROUPS: CountGroup[] = ["running", "succeeded", "failed", "aborted"];

const ICONS: Record<CountGroup, PhaseIconName> = { running: "spinner", succeeded: "check", failed: "cross", aborted: "stop" };

// A spinner only while something runs: a tile that spins at zero says the wrong thing.
const iconOf = (group: CountGroup, n: number | undefined): PhaseIconName => (group === "running" && !n ? "queued" : ICONS[group]);

/** Running / succeeded / failed / aborted in the chart's window; a tile filters the table by it. */
export function ExecutionCounts({
  stats,
  period,
  filters,
  setFilters,
}: {
  stats: ExecutionStats | undefined;
  /** Which runs they count, in words ("in the last 14 days (since …)"). */
  period: string | undefined;
  filters: DashboardFilters;
  setFilters: SetFilters;
}) {
  const counts = stats ? groupCounts(stats.totals) : undefined;
  return (
    <ul className="grid shrink-0 grid-cols-2 gap-2 sm:grid-cols-4 lg:w-80 lg:grid-cols-2" aria-label="Execution counts" data-testid="execution-counts">
      {GROUPS.map((g) => {
        const selected = isGroupSelected(g, filters.phases);
        const n = counts?.[g];
        return (
          <li key={g}>
            <button
              type="button"
              data-testid={`count-${g}`}
              data-count={n ?? ""}
              aria-pressed={selected}
              aria-label={`${COUNT_GROUPS[g].label}: ${n ?? "loading"}${period ? `, started ${period}` : ""}. ${selected ? "Show every phase" : "Show only these"}`}
              onClick={() => setFilters({ ...filters, phases: selected ? [] : [...COUNT_GROUPS[g].phases] })}
              className={`flex w-full items-center justify-between rounded-lg border bg-white px-3 py-2 text-left transition hover:border-indigo-300 ${
                selected ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200"
              }`}
            >
              <span>
                <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{COUNT_GROUPS[g].label}</span>
                <span className="block text-xl font-semibold tabular-nums text-slate-900">
                  {n === undefined ? "–" : n.toLocaleString("en")}
                  {stats?.truncated && n !== undefined ? <span className="text-base text-slate-500">+</span> : null}
                </span>
              </span>
              <span className={`rounded-full p-1.5 ring-1 ring-inset ${toneClass(COUNT_GROUPS[g].tone)}`}>
                <PhaseIcon icon={iconOf(g, n)} className="h-4 w-4" />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
