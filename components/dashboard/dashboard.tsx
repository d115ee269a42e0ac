"use client";

import { useMemo } from "react";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { DEFAULT_FILTERS, executionMatches, hasActiveFilters, inexactFilters } from "@/lib/flyte/dashboard/filter-state";
import { uniqueExecutions } from "@/lib/flyte/dashboard/rows";
import { dashboardListRequest, type FirstPage } from "@/lib/query/dashboard";
import { useDashboardExecutions } from "@/lib/query/use-dashboard";
import { useExecutionStats } from "@/lib/query/use-execution-stats";
import { Banner } from "@/components/ui/banner";
import { LastRefreshed } from "@/components/ui/last-refreshed";
import { EmptyState, LoadingRows, QueryError } from "@/components/ui/query-state";
import { ExecutionTable } from "@/components/executions/execution-table";
import { CompareBar, useCompareSelection } from "./compare-selection";
import { DashboardOverview } from "./dashboard-overview";
import { FilterBar } from "./filter-bar";
import { useDashboardFilters } from "./use-dashboard-filters";

const INEXACT_LABEL: Record<string, string> = { workflow: "workflow", launchPlan: "launch plan", version: "version", user: "user" };

function useDashboardRequest(project: string, domain: string) {
  const { filters, setFilters, nowMs } = useDashboardFilters();
  return useMemo(() => {
    try {
      return { filters, setFilters, nowMs, request: dashboardListRequest(project, domain, filters, nowMs), error: undefined };
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) throw err;
      return { filters, setFilters, nowMs, request: undefined, error: err.message };
    }
  }, [project, domain, filters, setFilters, nowMs]);
}

export function Dashboard({ project, domain, firstPage }: { project: string; domain: string; firstPage?: FirstPage }) {
  const { filters, setFilters, nowMs, request, error } = useDashboardRequest(project, domain);
  const executions = useDashboardExecutions(request, firstPage);
  const { stats, window } = useExecutionStats(project, domain, filters, nowMs);
  // Typed filters FlyteAdmin answers with a wider set (or by part, case aside) are narrowed to exact rows here.
  const rows = useMemo(() => {
    const all = uniqueExecutions(executions.data?.pages ?? []);
    const keep = executionMatches(filters);
    return keep ? all.filter(keep) : all;
  }, [executions.data, filters]);
  const inexact = useMemo(() => inexactFilters(filters), [filters]);
  const principals = useMemo(
    () => [...new Set(rows.map((e) => e.spec?.metadata?.principal ?? "").filter(Boolean))].sort(),
    [rows],
  );
  const filtered = hasActiveFilters(filters);
  const selection = useCompareSelection();

  return (
    <div className="space-y-4" data-testid="dashboard">
      {/* Filters first, in reading and tab order: they narrow the counts, the chart and the table below. */}
      <FilterBar project={project} domain={domain} filters={filters} setFilters={setFilters} principals={principals} />
      <DashboardOverview
        stats={stats}
        window={window}
        nowMs={nowMs}
        filters={filters}
        setFilters={setFilters}
        aside={executions.data ? <LastRefreshed at={executions.dataUpdatedAt} /> : null}
      />
      {inexact.length > 0 && !error ? (
        <p className="text-xs text-amber-800" role="note" data-testid="filter-narrowed" data-fields={inexact.join(" ")}>
          FlyteAdmin cannot filter by {inexact.map((k) => INEXACT_LABEL[k] ?? k).join(" and ")} exactly as typed (its filter syntax
          cuts values at “+”, “,” and “;”): the console asks for a wider set and keeps the matching
          rows itself, so a page may hold fewer rows than usual and the counts above may include runs not listed.
        </p>
      ) : null}
      {error ? (
        <Banner tone="error" title="This filter cannot be sent to FlyteAdmin" testId="filter-error">
          {error}
        </Banner>
      ) : executions.isPending ? (
        <LoadingRows label="Loading executions" />
      ) : executions.isError && !executions.data ? (
        <QueryError error={executions.error} retry={() => void executions.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No executions match these filters" testId="executions-empty">
            <button type="button" className="text-indigo-700 hover:underline" onClick={() => setFilters({ ...DEFAULT_FILTERS, sort: filters.sort })}>
              Clear the filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No executions in this domain yet" testId="executions-empty">
            Launch a workflow with <code className="font-mono">pyflyte run --remote</code> and it will show up here.
          </EmptyState>
        )
      ) : (
        <>
          {executions.isError ? <QueryError error={executions.error} retry={() => void executions.fetchNextPage()} /> : null}
          <ExecutionTable
            selection={selection}
            executions={rows}
            hasMore={executions.hasNextPage}
            loadingMore={executions.isFetchingNextPage}
            onLoadMore={() => void executions.fetchNextPage()}
          />
          <CompareBar project={project} domain={domain} picked={selection.picked} rows={rows} onClear={selection.clear} />
          <p className="text-xs text-slate-500" data-testid="rows-loaded" data-count={rows.length}>
            {rows.length.toLocaleString("en")} execution{rows.length === 1 ? "" : "s"} loaded
            {executions.hasNextPage ? " · scroll the table for more" : ""}
          </p>
        </>
      )}
    </div>
  );
}
