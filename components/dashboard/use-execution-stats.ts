"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { toAdminFilters, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { chartWindow } from "@/lib/flyte/dashboard/stats";
import { dashboardKeys, fetchExecutionStats, type StatsQuery } from "@/lib/query/dashboard";
import { DASHBOARD_STATS_REFRESH_MS, refreshWhileVisible } from "@/lib/query/refresh";

/** Counts by bucket and phase for the dashboard's chart and tiles (every phase; the chart hides some). */
export function useExecutionStats(project: string, domain: string, filters: DashboardFilters, nowMs: number) {
  const query = useMemo<StatsQuery | undefined>(() => {
    try {
      return {
        project,
        domain,
        filters: toAdminFilters(filters, nowMs, { omitPhase: true, omitTime: true }),
        window: chartWindow(filters, nowMs),
      };
    } catch (err) {
      if (err instanceof FilterSyntaxError) return undefined;
      throw err;
    }
  }, [project, domain, filters, nowMs]);
  const stats = useQuery({
    queryKey: query ? dashboardKeys.stats(query) : ["dashboard", "stats", "invalid"],
    queryFn: ({ signal }) => fetchExecutionStats(query!, signal),
    enabled: query !== undefined,
    ...refreshWhileVisible(DASHBOARD_STATS_REFRESH_MS),
    placeholderData: (prev) => prev,
  });
  return { stats, window: query?.window };
}
