// The one phase palette: graph nodes, the large graph's rectangles, charts, run strips, timelines and badges
// all colour a phase tone (lib/flyte/phases) from here. The colours themselves are the --color-phase-* tokens
// in app/globals.css; class names are spelled out whole so Tailwind finds them.
import type { PhaseTone } from "@/lib/flyte/phases";

export interface TonePalette {
  /** Pale background, coloured text and ring: badges and graph nodes. */
  badge: string;
  /** Solid fill: chart bars, strips, timeline bars, sub-task bars. */
  fill: string;
  /** The colour as `currentColor`: SVG shapes filled with it. */
  text: string;
}

export const PHASE_PALETTE: Readonly<Record<PhaseTone, TonePalette>> = {
  queued: { badge: "bg-slate-100 text-phase-queued ring-slate-300", fill: "bg-phase-queued", text: "text-phase-queued" },
  // The gate banner's amber (components/ui/banner.tsx, "warning").
  waiting: { badge: "bg-amber-50 text-amber-900 ring-amber-300", fill: "bg-phase-waiting", text: "text-phase-waiting" },
  running: { badge: "bg-blue-50 text-phase-running ring-blue-300", fill: "bg-phase-running", text: "text-phase-running" },
  succeeded: { badge: "bg-green-50 text-phase-succeeded ring-green-300", fill: "bg-phase-succeeded", text: "text-phase-succeeded" },
  recovered: { badge: "bg-teal-50 text-phase-recovered ring-teal-300", fill: "bg-phase-recovered", text: "text-phase-recovered" },
  failed: { badge: "bg-red-50 text-phase-failed ring-red-300", fill: "bg-phase-failed", text: "text-phase-failed" },
  timedOut: { badge: "bg-pink-50 text-phase-timed-out ring-pink-300", fill: "bg-phase-timed-out", text: "text-phase-timed-out" },
  retrying: { badge: "bg-orange-50 text-phase-retrying ring-orange-300", fill: "bg-phase-retrying", text: "text-phase-retrying" },
  aborted: { badge: "bg-violet-50 text-phase-aborted ring-violet-300", fill: "bg-phase-aborted", text: "text-phase-aborted" },
  skipped: { badge: "bg-slate-50 text-phase-skipped ring-slate-200", fill: "bg-phase-skipped", text: "text-phase-skipped" },
  unknown: { badge: "bg-slate-100 text-phase-unknown ring-slate-300", fill: "bg-phase-unknown", text: "text-phase-unknown" },
};

export function tonePalette(tone: PhaseTone): TonePalette {
  return PHASE_PALETTE[tone] ?? PHASE_PALETTE.unknown;
}
