// Counts of executions by time bucket and phase, for the dashboard's chart and its
// running/succeeded/failed tiles. Buckets are UTC hours or days, like every time the console shows.
import { workflowPhase, workflowPhases, type PhaseTone, type WorkflowPhaseName } from "../phases";
import { TIME_PRESETS, type DashboardFilters } from "./filter-state";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** The chart's window when the filters name none. */
export const DEFAULT_CHART_DAYS = 14;
/** A window longer than this is cut to its most recent part: the chart stays readable and cheap. */
export const MAX_CHART_BUCKETS = 90;

export interface ChartWindow {
  fromMs: number;
  toMs: number;
  bucketMs: number;
}

export type PhaseCounts = Partial<Record<WorkflowPhaseName | "UNKNOWN", number>>;

export interface StatsBucket {
  startMs: number;
  counts: PhaseCounts;
}

/** What the dashboard's chart and tiles show (ConsoleService.GetDashboardStats, by phase name). */
export interface ExecutionStats {
  window: ChartWindow;
  buckets: StatsBucket[];
  totals: PhaseCounts;
  /** Executions read to build these counts. */
  scanned: number;
  /** True when the scan stopped at its cap: buckets before `coveredFromMs` are incomplete. */
  truncated: boolean;
  coveredFromMs?: number;
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;
const ceilTo = (ms: number, step: number) => Math.ceil(ms / step) * step;

/**
 * The chart's window for these filters: their time range (ending now when open), else the last
 * 14 UTC days. Hours for a span of two days or less, days otherwise; aligned to whole buckets.
 */
export function chartWindow(filters: DashboardFilters, nowMs: number): ChartWindow {
  let from: number;
  let to = nowMs;
  if (filters.since) from = nowMs - TIME_PRESETS[filters.since].ms;
  else {
    to = filters.to ?? nowMs;
    from = filters.from ?? floorTo(to - 1, DAY_MS) - (DEFAULT_CHART_DAYS - 1) * DAY_MS;
  }
  const bucketMs = to - from <= 2 * DAY_MS ? HOUR_MS : DAY_MS;
  let fromMs = floorTo(from, bucketMs);
  const toMs = Math.max(ceilTo(to, bucketMs), fromMs + bucketMs);
  if ((toMs - fromMs) / bucketMs > MAX_CHART_BUCKETS) fromMs = toMs - MAX_CHART_BUCKETS * bucketMs;
  return { fromMs, toMs, bucketMs };
}

/** Checks a window that came over the wire; returns an error message or undefined. */
export function invalidWindow(w: ChartWindow): string | undefined {
  if (![w.fromMs, w.toMs, w.bucketMs].every(Number.isFinite)) return "from, to and bucket must be numbers";
  if (w.bucketMs !== HOUR_MS && w.bucketMs !== DAY_MS) return "bucket must be an hour or a day";
  if (w.toMs <= w.fromMs) return "to must be after from";
  if ((w.toMs - w.fromMs) / w.bucketMs > MAX_CHART_BUCKETS) return `at most ${MAX_CHART_BUCKETS} buckets`;
  return undefined;
}

/** A phase's name for the chart; a phase number these protos do not know (a newer FlyteAdmin) is UNKNOWN. */
export function phaseKey(phase: number): WorkflowPhaseName | "UNKNOWN" {
  return workflowPhase(phase).name as WorkflowPhaseName | "UNKNOWN";
}

/** Counts by phase number, as they go over the wire (lib/flyte/dashboard/stats-wire.ts). */
export type PhaseNumberCounts = Map<number, number>;

export function namedCounts(byNumber: Iterable<[number, number]>): PhaseCounts {
  const out: PhaseCounts = {};
  for (const [phase, n] of byNumber) out[phaseKey(phase)] = (out[phaseKey(phase)] ?? 0) + n;
  return out;
}

/** What a scan counted, by phase number (kept as FlyteAdmin sent it, for the wire). */
export interface RawStats {
  window: ChartWindow;
  buckets: { startMs: number; counts: PhaseNumberCounts }[];
  totals: PhaseNumberCounts;
  scanned: number;
  truncated: boolean;
  coveredFromMs?: number;
}

/** Accumulates executions (creation time + phase) into the window's buckets. */
export class StatsAccumulator {
  private readonly buckets: { startMs: number; counts: PhaseNumberCounts }[];
  private readonly totals: PhaseNumberCounts = new Map();
  private scanned = 0;
  private oldestMs: number | undefined;

  constructor(readonly window: ChartWindow) {
    const n = Math.round((window.toMs - window.fromMs) / window.bucketMs);
    this.buckets = Array.from({ length: n }, (_, i) => ({ startMs: window.fromMs + i * window.bucketMs, counts: new Map() }));
  }

  add(createdMs: number | undefined, phase: number): void {
    this.scanned++;
    if (createdMs === undefined) return;
    if (this.oldestMs === undefined || createdMs < this.oldestMs) this.oldestMs = createdMs;
    if (createdMs < this.window.fromMs || createdMs >= this.window.toMs) return;
    const bucket = this.buckets[Math.floor((createdMs - this.window.fromMs) / this.window.bucketMs)];
    bucket.counts.set(phase, (bucket.counts.get(phase) ?? 0) + 1);
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + 1);
  }

  raw(truncated: boolean): RawStats {
    return {
      window: this.window,
      buckets: this.buckets,
      totals: this.totals,
      scanned: this.scanned,
      truncated,
      coveredFromMs: truncated ? this.oldestMs : this.window.fromMs,
    };
  }

  result(truncated: boolean): ExecutionStats {
    return namedStats(this.raw(truncated));
  }
}

/** The chart's view of a scan: counts by phase name. */
export function namedStats(raw: RawStats): ExecutionStats {
  return {
    window: raw.window,
    buckets: raw.buckets.map((b) => ({ startMs: b.startMs, counts: namedCounts(b.counts) })),
    totals: namedCounts(raw.totals),
    scanned: raw.scanned,
    truncated: raw.truncated,
    ...(raw.coveredFromMs === undefined ? {} : { coveredFromMs: raw.coveredFromMs }),
  };
}

export type CountGroup = "running" | "succeeded" | "failed" | "aborted";

/** Which phases each count tile stands for (clicking a tile filters the table by them). */
export const COUNT_GROUPS: Record<CountGroup, { label: string; tone: PhaseTone; phases: WorkflowPhaseName[] }> = {
  running: {
    label: "Running",
    tone: "running",
    phases: workflowPhases.filter((p) => !p.isTerminal && p.name !== "UNDEFINED").map((p) => p.name as WorkflowPhaseName),
  },
  succeeded: { label: "Succeeded", tone: "succeeded", phases: ["SUCCEEDED"] },
  failed: { label: "Failed", tone: "failed", phases: ["FAILED", "TIMED_OUT"] },
  aborted: { label: "Aborted", tone: "aborted", phases: ["ABORTED"] },
};

export function groupCounts(totals: PhaseCounts): Record<CountGroup, number> {
  const sum = (names: readonly string[]) => names.reduce((n, p) => n + (totals[p as WorkflowPhaseName] ?? 0), 0);
  return {
    running: sum(COUNT_GROUPS.running.phases),
    succeeded: sum(COUNT_GROUPS.succeeded.phases),
    failed: sum(COUNT_GROUPS.failed.phases),
    aborted: sum(COUNT_GROUPS.aborted.phases),
  };
}

/** True when the filter's phases are exactly a tile's phases. */
export function isGroupSelected(group: CountGroup, phases: readonly string[]): boolean {
  const want = COUNT_GROUPS[group].phases;
  return phases.length === want.length && want.every((p) => phases.includes(p));
}

export interface BarSegment {
  phase: WorkflowPhaseName | "UNKNOWN";
  label: string;
  tone: PhaseTone;
  count: number;
}

export interface Bar {
  startMs: number;
  endMs: number;
  total: number;
  /** Fraction of the tallest bar, 0..1. */
  height: number;
  /** Bottom to top, in lifecycle order of the phase tones. */
  segments: BarSegment[];
  /** The scan did not reach back this far: the bar may be short. */
  incomplete: boolean;
}

const TONE_RANK = new Map<PhaseTone, number>(
  (["succeeded", "recovered", "failed", "timedOut", "retrying", "aborted", "skipped", "running", "waiting", "queued", "unknown"] as PhaseTone[]).map(
    (t, i) => [t, i],
  ),
);

/** Shapes stats into bars; `onlyPhases` (the table's phase filter) hides the other phases. */
export function chartBars(stats: ExecutionStats, onlyPhases: readonly string[] = []): Bar[] {
  const keep = (phase: string) => onlyPhases.length === 0 || onlyPhases.includes(phase);
  const raw = stats.buckets.map((b) => {
    const segments: BarSegment[] = Object.entries(b.counts)
      .filter(([phase, n]) => n && keep(phase))
      .map(([phase, n]) => {
        const info = workflowPhases.find((p) => p.name === phase) ?? workflowPhase(-1);
        return { phase: phase as BarSegment["phase"], label: info.label, tone: info.tone, count: n ?? 0 };
      })
      .sort((a, b) => (TONE_RANK.get(a.tone) ?? 99) - (TONE_RANK.get(b.tone) ?? 99) || a.phase.localeCompare(b.phase));
    const total = segments.reduce((n, s) => n + s.count, 0);
    const endMs = b.startMs + stats.window.bucketMs;
    return { startMs: b.startMs, endMs, total, segments, incomplete: stats.truncated && stats.coveredFromMs !== undefined && b.startMs < stats.coveredFromMs };
  });
  const max = Math.max(1, ...raw.map((b) => b.total));
  return raw.map((b) => ({ ...b, height: b.total / max }));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "May 3" for a day bucket, "14:00" for an hour bucket (UTC). */
export function bucketLabel(startMs: number, bucketMs: number): string {
  const d = new Date(startMs);
  if (bucketMs >= DAY_MS) return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return `${String(d.getUTCHours()).padStart(2, "0")}:00`;
}

/** "May 3" for a day boundary, "May 3 14:00" for an hour boundary (UTC). */
function boundaryLabel(ms: number, bucketMs: number): string {
  return bucketMs >= DAY_MS ? bucketLabel(ms, DAY_MS) : `${bucketLabel(ms, DAY_MS)} ${bucketLabel(ms, HOUR_MS)}`;
}

/**
 * The period the count tiles and the chart cover, in words: the runs started in the window (its whole UTC
 * days or hours), e.g. "in the last 14 days (since Apr 27, UTC)", or "between May 3 00:00 and May 4 00:00 UTC".
 */
export function periodWords(w: ChartWindow, nowMs: number): string {
  const n = Math.round((w.toMs - w.fromMs) / w.bucketMs);
  const day = w.bucketMs >= DAY_MS;
  if (w.toMs < nowMs) return `between ${boundaryLabel(w.fromMs, w.bucketMs)} and ${boundaryLabel(w.toMs, w.bucketMs)} UTC`;
  const since = day ? `since ${bucketLabel(w.fromMs, DAY_MS)}, UTC` : `since ${boundaryLabel(w.fromMs, HOUR_MS)} UTC`;
  if (n === 1) return `${day ? "today" : "this hour"} (${since})`;
  return `in the last ${n} ${day ? "days" : "hours"} (${since})`;
}
