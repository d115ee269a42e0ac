"use client";

import { useState } from "react";
import type { SpecRow } from "@/lib/flyte/compare/spec";
import { RunHeaders } from "./run-columns";

/** The spec rows that differ (launch plan, workflow version, images, resources, labels, settings); the rest on request. */
export function SpecComparison({ rows, runs, ready }: { rows: SpecRow[]; runs: readonly string[]; ready: boolean }) {
  const [all, setAll] = useState(false);
  const differing = rows.filter((r) => r.differs);
  const shown = all ? rows : differing;
  const same = rows.length - differing.length;
  return (
    <div data-testid="compare-spec" data-differences={differing.length}>
      {!ready ? (
        <p className="text-sm text-slate-500" role="status">
          Loading the runs&apos; workflows…
        </p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="compare-spec-same">
          Launched the same way: launch plan, workflow version, images, resources and labels are all equal.
        </p>
      ) : (
        <table className="w-full table-fixed text-left text-sm" aria-label="Spec">
          <RunHeaders runs={runs} first="Setting" />
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} data-testid="compare-spec-row" data-key={row.key} data-differs={row.differs} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-2 py-1.5 font-normal">
                  <div className="text-[11px] uppercase tracking-wide text-slate-500">{row.group}</div>
                  <div className="break-all font-mono text-slate-900">{row.label}</div>
                </th>
                {row.values.map((v, i) => (
                  <td key={runs[i]} className={`break-all px-2 py-1.5 font-mono text-xs ${row.differs && i > 0 && v !== row.values[0] ? "bg-amber-50 ring-1 ring-inset ring-amber-300" : ""}`}>
                    {v ?? <span className="italic text-slate-500">none</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ready && same > 0 ? (
        <button type="button" className="mt-1 text-xs text-indigo-700 hover:underline" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? "Show only what differs" : `Show ${same} setting${same === 1 ? "" : "s"} that are the same`}
        </button>
      ) : null}
    </div>
  );
}
