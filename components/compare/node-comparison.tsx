"use client";

import { useState } from "react";
import { CACHE_LABEL, CHANGE_LABEL, type NodeComparison, type NodeFacts } from "@/lib/flyte/compare/nodes";
import { nodePhase } from "@/lib/flyte/phases";
import { formatDuration } from "@/lib/flyte/time";
import { PhaseBadge } from "@/components/ui/phase-badge";
import { MARK_OF, MARK_STYLE } from "./marks";
import { RunHeaders } from "./run-columns";
import { ValueComparison } from "./value-comparison";

const delta = (ms: number | undefined, base: number | undefined) => {
  if (ms === undefined || base === undefined || ms === base) return "";
  return ` (${ms > base ? "+" : ""}${formatDuration(ms - base)})`;
};

function FactsCell({ f, base, first }: { f: NodeFacts | undefined; base: NodeFacts | undefined; first: boolean }) {
  if (!f) return <span className="text-xs italic text-slate-500">did not run</span>;
  const phase = nodePhase(f.phase);
  return (
    <div className="space-y-0.5 text-xs text-slate-700">
      <PhaseBadge phase={phase} />
      <div>
        {f.attempts === undefined ? "" : `${f.attempts} attempt${f.attempts === 1 ? "" : "s"} · `}cache {CACHE_LABEL[f.cacheStatus] ?? "unknown"}
      </div>
      <div className="font-mono tabular-nums">
        queued {formatDuration(f.queuedMs)}
        {first ? "" : delta(f.queuedMs, base?.queuedMs)}
      </div>
      <div className="font-mono tabular-nums">
        ran {formatDuration(f.runningMs)}
        {first ? "" : delta(f.runningMs, base?.runningMs)}
      </div>
    </div>
  );
}

function ChangeBadges({ row }: { row: NodeComparison }) {
  if (!row.changes.length) return <span className="text-xs text-slate-500">same</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {row.changes.map((c) => {
        const m = MARK_STYLE[MARK_OF[c]];
        return (
          <li key={c} data-testid="node-change" data-change={c} className="rounded px-1 text-[11px] font-medium" style={{ color: m.color, border: `1px ${m.line === "double" ? "double" : m.line} ${m.color}` }}>
            {CHANGE_LABEL[c]}
          </li>
        );
      })}
    </ul>
  );
}

function NodeRow({
  row,
  runs,
  name,
  pathNames,
  selected,
  onSelect,
  detailsAvailable,
  onWantDetails,
}: {
  row: NodeComparison;
  runs: readonly string[];
  name?: string;
  /** The parents' names (or ids), outermost first. */
  pathNames: string[];
  selected: boolean;
  onSelect(nodeId: string): void;
  detailsAvailable: boolean;
  onWantDetails(nodeId: string): void;
}) {
  const [open, setOpen] = useState(false);
  const hasData = row.outputs !== undefined || row.inputs !== undefined;
  return (
    <>
      <tr
        data-testid="compare-node"
        data-node-id={row.nodeId}
        data-changes={row.changes.join(" ")}
        data-path={row.path.join("/")}
        data-depth={row.path.length}
        aria-selected={selected}
        className={`border-t border-slate-100 align-top ${selected ? "bg-indigo-50" : ""}`}
      >
        <th scope="row" className="px-2 py-1.5 text-left font-normal" style={row.path.length ? { paddingLeft: `${0.5 + row.path.length}rem` } : undefined}>
          {row.path.length ? (
            <div data-testid="compare-node-path" className="truncate text-[11px] text-slate-500" title={`inside ${row.path.join(" › ")}`}>
              <span aria-hidden>↳ </span>
              <span className="sr-only">inside </span>
              {pathNames.join(" › ")}
            </div>
          ) : null}
          <button type="button" className="text-left font-mono text-sm text-indigo-700 hover:underline" onClick={() => onSelect(row.nodeId)} title="Show in the graph">
            {row.nodeId}
          </button>
          {name && name !== row.nodeId ? <div className="truncate text-xs text-slate-500">{name}</div> : null}
          <button
            type="button"
            className="mt-0.5 block text-xs text-slate-600 hover:underline"
            aria-expanded={open}
            onClick={() => {
              if (!open && !hasData && !detailsAvailable) onWantDetails(row.nodeId);
              setOpen((o) => !o);
            }}
          >
            {open ? "Hide inputs and result" : "Inputs and result"}
          </button>
        </th>
        {row.facts.map((f, i) => (
          <td key={runs[i]} className="px-2 py-1.5">
            <FactsCell f={f} base={row.facts[0]} first={i === 0} />
          </td>
        ))}
        <td className="px-2 py-1.5">
          <ChangeBadges row={row} />
        </td>
      </tr>
      {open ? (
        <tr data-testid="compare-node-details" data-node-id={row.nodeId}>
          <td colSpan={runs.length + 2} className="bg-slate-50 px-3 py-2">
            {hasData ? (
              <div className="space-y-2">
                <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Result</h4>
                <ValueComparison rows={row.outputs ?? []} runs={runs} label={`${row.nodeId} outputs`} testId="compare-node-outputs" emptyText="No outputs." />
                <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Inputs</h4>
                <ValueComparison rows={row.inputs ?? []} runs={runs} label={`${row.nodeId} inputs`} testId="compare-node-inputs" emptyText="No inputs." />
              </div>
            ) : (
              <p role="status" className="text-sm text-slate-500">
                Loading this node&apos;s inputs, result and attempts in each run (shown once it has ended in every run that ran it)…
              </p>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * Every node, nested ones (shown indented under the path of their parents) included, changed ones first (the one that slowed down most leading), the rest on request.
 * `detailsAvailable`: every node's data was fetched with the page (small runs); otherwise opening a node asks.
 */
export function NodeComparisonTable({
  rows,
  runs,
  nameOf,
  selectedId,
  onSelect,
  detailsAvailable,
  onWantDetails,
}: {
  rows: NodeComparison[];
  runs: readonly string[];
  nameOf(nodeId: string): string | undefined;
  selectedId?: string;
  onSelect(nodeId: string): void;
  detailsAvailable: boolean;
  onWantDetails(nodeId: string): void;
}) {
  const [showSame, setShowSame] = useState(false);
  const changed = rows.filter((r) => r.changes.length > 0);
  const same = rows.length - changed.length;
  const shown = showSame ? rows : changed;
  return (
    <div data-testid="compare-nodes" data-changed={changed.length} data-total={rows.length}>
      <p className="mb-1 text-sm text-slate-600">
        {changed.length === 0 ? `All ${rows.length} nodes ran alike.` : `${changed.length} of ${rows.length} nodes changed, the one that slowed down most first.`}
      </p>
      {shown.length ? (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm" aria-label="Nodes">
            <RunHeaders runs={runs} first="Node" last="Changes" />
            <tbody>
              {shown.map((row) => (
                <NodeRow
                  key={row.nodeId}
                  row={row}
                  runs={runs}
                  name={nameOf(row.nodeId)}
                  pathNames={row.path.map((id) => nameOf(id) ?? id)}
                  selected={row.nodeId === selectedId}
                  onSelect={onSelect}
                  detailsAvailable={detailsAvailable}
                  onWantDetails={onWantDetails}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {same > 0 ? (
        <button type="button" className="mt-1 text-xs text-indigo-700 hover:underline" aria-expanded={showSame} onClick={() => setShowSame((s) => !s)}>
          {showSame ? "Show only changed nodes" : `Show ${same.toLocaleString("en")} node${same === 1 ? "" : "s"} that ran alike`}
        </button>
      ) : null}
    </div>
  );
}
