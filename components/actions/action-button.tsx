"use client";

// A button that stays focusable when unavailable (aria-disabled, not disabled), so keyboard and
// screen-reader users can reach it and hear why; the reason is also its tooltip. Button draws it grey.
//
// In the server's HTML it is also aria-disabled until the page hydrates: a click before then has no
// handler and would be lost, and Playwright (ours and users' own scripts) waits for aria-disabled to go
// before clicking. It keeps its usual look meanwhile, so an available action does not flash grey.
import { Link } from "@/components/ui/link";
import { useId, type ReactNode } from "react";
import type { Availability } from "@/lib/flyte/actions/availability";
import { useHydrated } from "@/lib/query/hydrated";
import { Button } from "@/components/ui/button";

const LINK_CLASS =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

function Reason({ id, availability }: { id: string; availability: Availability }) {
  return availability.available ? null : (
    <span id={id} className="sr-only">
      {availability.reason}
    </span>
  );
}

export function ActionButton({
  availability,
  onClick,
  variant = "secondary",
  testId,
  busy = false,
  type = "button",
  className,
  label,
  children,
}: {
  availability: Availability;
  onClick?(): void;
  variant?: "secondary" | "danger" | "primary";
  testId: string;
  busy?: boolean;
  /** "submit" submits its form only while available. */
  type?: "button" | "submit";
  className?: string;
  /** Accessible name when the text alone is ambiguous (one per row of a list). */
  label?: string;
  children: ReactNode;
}) {
  const reasonId = useId();
  const hydrated = useHydrated();
  const off = !availability.available || busy;
  return (
    <>
      <Button
        type={type}
        variant={variant}
        className={className}
        data-testid={testId}
        aria-label={label}
        aria-disabled={off || !hydrated}
        awaitingHydration={!off && !hydrated}
        aria-busy={busy || undefined}
        aria-describedby={availability.available ? undefined : reasonId}
        title={availability.available ? undefined : availability.reason}
        onClick={(e) => {
          if (off) e.preventDefault();
          else onClick?.();
        }}
      >
        {children}
      </Button>
      <Reason id={reasonId} availability={availability} />
    </>
  );
}

/** A navigation action (Relaunch): a link when available, an explained inert button when not. */
export function ActionLink({
  availability,
  href,
  testId,
  className = "",
  label,
  children,
}: {
  availability: Availability;
  href: string;
  testId: string;
  /** Extra classes (a smaller size in lists). */
  className?: string;
  label?: string;
  children: ReactNode;
}) {
  const reasonId = useId();
  if (!availability.available) {
    return (
      <>
        <Button data-testid={testId} className={className} aria-label={label} aria-disabled aria-describedby={reasonId} title={availability.reason}>
          {children}
        </Button>
        <Reason id={reasonId} availability={availability} />
      </>
    );
  }
  return (
    <Link href={href} data-testid={testId} aria-label={label} className={`${LINK_CLASS} ${className}`}>
      {children}
    </Link>
  );
}
