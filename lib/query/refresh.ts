// How the polled views (the executions dashboard, an entity's page) stay fresh: on a schedule
// while the tab is visible, never in a hidden tab, and at once when the tab shows again.

/** The dashboard: runs start and change phase by the second, and this is where people watch them. */
export const DASHBOARD_REFRESH_MS = 10_000;

/**
 * The dashboard's counts and chart: a bucketed aggregate over days whose tiles barely move in ten
 * seconds, and whose query costs FlyteAdmin more than the table's one page.
 */
export const DASHBOARD_STATS_REFRESH_MS = 30_000;

/** An entity's page: its runs change seldom there, and the page is read more than watched. */
export const ENTITY_REFRESH_MS = 30_000;

/**
 * Query options that refresh every `intervalMs` while the tab is visible. TanStack Query's focus
 * manager follows document.visibilityState: its timer skips fetches in a hidden tab, and showing
 * the tab again refetches whatever went stale meanwhile.
 */
export function refreshWhileVisible(intervalMs: number) {
  return { refetchInterval: intervalMs, refetchIntervalInBackground: false, refetchOnWindowFocus: true } as const;
}

/**
 * The same for a paged list, only while at most `maxPages` pages are loaded: refreshing reloads
 * every loaded page, and someone deep in the list is reading, not watching.
 */
export function refreshFirstPagesWhileVisible(intervalMs: number, maxPages: number) {
  const watching = (query: { state: { data?: { pages: readonly unknown[] } } }) => (query.state.data?.pages.length ?? 0) <= maxPages;
  return {
    refetchInterval: (query: Parameters<typeof watching>[0]) => (watching(query) ? intervalMs : false),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: watching,
  } as const;
}
