// A phase shown as icon + label + colour, never colour alone. The tone and icon come
// from lib/flyte/phases, the colours from phase-palette.ts.

import type { ReactNode } from "react";
import type { PhaseIcon as PhaseIconName, PhaseInfo, PhaseTone } from "@/lib/flyte/phases";
import { tonePalette } from "./phase-palette";

/** Badge colours of a tone (phase-palette.ts). */
export function toneClass(tone: PhaseTone): string {
  return tonePalette(tone).badge;
}

const PATHS: Record<PhaseIconName, ReactNode> = {
  check: <path d="M3.5 8.5 6.5 11.5 12.5 4.5" strokeLinecap="round" strokeLinejoin="round" />,
  cross: <path d="M4 4l8 8M12 4l-8 8" strokeLinecap="round" />,
  spinner: <path d="M8 2a6 6 0 1 1-6 6" strokeLinecap="round" />,
  queued: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 5v3l2 1.5" strokeLinecap="round" />
    </>
  ),
  waiting: <path d="M6 4v8M10 4v8" strokeLinecap="round" />,
  stop: <rect x="4" y="4" width="8" height="8" rx="1" />,
  skip: <path d="M4 4l5 4-5 4M11 4v8" strokeLinecap="round" strokeLinejoin="round" />,
  timeout: <path d="M5 2.5h6M5 13.5h6M5.5 2.5c0 3 5 3 5 5.5s-5 2.5-5 5.5M10.5 2.5c0 3-5 3-5 5.5s5 2.5 5 5.5" />,
  retry: <path d="M3 8a5 5 0 1 0 1.5-3.5M3 3v2.5h2.5" strokeLinecap="round" strokeLinejoin="round" />,
  recovered: (
    <>
      <path d="M2.5 8a5.5 5.5 0 1 0 11 0" strokeLinecap="round" />
      <path d="M5.5 8.5 7.5 10.5 10.5 6.5" strokeLinecap="round" strokeLinejoin="round" />
    </>
  ),
  unknown: <path d="M6 6a2 2 0 1 1 2.5 2c-.4.2-.5.5-.5 1M8 11.5v.01" strokeLinecap="round" />,
};

export function PhaseIcon({ icon, className = "h-3.5 w-3.5" }: { icon: PhaseIconName; className?: string }) {
  return (
    <svg
      className={icon === "spinner" ? `${className} animate-spin` : className}
      viewBox="0 0 16 16"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
    >
      {PATHS[icon] ?? PATHS.unknown}
    </svg>
  );
}

export function PhaseBadge({ phase, testId }: { phase: PhaseInfo; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-phase={phase.name}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${toneClass(phase.tone)}`}
    >
      <PhaseIcon icon={phase.icon} />
      {phase.label}
    </span>
  );
}
