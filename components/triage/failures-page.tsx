"use client";

import { useMemo } from "react";
import { DEFAULT_FILTERS, hasActiveFilters, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { formatTimestampUtc } from "@/lib/flyte/time";
import { useFailureGroups } from "@/lib/query/failures";
import { FilterBar } from "@/components/dashboard/filter-bar";
import { useDashboardFilters, type SetFilters } from "@/components/dashboard/use-dashboard-filters";
import { ProjectNav } from "@/components/projects/project-nav";
import { Banner } from "@/components/ui/banner";
import { LastRefreshed } from "@/components/ui/last-refreshed";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { FailureGroupCard } from "./failure-group";

const NO_PRINCIPALS: readonly string[] = [];

/** The dashboard's filters without what this view fixes or does not use: phases, duration and sort. */
function failureFilters(f: DashboardFilters): DashboardFilters {
  return { ...f, phases: [], minDurationMs: undefined, maxDurationMs: undefined, sort: DEFAULT_FILTERS.sort };
}

/** Failure triage: a project domain's failed runs grouped by error signature, with the dashboard's filters. */
export function FailuresPage({ project, domain }: { project: string; domain: string }) {
  const { filters: raw, setFilters: setRaw, nowMs } = useDashboardFilters();
  const filters = useMemo(() => failureFilters(raw), [raw]);
  const setFilters: SetFilters = (next, options) => setRaw(failureFilters(next), options);
  const { groups, filterError } = useFailureGroups(project, domain, filters, nowMs);
  const data = groups.data;
  const failures = data?.groups.reduce((n, g) => n + g.count, 0) ?? 0;

  return (
    <section data-testid="failures" className="space-y-4">
      <ProjectNav project={project} domain={domain} section="failures" />
      <FilterBar project={project} domain={domain} filters={filters} setFilters={setFilters} principals={NO_PRINCIPALS} scope="failures" />
      {filterError ? (
        <Banner tone="error" title="This filter cannot be sent to FlyteAdmin" testId="filter-error">
          {filterError}
        </Banner>
      ) : groups.isPending ? (
        <LoadingRows label="Grouping failed runs" />
      ) : groups.isError && !data ? (
        <QueryError error={groups.error} retry={() => void groups.refetch()} />
      ) : data ? (
        <>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p
              className="text-sm text-slate-700"
              data-testid="failures-summary"
              data-groups={data.groups.length}
              data-failures={failures}
              data-truncated={data.truncated ? "true" : undefined}
            >
              {failures.toLocaleString("en")} failed run{failures === 1 ? "" : "s"} in {data.groups.length.toLocaleString("en")} group
              {data.groups.length === 1 ? "" : "s"}
              {data.omittedGroups ? `, and ${data.omittedGroups.toLocaleString("en")} rarer groups not shown` : ""}.{" "}
              <span className="text-slate-500">Failed and timed-out runs count; aborted runs were stopped, not broken.</span>
            </p>
            <LastRefreshed at={groups.dataUpdatedAt} />
          </div>
          {data.truncated ? (
            <p className="text-xs text-amber-800" role="note" data-testid="failures-truncated">
              Only the newest {data.scanned.toLocaleString("en")} failed runs were read (back to {formatTimestampUtc(data.coveredFromMs)}): narrow the
              time range for older ones.
            </p>
          ) : null}
          {groups.isError ? <QueryError error={groups.error} retry={() => void groups.refetch()} /> : null}
          {data.groups.length === 0 ? (
            <EmptyState title={hasActiveFilters(filters) ? "No failed runs match these filters" : "No failed runs in this domain"} testId="failures-empty" />
          ) : (
            <ol className="space-y-3" data-testid="failure-groups" aria-label="Failures by error">
              {data.groups.map((g) => (
                <FailureGroupCard
                  key={g.key}
                  group={g}
                  project={project}
                  domain={domain}
                  nowMs={nowMs}
                  onPickWorkflow={(workflow) => setFilters({ ...filters, workflow, exactName: true })}
                />
              ))}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
