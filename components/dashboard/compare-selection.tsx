"use client";

import { Link } from "@/components/ui/link";
import { useCallback, useMemo, useState } from "react";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { compareOrder, MAX_COMPARED } from "@/lib/flyte/compare/runs";
import { comparePath } from "@/lib/flyte/urls";
import type { RowSelection } from "@/components/executions/execution-table";

/** Rows picked in the executions table, to compare; up to MAX_COMPARED. */
export function useCompareSelection(): RowSelection & { picked: string[]; clear(): void } {
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = useCallback((name: string) => setPicked((p) => (p.includes(name) ? p.filter((x) => x !== name) : p.length < MAX_COMPARED ? [...p, name] : p)), []);
  const selected = useMemo(() => new Set(picked), [picked]);
  return { picked, selected, toggle, full: picked.length >= MAX_COMPARED, clear: useCallback(() => setPicked([]), []) };
}

/** "2 selected · Compare · Clear": shown once a row is picked. */
export function CompareBar({ project, domain, picked, rows, onClear }: { project: string; domain: string; picked: string[]; rows: readonly Execution[]; onClear(): void }) {
  if (picked.length === 0) return null;
  const runs = compareOrder(picked, rows);
  return (
    <div className="sticky bottom-3 z-20 flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm shadow-md" data-testid="compare-bar" role="region" aria-label="Selected runs">
      <span className="text-slate-800">
        {picked.length} selected{picked.length < 2 ? ": pick another run to compare" : ""}
        {picked.length >= MAX_COMPARED ? ` (at most ${MAX_COMPARED})` : ""}
      </span>
      {picked.length >= 2 ? (
        <Link href={comparePath(project, domain, runs)} className="rounded bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-700" data-testid="compare-selected">
          Compare
        </Link>
      ) : null}
      <button type="button" className="text-indigo-700 hover:underline" onClick={onClear}>
        Clear
      </button>
    </div>
  );
}
