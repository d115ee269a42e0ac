// How a changed node is marked, in the graph and in the node list: each kind of change by colour and by line
// style (solid, double, dashed, dotted), so it reads without colour too.
import type { NodeChange } from "@/lib/flyte/compare/nodes";

export type MarkKind = "presence" | "phase" | "data" | "runs" | "time";

export const MARK_OF: Record<NodeChange, MarkKind> = {
  added: "presence",
  removed: "presence",
  phase: "phase",
  result: "data",
  inputs: "data",
  attempts: "runs",
  cache: "runs",
  slower: "time",
  faster: "time",
  "queued-longer": "time",
  "queued-shorter": "time",
};

export const MARK_STYLE: Record<MarkKind, { label: string; color: string; line: "solid" | "double" | "dashed" | "dotted"; width: number }> = {
  phase: { label: "Phase changed", color: "var(--color-red-700)", line: "solid", width: 3 },
  data: { label: "Result or inputs changed", color: "var(--color-blue-700)", line: "double", width: 5 },
  runs: { label: "Attempts or cache changed", color: "var(--color-violet-600)", line: "dotted", width: 3 },
  time: { label: "Slower or faster", color: "var(--color-amber-700)", line: "dashed", width: 3 },
  presence: { label: "Only in some runs", color: "var(--color-teal-700)", line: "dashed", width: 2 },
};

export const MARK_ORDER: readonly MarkKind[] = ["phase", "data", "runs", "time", "presence"];
