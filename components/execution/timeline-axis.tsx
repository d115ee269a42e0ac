"use client";

import type { AxisTick } from "@/lib/flyte/timeline-axis";

/** The time axis above the chart: a tick line and its label at each tick, in pixels from the chart's left. */
export function TimelineAxis({ ticks, x, width }: { ticks: readonly AxisTick[]; x(ms: number): number; width: number }) {
  return (
    <div className="relative h-full" style={{ width }} data-testid="timeline-axis">
      {ticks.map((t) => (
        <span
          key={t.ms}
          data-testid="timeline-tick"
          data-ms={t.ms}
          className="absolute bottom-0 top-0 whitespace-nowrap border-l border-slate-300 pl-1 pt-1 font-mono text-[11px] tabular-nums text-slate-600"
          style={{ left: x(t.ms) }}
        >
          {t.label}
        </span>
      ))}
    </div>
  );
}

/** Faint vertical lines under the rows at each tick, so a bar's time can be read off the axis. */
export function TimelineGrid({ ticks, x, top, height, left }: { ticks: readonly AxisTick[]; x(ms: number): number; top: number; height: number; left: number }) {
  return (
    <div aria-hidden className="pointer-events-none absolute" style={{ top, height, left }}>
      {ticks.map((t) => (
        <span key={t.ms} className="absolute inset-y-0 w-px bg-slate-100" style={{ left: x(t.ms) }} />
      ))}
    </div>
  );
}
