// Failed executions grouped by error signature (./signature.ts): how often each failure happened, when
// first and last, in which workflows and nodes, and its newest runs. Built on the server from pages of
// ListExecutions, newest first. Pure.
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import { errorHeadline } from "../error-line";
import { timestampMs } from "../time";
import { errorSignature, type ErrorKindName } from "./signature";

/**
 * What counts as a failure: FAILED and TIMED_OUT, the runs that ended without doing their job on their
 * own account. ABORTED is left out: someone (or a newer run of a schedule) stopped it, nothing broke.
 */
export const FAILURE_PHASES = [WorkflowExecution_Phase.FAILED, WorkflowExecution_Phase.TIMED_OUT] as const;

/** Most groups an answer carries (the most frequent); the rest are counted in `omittedGroups`. */
export const MAX_GROUPS = 100;
/** Most example runs a group carries, newest first. */
export const MAX_EXAMPLES = 10;
/** Longest error line an example carries (the whole message is on the run's page). */
const HEADLINE_MAX = 300;

export interface NameCount {
  name: string;
  count: number;
}

export interface FailureExample {
  name: string;
  phase: number;
  workflow: string;
  /** When the run ended (its closure's last update), else when it was created. */
  failedMs: number;
  /** The node the error names, when it names one. */
  nodeId?: string;
  /** The error's line a person reads first ("ValueError: …"), unmasked. */
  headline: string;
}

export interface FailureGroup {
  key: string;
  kind: ErrorKindName;
  code: string;
  exceptionType: string;
  message: string;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  /** Most frequent first. */
  workflows: NameCount[];
  /** Nodes the errors name, most frequent first; empty when no error named one. */
  nodes: NameCount[];
  /** Newest first, at most MAX_EXAMPLES. */
  examples: FailureExample[];
}

export interface FailureGroups {
  /** Most frequent first (then most recent). */
  groups: FailureGroup[];
  /** Failed executions read. */
  scanned: number;
  /** The scan stopped at its cap: failures created before coveredFromMs were not read. */
  truncated: boolean;
  coveredFromMs?: number;
  /** Groups beyond MAX_GROUPS (the least frequent), left out of `groups`. */
  omittedGroups: number;
}

interface Building extends Omit<FailureGroup, "workflows" | "nodes"> {
  workflows: Map<string, number>;
  nodes: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const ranked = (m: Map<string, number>): NameCount[] =>
  [...m].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

export function failureHeadline(message: string): string {
  const line = errorHeadline(message).line;
  return line.length > HEADLINE_MAX ? `${line.slice(0, HEADLINE_MAX - 1)}…` : line;
}

export class FailureGroupAccumulator {
  private readonly groups = new Map<string, Building>();
  private scanned = 0;
  private oldestCreatedMs: number | undefined;

  add(e: Execution): void {
    this.scanned++;
    const closure = e.closure;
    const createdMs = timestampMs(closure?.createdAt);
    if (createdMs !== undefined && (this.oldestCreatedMs === undefined || createdMs < this.oldestCreatedMs)) this.oldestCreatedMs = createdMs;
    const failedMs = timestampMs(closure?.updatedAt) ?? createdMs ?? 0;
    const error = closure?.outputResult.case === "error" ? closure.outputResult.value : undefined;
    const name = e.id?.name ?? "";
    const sig = errorSignature(error, name);
    const workflow = closure?.workflowId?.name ?? e.spec?.launchPlan?.name ?? "";
    let g = this.groups.get(sig.key);
    if (!g) {
      g = {
        key: sig.key,
        kind: sig.kind,
        code: sig.code,
        exceptionType: sig.exceptionType,
        message: sig.message,
        count: 0,
        firstSeenMs: failedMs,
        lastSeenMs: failedMs,
        workflows: new Map(),
        nodes: new Map(),
        examples: [],
      };
      this.groups.set(sig.key, g);
    }
    g.count++;
    g.firstSeenMs = Math.min(g.firstSeenMs, failedMs);
    g.lastSeenMs = Math.max(g.lastSeenMs, failedMs);
    if (workflow) bump(g.workflows, workflow);
    if (sig.nodeId) bump(g.nodes, sig.nodeId);
    const example: FailureExample = {
      name,
      phase: closure?.phase ?? 0,
      workflow,
      failedMs,
      ...(sig.nodeId ? { nodeId: sig.nodeId } : {}),
      headline: failureHeadline(error?.message ?? ""),
    };
    const at = g.examples.findIndex((x) => x.failedMs < failedMs);
    if (at >= 0) g.examples.splice(at, 0, example);
    else if (g.examples.length < MAX_EXAMPLES) g.examples.push(example);
    if (g.examples.length > MAX_EXAMPLES) g.examples.pop();
  }

  /** The groups, most frequent first; `truncated` when the scan stopped before the end of the list. */
  result(truncated: boolean, windowStartMs?: number): FailureGroups {
    const all = [...this.groups.values()]
      .sort((a, b) => b.count - a.count || b.lastSeenMs - a.lastSeenMs || a.key.localeCompare(b.key))
      .map((g) => ({ ...g, workflows: ranked(g.workflows), nodes: ranked(g.nodes) }));
    const coveredFromMs = truncated ? this.oldestCreatedMs : windowStartMs;
    return {
      groups: all.slice(0, MAX_GROUPS),
      scanned: this.scanned,
      truncated,
      ...(coveredFromMs === undefined ? {} : { coveredFromMs }),
      omittedGroups: Math.max(0, all.length - MAX_GROUPS),
    };
  }
}
