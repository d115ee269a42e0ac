"use client";

// Whether the timeline labels times in the viewer's zone or in UTC: a per-browser preference (someone who
// reads UTC reads it on every run). Before hydration it is "local", as on the server.
import type { TimeZoneChoice } from "@/lib/flyte/timeline-axis";
import { useStoredChoice } from "@/components/ui/use-stored-choice";

const CHOICES: readonly TimeZoneChoice[] = ["local", "utc"];

export function useTimeZoneChoice(): [TimeZoneChoice, (choice: TimeZoneChoice) => void] {
  return useStoredChoice("flyteconsole.timeline.timeZone", CHOICES, "local");
}
