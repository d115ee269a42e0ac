"use client";

import { Link } from "@/components/ui/link";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { comparePath } from "@/lib/flyte/urls";
import { usePreviousRun } from "@/lib/query/compare";

/** "Compare with previous run": this run against the one its launch plan made just before; nothing when there is none. */
export function CompareWithPrevious({ execution }: { execution: Execution }) {
  const previous = usePreviousRun(execution).data;
  const id = execution.id;
  if (!previous || !id) return null;
  return (
    <Link
      href={comparePath(id.project, id.domain, [previous, id.name])}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
      data-testid="compare-with-previous"
      title={`Compare with ${previous}, the previous run of this launch plan`}
    >
      Compare with previous run
    </Link>
  );
}
