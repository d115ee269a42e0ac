"use client";

// The phases of an entity's latest runs as a row of small marks, each linking to its run.
import { Link } from "@/components/ui/link";
import { useMemo } from "react";
import { entityExecutionMatches, entityExecutionsExact } from "@/lib/flyte/entities/entity-filters";
import { latestRunMarks, STRIP_RUNS } from "@/lib/flyte/entities/latest-runs";
import type { EntityKind } from "@/lib/flyte/ids";
import { formatTimestampUtc } from "@/lib/flyte/time";
import { executionPath } from "@/lib/flyte/urls";
import { useLatestRuns } from "@/lib/query/use-entity";
import { tonePalette } from "@/components/ui/phase-palette";

export function RunStrip({ kind, project, domain, name, enabled = true }: { kind: EntityKind; project: string; domain: string; name: string; enabled?: boolean }) {
  const runs = useLatestRuns(kind, project, domain, name, STRIP_RUNS, enabled);
  const exact = entityExecutionsExact(kind, name);
  const marks = useMemo(() => {
    const all = runs.data?.executions ?? [];
    return latestRunMarks(exact ? all : all.filter(entityExecutionMatches(kind, name)));
  }, [runs.data, exact, kind, name]);
  if (!enabled || runs.isPending) {
    return <span className="inline-block h-4 w-32 animate-pulse rounded bg-slate-100" aria-hidden data-testid="run-strip-loading" />;
  }
  if (runs.isError) return <span className="text-xs text-slate-500" title={runs.error.message}>runs unavailable</span>;
  if (marks.length === 0) return <span className="text-xs text-slate-500" data-testid="run-strip" data-count={0}>no runs yet</span>;
  return (
    <ol className="flex items-center gap-[3px]" aria-label={`Latest ${marks.length} runs, oldest first`} data-testid="run-strip" data-count={marks.length}>
      {marks.map((m) => (
        <li key={m.name}>
          <Link
            prefetch={false}
            href={executionPath(m)}
            data-phase={m.phase.name}
            data-execution-name={m.name}
            title={`${m.name} · ${m.phase.label} · ${formatTimestampUtc(m.createdMs)}`}
            aria-label={`${m.name}: ${m.phase.label}`}
            className={`block h-4 w-2.5 rounded-[2px] ${tonePalette(m.phase.tone).fill} hover:ring-2 hover:ring-slate-400 hover:ring-offset-1`}
          />
        </li>
      ))}
    </ol>
  );
}
