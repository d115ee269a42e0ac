// Times and durations as the console shows them. Pure; no I/O.
import type { Duration, Timestamp } from "@bufbuild/protobuf/wkt";

export function timestampMs(ts: Timestamp | undefined): number | undefined {
  if (!ts) return undefined;
  const ms = Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6);
  return ms > 0 ? ms : undefined;
}

export function durationMs(d: Duration | undefined): number | undefined {
  if (!d) return undefined;
  return Number(d.seconds) * 1000 + Math.round(d.nanos / 1e6);
}

/** "850ms", "12s", "3m 04s", "2h 05m", "3d 4h": short, sortable by eye. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  const s = Math.floor(abs / 1000);
  if (s < 60) return `${sign}${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${sign}${m}m ${String(s % 60).padStart(2, "0")}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${sign}${h}h ${String(m % 60).padStart(2, "0")}m`;
  return `${sign}${Math.floor(h / 24)}d ${h % 24}h`;
}

/** "2026-11-23 12:04:05 UTC": unambiguous and stable across locales (and in tests). */
export function formatTimestampUtc(ms: number | undefined): string {
  if (ms === undefined) return "—";
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** "5 minutes ago", "in 2 hours": for recent times next to the exact one. */
export function formatRelative(ms: number | undefined, nowMs: number): string {
  if (ms === undefined) return "—";
  const diff = ms - nowMs;
  const abs = Math.abs(diff);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
    ["second", 1_000],
  ];
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (abs >= size || unit === "second") return rtf.format(Math.round(diff / size), unit);
  }
  return "now";
}
