import type { PhaseTone } from "@/lib/flyte/phases";

/** Solid fills per phase tone, for bars and strips (badges use toneClass). */
export const PHASE_FILL: Record<PhaseTone, string> = {
  queued: "bg-phase-queued",
  running: "bg-phase-running",
  succeeded: "bg-phase-succeeded",
  recovered: "bg-phase-recovered",
  failed: "bg-phase-failed",
  retrying: "bg-phase-retrying",
  aborted: "bg-phase-aborted",
  skipped: "bg-phase-skipped",
  unknown: "bg-phase-unknown",
};
