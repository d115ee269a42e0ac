// The process's one WatchHub. Next bundles every route (and every server page) on its own, so a
// module-level hub would exist once per bundle: the BFF's WatchExecution route would follow an
// execution in one, and a page's first-paint loader would start a second watch in another, whose
// cursors the BFF's would not know. The process keeps one, here, as it does its metrics (metrics.ts).
import { upstream, type Upstream } from "../upstream";
import { WatchHub, type HubOptions } from "./hub";

export function watchOptions(up: Upstream): HubOptions {
  const c = up.config;
  return {
    intervalMs: c.watchIntervalMs,
    idleIntervalMs: c.watchIdleIntervalMs,
    maxBackoffMs: 15_000,
    overlapMs: c.watchOverlapMs,
    pageSize: 1_000,
    accessRecheckMs: c.watchAccessRecheckMs,
    heartbeatMs: c.watchHeartbeatMs,
    maxLoops: c.watchMaxLoops,
  };
}

const GLOBAL_KEY = "__flyteConsoleWatchHub";
type WithHub = typeof globalThis & { [GLOBAL_KEY]?: WatchHub };

/** The process-wide hub: every WatchExecution stream and every server-rendered execution page share it. */
export function watchHub(): WatchHub {
  const g = globalThis as WithHub;
  if (!g[GLOBAL_KEY]) {
    const up = upstream();
    g[GLOBAL_KEY] = new WatchHub(up, watchOptions(up));
  }
  return g[GLOBAL_KEY];
}
