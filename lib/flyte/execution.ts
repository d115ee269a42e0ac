// What an execution row shows, shaped from admin.Execution. Pure.
import { ExecutionMetadata_ExecutionModeSchema, ExecutionState, type Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { ExecutionError_ErrorKind } from "@/lib/gen/flyteidl/core/execution_pb";
import { durationMs, timestampMs } from "./time";

export interface ExecutionSummary {
  project: string;
  domain: string;
  name: string;
  workflowName: string;
  workflowVersion: string;
  launchPlanName: string;
  launchPlanVersion: string;
  phase: number;
  createdMs?: number;
  startedMs?: number;
  /** Final duration when done; undefined while running (the UI ticks from startedMs). */
  durationMs?: number;
  principal: string;
  mode: string;
  archived: boolean;
  error?: { kind: "USER" | "SYSTEM" | "UNKNOWN"; code: string; message: string };
  abortCause?: string;
  tags: string[];
}

/** "MANUAL" → "Manual", "CHILD_WORKFLOW" → "Child workflow"; unknown values by number. */
export function executionModeLabel(mode: number): string {
  const value = ExecutionMetadata_ExecutionModeSchema.values.find((v) => v.number === mode);
  if (!value) return `Mode ${mode}`;
  const words = value.name.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function errorKind(kind: ExecutionError_ErrorKind): "USER" | "SYSTEM" | "UNKNOWN" {
  if (kind === ExecutionError_ErrorKind.USER) return "USER";
  if (kind === ExecutionError_ErrorKind.SYSTEM) return "SYSTEM";
  return "UNKNOWN";
}

export function summarizeExecution(e: Execution): ExecutionSummary {
  const closure = e.closure;
  const result = closure?.outputResult;
  const dur = durationMs(closure?.duration);
  return {
    project: e.id?.project ?? "",
    domain: e.id?.domain ?? "",
    name: e.id?.name ?? "",
    workflowName: closure?.workflowId?.name ?? "",
    workflowVersion: closure?.workflowId?.version ?? "",
    launchPlanName: e.spec?.launchPlan?.name ?? "",
    launchPlanVersion: e.spec?.launchPlan?.version ?? "",
    phase: closure?.phase ?? 0,
    createdMs: timestampMs(closure?.createdAt),
    startedMs: timestampMs(closure?.startedAt),
    durationMs: dur && dur > 0 ? dur : undefined,
    principal: e.spec?.metadata?.principal ?? "",
    mode: executionModeLabel(e.spec?.metadata?.mode ?? 0),
    archived: closure?.stateChangeDetails?.state === ExecutionState.EXECUTION_ARCHIVED,
    error:
      result?.case === "error"
        ? {
            kind: errorKind(result.value.kind),
            message: result.value.message,
            code: result.value.code,
          }
        : undefined,
    abortCause:
      result?.case === "abortMetadata"
        ? result.value.cause
        : result?.case === "abortCause"
          ? result.value
          : undefined,
    tags: e.spec?.tags ?? [],
  };
}
