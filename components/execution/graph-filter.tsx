"use client";

import { nodesMatching, type GraphFilter } from "@/lib/flyte/graph/filter";

export type { GraphFilter };
export const keptNodes = nodesMatching;

/** The huge-graph guard: says how big the graph is and offers a smaller, filtered view of it. */
export function GraphFilterBar({
  total,
  shown,
  filter,
  huge,
  onChange,
}: {
  total: number;
  shown: number;
  filter: GraphFilter;
  huge: boolean;
  onChange(filter: GraphFilter): void;
}) {
  const filtering = filter.failedOrRunning || filter.search.trim() !== "";
  return (
    <div data-testid="graph-filter" data-filtered={filtering} className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-2 pb-2 text-sm">
      <span className="text-slate-600">
        {filtering ? (
          <>
            Showing <strong>{shown.toLocaleString()}</strong> of {total.toLocaleString()} nodes
          </>
        ) : (
          <>
            Large graph: <strong>{total.toLocaleString()}</strong> nodes.{huge ? "" : " Narrow it down:"}
          </>
        )}
      </span>
      <button
        type="button"
        aria-pressed={filter.failedOrRunning}
        onClick={() => onChange({ ...filter, failedOrRunning: !filter.failedOrRunning })}
        className={`rounded-full px-2.5 py-0.5 text-xs ring-1 ${filter.failedOrRunning ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
      >
        Only failed or running
      </button>
      <input
        type="search"
        value={filter.search}
        onChange={(e) => onChange({ ...filter, search: e.target.value })}
        placeholder="Find nodes by name"
        aria-label="Find nodes by name"
        className="w-52 rounded-md border border-slate-300 px-2 py-0.5 text-sm"
      />
      {filtering ? (
        <button type="button" onClick={() => onChange({ failedOrRunning: false, search: "" })} className="text-xs text-indigo-700 underline">
          Show all {total.toLocaleString()} nodes
        </button>
      ) : null}
    </div>
  );
}
