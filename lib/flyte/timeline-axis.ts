// The timeline's time axis and zoom: where ticks fall and what they say (in the viewer's zone or UTC), and how
// a zoom keeps the time under the pointer in place. Pure.

export type TimeZoneChoice = "local" | "utc";

export interface AxisTick {
  ms: number;
  label: string;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Tick spacings a person reads easily, smallest first. */
const STEPS = [
  10, 20, 50, 100, 200, 500,
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
];

/** The smallest readable spacing that puts at most `maxTicks` ticks on `spanMs`. */
export function tickStep(spanMs: number, maxTicks: number): number {
  const wanted = spanMs / Math.max(1, maxTicks);
  return STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / (30 * DAY)) * 30 * DAY;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallParts(ms: number, timeZone: string | undefined): Record<string, number> {
  const key = timeZone ?? "";
  let f = partsFormat.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormat.set(key, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at `ms` (e.g. +5:30 for India), in ms. */
export function zoneOffsetMs(ms: number, timeZone: string | undefined): number {
  const p = wallParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - (((ms % SECOND) + SECOND) % SECOND));
}

/** The IANA zone a choice stands for: `undefined` is the browser's own. */
export function zoneOf(choice: TimeZoneChoice): string | undefined {
  return choice === "utc" ? "UTC" : undefined;
}

function labelFormat(stepMs: number, withDate: boolean, timeZone: string | undefined): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    ...(withDate || stepMs >= DAY ? { month: "short", day: "numeric" } : {}),
    ...(stepMs < DAY ? { hour: "2-digit", minute: "2-digit" } : {}),
    ...(stepMs < MINUTE ? { second: "2-digit" } : {}),
    ...(stepMs < SECOND ? { fractionalSecondDigits: 3 } : {}),
  } as Intl.DateTimeFormatOptions);
}

/**
 * Ticks between `startMs` and `endMs`, at most `maxTicks`, on round wall-clock times of the zone (every 15
 * minutes means :00, :15, … there, also in a zone half an hour off UTC). The first tick and any tick on a new
 * day also name the date.
 */
export function axisTicks(startMs: number, endMs: number, maxTicks: number, timeZone: string | undefined): AxisTick[] {
  if (!(endMs > startMs)) return [];
  const step = tickStep(endMs - startMs, maxTicks);
  const dayFormat = labelFormat(step, true, timeZone);
  const timeFormat = labelFormat(step, false, timeZone);
  const ticks: AxisTick[] = [];
  let offset = zoneOffsetMs(startMs, timeZone);
  let previousDay: string | undefined;
  // Round in the zone's wall-clock time; weeks and months of days fall on whole days only.
  for (let wall = Math.ceil((startMs + offset) / step) * step; ; wall += step) {
    let ms = wall - offset;
    const actual = zoneOffsetMs(ms, timeZone);
    if (actual !== offset) {
      // A daylight-saving change inside the span: keep the tick on its wall-clock time.
      ms = wall - actual;
      offset = actual;
    }
    if (ms > endMs || ticks.length > maxTicks * 2) break;
    // A wall-clock time the change skipped (02:30 when clocks jump from 02:00 to 03:00) has no tick.
    if (ms < startMs || ms <= (ticks.at(-1)?.ms ?? -Infinity)) continue;
    const p = wallParts(ms, timeZone);
    const day = `${p.year}-${p.month}-${p.day}`;
    ticks.push({ ms, label: (previousDay === undefined || day !== previousDay ? dayFormat : timeFormat).format(ms) });
    previousDay = day;
  }
  return ticks;
}

/** What the axis says its labels are in: "UTC", or the browser's zone as "GMT+5:30". */
export function zoneCaption(atMs: number, timeZone: string | undefined): string {
  if (timeZone === "UTC") return "UTC";
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" })
    .formatToParts(atMs)
    .find((p) => p.type === "timeZoneName")?.value;
  return `local time${name ? ` (${name})` : ""}`;
}

export const MIN_ZOOM = 1;
/** Zoomed in no further than a second across the chart, nor wider than browsers lay out. */
export function maxZoom(spanMs: number): number {
  return Math.min(1_000, Math.max(MIN_ZOOM, spanMs / SECOND));
}

export function clampZoom(zoom: number, spanMs: number): number {
  if (!Number.isFinite(zoom)) return MIN_ZOOM;
  return Math.min(maxZoom(spanMs), Math.max(MIN_ZOOM, zoom));
}

/** How much one wheel event zooms: about ×2 for a notch of a mouse wheel, smooth on a touchpad. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-px * 0.007);
}

/**
 * The horizontal scroll after zooming from `zoom` to `nextZoom` that keeps the time at `anchorX` (pixels from
 * the left of the chart's visible part) under it: the chart is `baseWidth × zoom` pixels wide.
 */
export function anchoredScroll(
  scrollLeft: number,
  anchorX: number,
  zoom: number,
  nextZoom: number,
  baseWidth: number,
): number {
  const chartX = scrollLeft + anchorX;
  const next = (chartX * nextZoom) / zoom - anchorX;
  const max = Math.max(0, baseWidth * nextZoom - baseWidth);
  return Math.min(max, Math.max(0, next));
}

/** The span of time the chart's visible part shows. */
export function visibleWindow(
  range: { startMs: number; endMs: number },
  scrollLeft: number,
  zoom: number,
  baseWidth: number,
): { startMs: number; endMs: number } {
  const span = range.endMs - range.startMs;
  const width = baseWidth * zoom;
  if (!(width > 0)) return range;
  const startMs = range.startMs + (scrollLeft / width) * span;
  return { startMs, endMs: Math.min(range.endMs, startMs + span / zoom) };
}
