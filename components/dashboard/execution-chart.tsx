"use client";

// Recent executions by day (or hour) and phase. Each bar is a button: it narrows the table to
// its time range, and the chart then shows that range in hours.
import { useMemo } from "react";
import type { DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { bucketLabel, chartBars, DAY_MS, type Bar, type ExecutionStats } from "@/lib/flyte/dashboard/stats";
import type { PhaseTone } from "@/lib/flyte/phases";
import { formatTimestampUtc } from "@/lib/flyte/time";
import { tonePalette } from "@/components/ui/phase-palette";
import type { SetFilters } from "./use-dashboard-filters";

const CHART_HEIGHT = 96;

function barSummary(bar: Bar, bucketMs: number): string {
  const parts = bar.segments.map((s) => `${s.count} ${s.label.toLowerCase()}`).join(", ");
  const when = bucketMs >= DAY_MS ? bucketLabel(bar.startMs, bucketMs) : `${bucketLabel(bar.startMs, DAY_MS)} ${bucketLabel(bar.startMs, bucketMs)}`;
  return `${when} UTC: ${bar.total} run${bar.total === 1 ? "" : "s"}${parts ? ` (${parts})` : ""}${bar.incomplete ? ", may be incomplete" : ""}`;
}

function BarButton({ bar, bucketMs, align, onPick }: { bar: Bar; bucketMs: number; align: "left" | "right" | "center"; onPick(): void }) {
  const summary = barSummary(bar, bucketMs);
  const tipPos = align === "left" ? "left-0" : align === "right" ? "right-0" : "left-1/2 -translate-x-1/2";
  return (
    <button
      type="button"
      onClick={onPick}
      data-testid="chart-bar"
      data-start={new Date(bar.startMs).toISOString()}
      data-total={bar.total}
      aria-label={`${summary}. Show these runs`}
      className="group relative flex h-full min-w-0 flex-1 flex-col justify-end rounded-sm px-[1px] outline-none hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      {bar.total === 0 ? (
        <span className="block h-[2px] w-full rounded-sm bg-slate-200" />
      ) : (
        <span
          className={`flex w-full flex-col-reverse overflow-hidden rounded-t-sm ${bar.incomplete ? "opacity-50" : ""}`}
          style={{ height: `${Math.max(bar.height * 100, 2)}%` }}
        >
          {bar.segments.map((s) => (
            <span key={s.phase} data-phase={s.phase} className={`block w-full ${tonePalette(s.tone).fill}`} style={{ flexGrow: s.count, flexBasis: 0 }} />
          ))}
        </span>
      )}
      <span
        role="tooltip"
        className={`pointer-events-none invisible absolute bottom-full z-20 mb-1 w-max max-w-64 rounded-md bg-slate-900 px-2.5 py-1.5 text-left text-xs text-white shadow-lg group-hover:visible group-focus-visible:visible ${tipPos}`}
      >
        <span className="block font-medium">
          {bucketMs >= DAY_MS ? bucketLabel(bar.startMs, bucketMs) : formatTimestampUtc(bar.startMs).slice(0, 16)} · {bar.total} run{bar.total === 1 ? "" : "s"}
        </span>
        {[...bar.segments].reverse().map((s) => (
          <span key={s.phase} className="flex items-center gap-1.5">
            <span className={`inline-block h-2.5 w-2.5 rounded-sm ${tonePalette(s.tone).fill}`} />
            {s.label}: {s.count}
          </span>
        ))}
        {bar.incomplete ? <span className="block text-amber-300">Older than the runs counted; may be incomplete.</span> : null}
      </span>
    </button>
  );
}

export function ExecutionChart({
  stats,
  filters,
  setFilters,
  updating,
}: {
  stats: ExecutionStats;
  filters: DashboardFilters;
  setFilters: SetFilters;
  updating?: boolean;
}) {
  const bars = useMemo(() => chartBars(stats, filters.phases), [stats, filters.phases]);
  const { bucketMs } = stats.window;
  const max = Math.max(0, ...bars.map((b) => b.total));
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const legend = useMemo(() => {
    const seen = new Map<string, { label: string; tone: PhaseTone; count: number }>();
    for (const b of bars) for (const s of b.segments) {
      const e = seen.get(s.phase) ?? { label: s.label, tone: s.tone, count: 0 };
      e.count += s.count;
      seen.set(s.phase, e);
    }
    return [...seen.entries()];
  }, [bars]);

  return (
    <section aria-labelledby="execution-chart-title" data-testid="execution-chart">
      <p className="mb-1 text-xs text-slate-500">
        <span id="execution-chart-title" className="font-medium text-slate-700">
          Executions by {bucketMs >= DAY_MS ? "day" : "hour"}
        </span>
        {" "}· click a bar to list its runs
        {stats.truncated && stats.coveredFromMs ? ` · counted the latest ${stats.scanned.toLocaleString("en")} runs, back to ${formatTimestampUtc(stats.coveredFromMs)}` : ""}
      </p>
      <div className={`flex gap-2 ${updating ? "opacity-60" : ""}`}>
        <div className="flex w-8 flex-col justify-between text-right text-[10px] tabular-nums text-slate-500" style={{ height: CHART_HEIGHT }} aria-hidden>
          <span>{max}</span>
          <span>0</span>
        </div>
        <div className="min-w-0 flex-1">
          <div className="flex items-end border-b border-slate-200" style={{ height: CHART_HEIGHT }} role="group" aria-label="Executions over time">
            {bars.map((bar, i) => (
              <BarButton
                key={bar.startMs}
                bar={bar}
                bucketMs={bucketMs}
                align={i < 3 ? "left" : i > bars.length - 4 ? "right" : "center"}
                onPick={() => setFilters({ ...filters, since: undefined, from: bar.startMs, to: bar.endMs })}
              />
            ))}
          </div>
          <div className="flex text-[10px] text-slate-500" aria-hidden>
            {bars.map((bar, i) => (
              <span key={bar.startMs} className="min-w-0 flex-1 truncate pt-1 text-center">
                {i % labelEvery === 0 ? bucketLabel(bar.startMs, bucketMs) : ""}
              </span>
            ))}
          </div>
        </div>
      </div>
      {legend.length ? (
        <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Legend">
          {legend.map(([phase, e]) => (
            <li key={phase} className="flex items-center gap-1.5">
              <span className={`inline-block h-3 w-3 rounded-sm ${tonePalette(e.tone).fill}`} aria-hidden />
              {e.label} <span className="tabular-nums text-slate-500">{e.count.toLocaleString("en")}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1.5 text-xs text-slate-500">No runs in this window.</p>
      )}
    </section>
  );
}
