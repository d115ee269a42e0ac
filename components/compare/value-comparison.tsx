"use client";

import type { ValueChange, VariableComparison } from "@/lib/flyte/compare/values";
import { LiteralTree } from "@/components/literals/literal-tree";
import { RunHeaders } from "./run-columns";

/** One change, as a person reads it: "list element added at xs[3]: 4". */
function ChangeLine({ c }: { c: ValueChange }) {
  return (
    <li data-testid="value-change" data-path={c.path} data-what={c.what} className="break-words">
      <span className="font-medium">{c.what}</span> at <code className="font-mono">{c.path}</code>
      {c.before !== undefined || c.after !== undefined ? (
        <span className="text-slate-700">
          {": "}
          {c.before !== undefined ? <del className="font-mono text-red-800">{c.before}</del> : null}
          {c.before !== undefined && c.after !== undefined ? " → " : null}
          {c.after !== undefined ? <ins className="font-mono text-green-800 no-underline">{c.after}</ins> : null}
        </span>
      ) : null}
    </li>
  );
}

/**
 * Inputs or outputs of the runs side by side, one row per variable, each value as the literal tree; a run whose
 * value differs from the first run's is marked and says what changed, where.
 */
export function ValueComparison({ rows, runs, label, testId, emptyText }: { rows: VariableComparison[]; runs: readonly string[]; label: string; testId: string; emptyText: string }) {
  if (rows.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid={testId} data-empty="true">
        {emptyText}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} aria-label={label} className="w-full table-fixed text-left text-sm">
        <RunHeaders runs={runs} first="Name" />
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid="compare-value" data-name={row.name} data-differs={row.differs} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-2 py-1.5 font-normal">
                <div className="flex items-center gap-1.5">
                  <span className="break-all font-mono text-slate-900" title={row.description || undefined}>
                    {row.name}
                  </span>
                  {row.differs ? <span className="rounded bg-amber-100 px-1 text-[10px] font-medium uppercase text-amber-900">differs</span> : null}
                </div>
                {row.typeLabel ? <div className="break-words font-mono text-xs text-slate-500">{row.typeLabel}</div> : null}
              </th>
              {row.values.map((v, i) => {
                const changes = row.changes[i];
                return (
                  <td
                    key={runs[i]}
                    data-testid="compare-value-cell"
                    data-run={runs[i]}
                    data-changed={changes.length > 0}
                    className={`min-w-0 px-2 py-1.5 ${changes.length ? "bg-amber-50 ring-1 ring-inset ring-amber-300" : ""}`}
                  >
                    {v ? <LiteralTree node={v} path={row.name} /> : <span className="text-sm italic text-slate-500">absent</span>}
                    {changes.length ? (
                      <ul className="mt-1 space-y-0.5 text-xs text-amber-950" aria-label={`What changed in ${row.name} in ${runs[i]}`}>
                        {changes.map((c, k) => (
                          <ChangeLine key={k} c={c} />
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
