import {
  NodeExecution_Phase,
  TaskExecution_Phase,
  WorkflowExecution_Phase,
} from "@/lib/gen/flyteidl/core/execution_pb";

/**
 * Colour tokens for phases; the UI maps each to a class (components/ui/phase-palette.ts, the one palette of
 * graph, charts and badges). Deliberately few: a person must tell apart waiting, running, done, failed (final,
 * out of time, or will-retry) and not-run (skipped, aborted by someone) at a glance. "waiting" is no phase of
 * its own: a gate node RUNNING while it waits for a person, a signal or its sleep, amber like its banner.
 */
export type PhaseTone =
  | "unknown"
  | "queued"
  | "waiting"
  | "running"
  | "succeeded"
  | "recovered"
  | "failed"
  | "timedOut"
  | "retrying"
  | "aborted"
  | "skipped";

/** Order for legends and stacked charts: lifecycle first, then the ways a run can end. */
export const tonesInOrder: readonly PhaseTone[] = [
  "queued",
  "waiting",
  "running",
  "succeeded",
  "recovered",
  "failed",
  "timedOut",
  "retrying",
  "aborted",
  "skipped",
  "unknown",
];

/**
 * Icon shapes, so a phase never depends on colour alone. Transitional phases (SUCCEEDING, FAILING,
 * ABORTING) keep the colour of where they are heading and use the spinner: still moving.
 */
export type PhaseIcon =
  | "unknown"
  | "queued"
  | "waiting"
  | "spinner"
  | "check"
  | "cross"
  | "timeout"
  | "retry"
  | "stop"
  | "skip"
  | "recovered";

export type WorkflowPhaseName = keyof typeof WorkflowExecution_Phase;
export type NodePhaseName = keyof typeof NodeExecution_Phase;
export type TaskPhaseName = keyof typeof TaskExecution_Phase;
/** Every proto enum value name of the three phase enums. */
export type PhaseName = WorkflowPhaseName | NodePhaseName | TaskPhaseName;

export interface PhaseInfo {
  /** The numeric enum value as received (also for values this build does not know). */
  readonly value: number;
  /** Proto enum value name, e.g. "SUCCEEDED"; "UNKNOWN" for a value this build does not know. */
  readonly name: PhaseName | "UNKNOWN";
  readonly label: string;
  readonly tone: PhaseTone;
  readonly icon: PhaseIcon;
  readonly isTerminal: boolean;
}

type PhaseStyle = Omit<PhaseInfo, "value" | "name">;

/**
 * The one phase table. Keyed by proto name: a name means the same in every enum that has it, including
 * whether it is terminal (FlyteAdmin's terminal sets: workflow SUCCEEDED/FAILED/ABORTED/TIMED_OUT;
 * node adds SKIPPED/RECOVERED; task SUCCEEDED/FAILED/ABORTED). RETRYABLE_FAILED is terminal for the
 * attempt: the retry is a new task execution with the next retry_attempt.
 */
const PHASES: Record<PhaseName, PhaseStyle> = {
  UNDEFINED: { label: "Unknown", tone: "unknown", icon: "unknown", isTerminal: false },
  QUEUED: { label: "Queued", tone: "queued", icon: "queued", isTerminal: false },
  WAITING_FOR_RESOURCES: {
    label: "Waiting for resources",
    tone: "queued",
    icon: "waiting",
    isTerminal: false,
  },
  INITIALIZING: { label: "Initializing", tone: "queued", icon: "waiting", isTerminal: false },
  RUNNING: { label: "Running", tone: "running", icon: "spinner", isTerminal: false },
  DYNAMIC_RUNNING: { label: "Running", tone: "running", icon: "spinner", isTerminal: false },
  SUCCEEDING: { label: "Succeeding", tone: "succeeded", icon: "spinner", isTerminal: false },
  SUCCEEDED: { label: "Succeeded", tone: "succeeded", icon: "check", isTerminal: true },
  RECOVERED: { label: "Recovered", tone: "recovered", icon: "recovered", isTerminal: true },
  FAILING: { label: "Failing", tone: "failed", icon: "spinner", isTerminal: false },
  FAILED: { label: "Failed", tone: "failed", icon: "cross", isTerminal: true },
  TIMED_OUT: { label: "Timed out", tone: "timedOut", icon: "timeout", isTerminal: true },
  RETRYABLE_FAILED: {
    label: "Retryable failure",
    tone: "retrying",
    icon: "retry",
    isTerminal: true,
  },
  ABORTING: { label: "Aborting", tone: "aborted", icon: "spinner", isTerminal: false },
  ABORTED: { label: "Aborted", tone: "aborted", icon: "stop", isTerminal: true },
  SKIPPED: { label: "Skipped", tone: "skipped", icon: "skip", isTerminal: true },
};

const UNKNOWN_STYLE: PhaseStyle = {
  label: "Unknown",
  tone: "unknown",
  icon: "unknown",
  isTerminal: false,
};

// TypeScript numeric enums carry a reverse mapping (value → name) at runtime.
type NumericEnum = Record<string, string | number>;

function infoFor(enumObject: NumericEnum, value: number): PhaseInfo {
  const name = Number.isInteger(value) ? enumObject[value] : undefined;
  if (typeof name === "string" && Object.hasOwn(PHASES, name)) {
    return { value, name: name as PhaseName, ...PHASES[name as PhaseName] };
  }
  return { value, name: "UNKNOWN", ...UNKNOWN_STYLE };
}

function valueFor(enumObject: NumericEnum, name: string): number | undefined {
  const key = name.trim().toUpperCase().replace(/[\s-]+/g, "_");
  const value = Object.hasOwn(enumObject, key) ? enumObject[key] : undefined;
  return typeof value === "number" ? value : undefined;
}

function allOf(enumObject: NumericEnum): readonly PhaseInfo[] {
  return Object.values(enumObject)
    .filter((v): v is number => typeof v === "number")
    .map((v) => infoFor(enumObject, v));
}

/** Display info for a `flyteidl.core.WorkflowExecution.Phase`; never throws. */
export function workflowPhase(p: number): PhaseInfo {
  return infoFor(WorkflowExecution_Phase, p);
}

/** Display info for a `flyteidl.core.NodeExecution.Phase`; never throws. */
export function nodePhase(p: number): PhaseInfo {
  return infoFor(NodeExecution_Phase, p);
}

/** Display info for a `flyteidl.core.TaskExecution.Phase`; never throws. */
export function taskPhase(p: number): PhaseInfo {
  return infoFor(TaskExecution_Phase, p);
}

/**
 * The enum value for a phase name from a URL filter ("FAILED", "failed", "timed-out"), or undefined
 * when that enum has no such phase.
 */
export function workflowPhaseFromName(name: string): WorkflowExecution_Phase | undefined {
  return valueFor(WorkflowExecution_Phase, name);
}

export function nodePhaseFromName(name: string): NodeExecution_Phase | undefined {
  return valueFor(NodeExecution_Phase, name);
}

export function taskPhaseFromName(name: string): TaskExecution_Phase | undefined {
  return valueFor(TaskExecution_Phase, name);
}

/** Every phase of each enum, in enum order (for filter menus and legends). */
export const workflowPhases: readonly PhaseInfo[] = allOf(WorkflowExecution_Phase);
export const nodePhases: readonly PhaseInfo[] = allOf(NodeExecution_Phase);
export const taskPhases: readonly PhaseInfo[] = allOf(TaskExecution_Phase);
