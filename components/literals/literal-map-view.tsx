"use client";

import { useMemo } from "react";
import type { Variable } from "@/lib/gen/flyteidl/core/interface_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import { literalMapToDisplay } from "@/lib/flyte/literals/display";
import { LiteralTree, type LiteralAccess } from "./literal-tree";

/**
 * An inputs or outputs panel: one row per value with its name, type and the value as a tree.
 * Pass the interface's variables to get declared order, types and descriptions.
 */
export function LiteralMapView({
  literals,
  variables,
  loadOffloaded,
  openBlob,
  emptyText = "No values.",
  label,
}: {
  literals: LiteralMap | undefined;
  variables?: { [name: string]: Variable };
  emptyText?: string;
  /** Accessible name of the table, e.g. "Inputs". */
  label?: string;
} & LiteralAccess) {
  const rows = useMemo(() => literalMapToDisplay(literals, variables), [literals, variables]);
  if (rows.length === 0) {
    return (
      <p data-testid="literal-map" data-empty="true" className="text-sm text-slate-500">
        {emptyText}
      </p>
    );
  }
  return (
    <table data-testid="literal-map" aria-label={label} className="w-full table-fixed text-left text-sm">
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-testid="literal-row" data-name={row.name} className="border-t border-slate-100 align-top first:border-t-0">
            <th scope="row" className="w-1/3 py-1.5 pr-3 font-normal">
              <div className="break-all font-mono text-slate-900" title={row.description || undefined}>
                {row.name}
              </div>
              {row.typeLabel ? (
                <div className="break-words font-mono text-xs text-slate-500" data-testid="literal-type">
                  {row.typeLabel}
                </div>
              ) : null}
            </th>
            <td className="min-w-0 py-1.5">
              <LiteralTree node={row.node} path={row.name} loadOffloaded={loadOffloaded} openBlob={openBlob} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
