"use client";

// Whether the graph shows its minimap: a per-browser preference (someone who hides it once does not want it
// back on every run). Before hydration it is shown, as on the server.
import { useCallback } from "react";
import { useStoredChoice } from "@/components/ui/use-stored-choice";

const CHOICES = ["shown", "hidden"] as const;

export function useMinimapShown(): [boolean, (shown: boolean) => void] {
  const [choice, setChoice] = useStoredChoice("flyteconsole.graph.minimap", CHOICES, "shown");
  const set = useCallback((shown: boolean) => setChoice(shown ? "shown" : "hidden"), [setChoice]);
  return [choice === "shown", set];
}
