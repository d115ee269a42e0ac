"use client";

import type { TimeZoneChoice } from "@/lib/flyte/timeline-axis";
import { formatDuration } from "@/lib/flyte/time";

const ZOOM_STEP = 2;

function Swatch({ className }: { className: string }) {
  return <span aria-hidden className={`inline-block h-2 w-4 rounded-sm ${className}`} />;
}

/** The mark of a node on the critical path: a dashed frame, never colour alone (also next to its name). */
export function CriticalMark() {
  return (
    <svg aria-hidden viewBox="0 0 12 12" className="h-3 w-3 shrink-0 text-slate-900" fill="currentColor">
      <path d="M6 0.5 11.5 6 6 11.5 0.5 6Z" />
    </svg>
  );
}

export function TimelineToolbar({
  spanMs,
  zoom,
  canZoomIn,
  canZoomOut,
  onZoom,
  onReset,
  timeZone,
  onTimeZone,
  critical,
}: {
  spanMs: number;
  zoom: number;
  canZoomIn: boolean;
  canZoomOut: boolean;
  onZoom(factor: number): void;
  onReset(): void;
  timeZone: TimeZoneChoice;
  onTimeZone(choice: TimeZoneChoice): void;
  /** Names of the critical path's nodes, first to last. */
  critical: readonly string[];
}) {
  const button = "rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600";
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-2 pb-1 text-xs text-slate-600">
      <span>Total {formatDuration(spanMs)}</span>
      <div role="group" aria-label="Zoom" className="flex items-center gap-1">
        <button type="button" className={button} aria-label="Zoom out" disabled={!canZoomOut} onClick={() => onZoom(1 / ZOOM_STEP)}>
          −
        </button>
        <span className="w-10 text-center tabular-nums" data-testid="timeline-zoom" title="Ctrl or ⌘ + wheel over the chart zooms at the pointer">
          ×{zoom < 10 ? zoom.toFixed(1).replace(/\.0$/, "") : Math.round(zoom)}
        </span>
        <button type="button" className={button} aria-label="Zoom in" disabled={!canZoomIn} onClick={() => onZoom(ZOOM_STEP)}>
          +
        </button>
        <button type="button" className={button} disabled={!canZoomOut} onClick={onReset}>
          Reset zoom
        </button>
      </div>
      <div role="group" aria-label="Times in" className="flex items-center">
        {(["local", "utc"] as const).map((choice, i) => (
          <button
            key={choice}
            type="button"
            aria-pressed={timeZone === choice}
            onClick={() => onTimeZone(choice)}
            className={`border border-slate-300 px-2 py-0.5 focus-visible:outline-2 focus-visible:outline-indigo-600 ${i === 0 ? "rounded-l" : "-ml-px rounded-r"} ${timeZone === choice ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            {choice === "local" ? "Local time" : "UTC"}
          </button>
        ))}
      </div>
      <span className="flex items-center gap-1"><Swatch className="bg-slate-300" /> queued</span>
      <span className="flex items-center gap-1"><Swatch className="bg-amber-300" /> waiting for resources</span>
      <span className="flex items-center gap-1"><Swatch className="bg-sky-300" /> initializing</span>
      <span className="flex items-center gap-1"><Swatch className="bg-blue-500" /> running (phase colour)</span>
      <span className="flex items-center gap-1"><Swatch className="border border-white bg-slate-400 outline outline-1 outline-slate-400" /> one block per attempt</span>
      <span className="flex min-w-0 max-w-md items-center gap-1" data-testid="critical-path-summary" title={critical.join(" → ")}>
        <span aria-hidden className="inline-block h-3 w-5 rounded-sm border-2 border-dashed border-slate-900" />
        <CriticalMark />
        <span className="truncate">
          critical path{critical.length ? `: ${critical.join(" → ")}` : " (when the workflow's edges are known)"}
        </span>
      </span>
    </div>
  );
}
