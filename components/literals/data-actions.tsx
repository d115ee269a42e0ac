"use client";

import { CopyButton } from "./copy-button";

export interface DataUriRow {
  label: string;
  value: string;
  /** The copy button's accessible name. */
  copy: string;
}

/** Copy actions for a node's or an execution's data: URIs, each with its copy button, then whole-value buttons (JSON, a FlyteRemote snippet). */
export function DataActions({ testId, rows, buttons }: { testId: string; rows: DataUriRow[]; buttons: { label: string; text: () => string }[] }) {
  return (
    <div data-testid={testId} className="space-y-1 rounded border border-slate-200 bg-white p-2 text-xs">
      {rows.length ? (
        <dl className="grid grid-cols-[max-content_1fr_max-content] items-baseline gap-x-2 gap-y-1">
          {rows.map((r) => (
            <div key={r.label} className="contents">
              <dt className="text-slate-500">{r.label}</dt>
              <dd className="min-w-0 break-all font-mono text-slate-800" data-testid="data-uri">
                {r.value}
              </dd>
              <dd>
                <CopyButton text={() => r.value} label={r.copy} />
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {buttons.length ? (
        <div className="flex flex-wrap gap-1">
          {buttons.map((b) => (
            <CopyButton key={b.label} text={b.text} label={b.label} caption={b.label} className="border border-slate-300 bg-white text-indigo-700" />
          ))}
        </div>
      ) : null}
    </div>
  );
}
