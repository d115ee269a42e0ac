"use client";

// The dashboard's counts and chart, in one card under the filters, that says which runs it counts and can
// be folded away (remembered on this browser) so the table starts higher. Folded, the counts stay as a line.
import { useId, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import type { DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { DEFAULT_CHART_DAYS, groupCounts, periodWords, type ChartWindow, type ExecutionStats } from "@/lib/flyte/dashboard/stats";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { useStoredChoice } from "@/components/ui/use-stored-choice";
import { ExecutionChart } from "./execution-chart";
import { ExecutionCounts } from "./execution-counts";
import type { SetFilters } from "./use-dashboard-filters";

const SHOWN = ["shown", "hidden"] as const;

function CountsLine({ stats }: { stats: ExecutionStats }) {
  const c = groupCounts(stats.totals);
  const more = stats.truncated ? "+" : "";
  const n = (x: number) => `${x.toLocaleString("en")}${more}`;
  return (
    <p data-testid="counts-summary" className="text-sm tabular-nums text-slate-600">
      {n(c.running)} running · {n(c.succeeded)} succeeded · {n(c.failed)} failed · {n(c.aborted)} aborted
    </p>
  );
}

export function DashboardOverview({
  stats,
  window,
  nowMs,
  filters,
  setFilters,
  aside,
}: {
  stats: UseQueryResult<ExecutionStats>;
  /** The window asked for: the period the counts cover (or will, while the previous counts still show, dimmed). */
  window: ChartWindow | undefined;
  nowMs: number;
  filters: DashboardFilters;
  setFilters: SetFilters;
  /** Shown on the header's right, before the toggle (how fresh the page is). */
  aside?: ReactNode;
}) {
  const [shown, setShown] = useStoredChoice("flyteconsole.dashboard.overview", SHOWN, "shown");
  const open = shown === "shown";
  const bodyId = useId();
  const titleId = useId();
  const w = window ?? stats.data?.window;
  const period = w ? periodWords(w, nowMs) : undefined;
  const narrowed = filters.since !== undefined || filters.from !== undefined || filters.to !== undefined;

  return (
    <section data-testid="dashboard-overview" data-state={shown} aria-labelledby={titleId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 ${open ? "border-b border-slate-100" : ""}`}>
        <h2 id={titleId} data-testid="counts-period" className="text-sm font-semibold text-slate-900">
          Runs started {period ?? "…"}
        </h2>
        {!open && stats.data ? <CountsLine stats={stats.data} /> : null}
        <div className="ml-auto flex items-center gap-3">
          {narrowed ? (
            <button
              type="button"
              onClick={() => setFilters({ ...filters, since: undefined, from: undefined, to: undefined })}
              className="text-xs font-medium text-indigo-700 hover:underline"
            >
              ← Show the last {DEFAULT_CHART_DAYS} days
            </button>
          ) : null}
          {aside}
          <Button variant="ghost" className="text-xs" data-testid="overview-toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setShown(open ? "hidden" : "shown")}>
            {open ? "Hide counts and chart" : "Show counts and chart"}
          </Button>
        </div>
      </header>
      {open ? (
        <div id={bodyId} className="flex flex-col gap-4 p-3 lg:flex-row">
          <ExecutionCounts stats={stats.data} period={period} filters={filters} setFilters={setFilters} />
          <div className="min-w-0 flex-1">
            {stats.data ? (
              <ExecutionChart stats={stats.data} filters={filters} setFilters={setFilters} updating={stats.isPlaceholderData} />
            ) : stats.isError ? (
              <Banner tone="warning" title="The chart could not be drawn" testId="chart-error" action={<Button onClick={() => void stats.refetch()}>Retry</Button>}>
                {stats.error.message}
              </Banner>
            ) : (
              <div className="h-36 animate-pulse rounded-md bg-slate-100" role="status" aria-label="Loading the chart" />
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
