"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { parseDashboardQuery, stableNow, writeDashboardQuery, type DashboardFilters } from "@/lib/flyte/dashboard/filter-state";
import { withBasePath } from "@/lib/flyte/urls";

export type SetFilters = (next: DashboardFilters, options?: { replace?: boolean }) => void;

/**
 * The dashboard's filters, read from and written to the URL query. A discrete change (a chip, a
 * bar, a menu) is a new history entry, so Back undoes it; typing replaces the entry.
 */
export function useDashboardFilters(): { filters: DashboardFilters; setFilters: SetFilters; nowMs: number } {
  const params = useSearchParams();
  const pathname = usePathname();
  const search = params.toString();
  const filters = useMemo(() => parseDashboardQuery(search), [search]);
  // Relative windows ("last 24 hours") are fixed when the filters change, so the request is stable.
  const [fixed, setFixed] = useState(() => ({ search, nowMs: stableNow(Date.now()) }));
  // eslint-disable-next-line react-hooks/purity -- read once per filter change and kept in state, so every render of one query sees one time
  if (fixed.search !== search) setFixed({ search, nowMs: stableNow(Date.now()) });
  const nowMs = fixed.nowMs; // a stale render is discarded: React re-renders at once with the new state
  const setFilters = useCallback<SetFilters>(
    (next, options) => {
      const qs = writeDashboardQuery(next, search).toString();
      // usePathname leaves the base path out; the browser's history needs the whole path.
      const url = withBasePath(`${pathname}${qs ? `?${qs}` : ""}`);
      // Native history calls update useSearchParams at once, with no server round trip (Next.js
      // integrates them), so a checkbox or a chip reacts instantly.
      if (options?.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname, search],
  );
  return { filters, setFilters, nowMs };
}
