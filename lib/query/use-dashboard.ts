"use client";

// The dashboard table's executions in the browser. Kept apart from ./dashboard, which the server's
// first-page loader imports and which must not pull React in.
import { skipToken, useInfiniteQuery } from "@connectrpc/connect-query";
import { useMemo } from "react";
import type { ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { firstPageFor, type FirstPage } from "./dashboard";
import { listExecutions } from "./executions";
import { DASHBOARD_REFRESH_MS, refreshFirstPagesWhileVisible } from "./refresh";

/** Refresh only while the top of the list is loaded: refetching a deep scroll would reload every page. */
const LIVE_PAGES = 2;

/**
 * The executions `request` asks for, paged; off without a request. The server's `firstPage` seeds
 * the cache when it answers this very request.
 */
export function useDashboardExecutions(request: ResourceListRequest | undefined, firstPage: FirstPage | undefined) {
  const serverPage = useMemo(() => firstPageFor(firstPage, request), [firstPage, request]);
  return useInfiniteQuery(listExecutions, request ?? skipToken, {
    initialData: serverPage && request ? { pages: [serverPage], pageParams: [request.token] } : undefined,
    initialDataUpdatedAt: firstPage?.fetchedAt,
    pageParamKey: "token",
    getNextPageParam: (last) => last.token || undefined,
    ...refreshFirstPagesWhileVisible(DASHBOARD_REFRESH_MS, LIVE_PAGES),
  });
}
