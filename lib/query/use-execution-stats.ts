"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { useMemo } from "react";
import { FilterSyntaxError } from "@/lib/flyte/filters";
import { toAdminFilters, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { chartWindow } from "@/lib/flyte/dashboard/stats";
import { statsFromWire } from "@/lib/flyte/dashboard/stats-wire";
import { dashboardStatsRequest, getDashboardStats, type StatsQuery } from "./dashboard";
import { DASHBOARD_STATS_REFRESH_MS, refreshWhileVisible } from "./refresh";

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
  const stats = useQuery(getDashboardStats, query ? dashboardStatsRequest(query) : skipToken, {
    select: statsFromWire,
    ...refreshWhileVisible(DASHBOARD_STATS_REFRESH_MS),
    placeholderData: keepPreviousData,
  });
  return { stats, window: query?.window };
}
