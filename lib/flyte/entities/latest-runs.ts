// The strip of an entity's latest runs in a list: one mark per run, oldest on the left. Pure.
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { workflowPhase, type PhaseInfo } from "../phases";
import { timestampMs } from "../time";

export interface RunMark {
  name: string;
  project: string;
  domain: string;
  phase: PhaseInfo;
  createdMs?: number;
}

/** How many runs a strip shows. */
export const STRIP_RUNS = 10;

/**
 * Marks for executions listed newest first (as FlyteAdmin returns them): the newest `max`,
 * ordered oldest → newest so the strip reads left to right like a timeline.
 */
export function latestRunMarks(executionsNewestFirst: readonly Execution[], max = STRIP_RUNS): RunMark[] {
  return executionsNewestFirst
    .slice(0, max)
    .map((e) => ({
      name: e.id?.name ?? "",
      project: e.id?.project ?? "",
      domain: e.id?.domain ?? "",
      phase: workflowPhase(e.closure?.phase ?? 0),
      createdMs: timestampMs(e.closure?.createdAt),
    }))
    .reverse();
}
