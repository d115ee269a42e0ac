// The one phase palette: graph nodes, the large graph's rectangles, charts, run strips, timelines and badges
// all colour a phase tone (lib/flyte/phases) from here. The colours themselves are the --color-phase-* tokens
// in app/globals.css (Okabe–Ito based; their dark twins in app/dark-palette.css); class names are spelled out
// whole so Tailwind finds them.
//
// A fill never tells a phase by colour alone: each tone has a pattern of its own (app/globals.css,
// .phase-pattern-*), as badges and graph nodes have an icon.
import type { PhaseTone } from "@/lib/flyte/phases";

export interface TonePalette {
  /** Pale background, coloured text and ring: badges and graph nodes. */
  badge: string;
  /** Solid fill with the tone's pattern: chart bars, strips, timeline bars, sub-task bars. */
  fill: string;
  /** The colour as `currentColor`: SVG shapes filled with it. */
  text: string;
  /** The tone's pattern over a fill (already in `fill`): for a fill coloured some other way. */
  pattern: string;
}

/** Each tone's pattern over its colour; succeeded, the common case, is plain. */
export type PhasePattern = "solid" | "dots" | "vertical" | "horizontal" | "grid" | "diagonal" | "crosshatch" | "antidiagonal" | "checker" | "sparse-dots" | "wide-diagonal";

export const PHASE_PATTERN: Readonly<Record<PhaseTone, PhasePattern>> = {
  succeeded: "solid",
  recovered: "dots",
  running: "vertical",
  queued: "horizontal",
  waiting: "grid",
  failed: "diagonal",
  timedOut: "crosshatch",
  retrying: "antidiagonal",
  aborted: "checker",
  skipped: "sparse-dots",
  unknown: "wide-diagonal",
};

const tone = (badge: string, fill: string, text: string, pattern: PhasePattern): TonePalette => ({
  badge,
  fill: `${fill} phase-pattern-${pattern}`,
  text,
  pattern: `phase-pattern-${pattern}`,
});

export const PHASE_PALETTE: Readonly<Record<PhaseTone, TonePalette>> = {
  queued: tone("bg-slate-100 text-phase-queued ring-slate-300", "bg-phase-queued", "text-phase-queued", PHASE_PATTERN.queued),
  // The gate banner's amber (components/ui/banner.tsx, "warning").
  waiting: tone("bg-amber-50 text-amber-900 ring-amber-300", "bg-phase-waiting", "text-phase-waiting", PHASE_PATTERN.waiting),
  running: tone("bg-blue-50 text-phase-running ring-blue-300", "bg-phase-running", "text-phase-running", PHASE_PATTERN.running),
  succeeded: tone("bg-emerald-50 text-phase-succeeded ring-emerald-300", "bg-phase-succeeded", "text-phase-succeeded", PHASE_PATTERN.succeeded),
  recovered: tone("bg-cyan-50 text-phase-recovered ring-cyan-300", "bg-phase-recovered", "text-phase-recovered", PHASE_PATTERN.recovered),
  failed: tone("bg-red-50 text-phase-failed ring-red-300", "bg-phase-failed", "text-phase-failed", PHASE_PATTERN.failed),
  timedOut: tone("bg-pink-50 text-phase-timed-out ring-pink-300", "bg-phase-timed-out", "text-phase-timed-out", PHASE_PATTERN.timedOut),
  retrying: tone("bg-orange-50 text-phase-retrying ring-orange-300", "bg-phase-retrying", "text-phase-retrying", PHASE_PATTERN.retrying),
  aborted: tone("bg-slate-100 text-phase-aborted ring-slate-400", "bg-phase-aborted", "text-phase-aborted", PHASE_PATTERN.aborted),
  skipped: tone("bg-slate-50 text-phase-skipped ring-slate-200", "bg-phase-skipped", "text-phase-skipped", PHASE_PATTERN.skipped),
  unknown: tone("bg-slate-100 text-phase-unknown ring-slate-300", "bg-phase-unknown", "text-phase-unknown", PHASE_PATTERN.unknown),
};

export function tonePalette(tone: PhaseTone): TonePalette {
  return PHASE_PALETTE[tone] ?? PHASE_PALETTE.unknown;
}
