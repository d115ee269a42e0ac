// What an attempt goes through between QUEUED and RUNNING, as FlytePropeller reports a Kubernetes pod:
// sometimes WAITING_FOR_RESOURCES (a namespace quota is used up, or no node has room: the pod is pending),
// then INITIALIZING (the image is pulled and the container created), each with a reason like the ones
// flyteplugins' pod helper (DemystifyPending) reports. Planned per attempt from its seed: deterministic.
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { Resources_ResourceName, type TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import type { TaskBehaviour } from "./behaviour";
import { seededUnit } from "./ids";
import type { ExecutorConfig } from "./types";

export interface PreRunStage {
  phase: TaskExecution_Phase.WAITING_FOR_RESOURCES | TaskExecution_Phase.INITIALIZING | TaskExecution_Phase.RUNNING;
  /** When the attempt enters the phase, in ms after it was queued. */
  offsetMs: number;
  reason: string;
}

/** Share of unconfigured attempts that wait for resources, and of those the share that wait long. */
const WAIT_SHARE = 0.2;
const LONG_WAIT_SHARE = 0.25;
/** Share of the queue time spent QUEUED; the rest is INITIALIZING. */
const QUEUED_SHARE = 0.4;
const DEFAULT_IMAGE = "cr.flyte.org/flyteorg/flytekit:py3.11-1.12.0";

/** How long the attempt waits for resources: `sandbox.waitingMs` if set, else now and then, sometimes for long. */
function waitMs(b: TaskBehaviour, config: ExecutorConfig, queueMs: number, seed: string): number {
  if (b.waitingMs !== undefined) return b.waitingMs;
  if (seededUnit(`${seed}/wait`) >= WAIT_SHARE) return 0;
  const v = seededUnit(`${seed}/wait-ms`);
  if (seededUnit(`${seed}/wait-long`) < LONG_WAIT_SHARE) return Math.round(config.taskDurationMs * (2 + 3 * v));
  return Math.round(Math.max(queueMs, 200) * (1 + 3 * v));
}

function waitReason(template: TaskTemplate | undefined, podName: string, seed: string): string {
  const limits = template?.target.case === "container" ? template.target.value.resources?.limits : undefined;
  const cpu = limits?.find((r) => r.name === Resources_ResourceName.CPU)?.value || "2";
  const memory = limits?.find((r) => r.name === Resources_ResourceName.MEMORY)?.value || "4Gi";
  if (seededUnit(`${seed}/wait-reason`) < 0.5) {
    return (
      `Exceeded resourcequota: pods "${podName}" is forbidden: exceeded quota: project-quota, ` +
      `requested: limits.cpu=${cpu},limits.memory=${memory}, used: limits.cpu=31,limits.memory=62Gi, limited: limits.cpu=32,limits.memory=64Gi`
    );
  }
  return "Unschedulable: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
}

/** The phases after QUEUED up to RUNNING, with when each starts. */
export function preRunStages(
  b: TaskBehaviour,
  template: TaskTemplate | undefined,
  config: ExecutorConfig,
  seed: string,
  podName: string,
): PreRunStage[] {
  const queueMs = b.queueMs ?? config.queueDelayMs;
  const queued = Math.round(queueMs * QUEUED_SHARE);
  const wait = waitMs(b, config, queueMs, seed);
  const image = (template?.target.case === "container" && template.target.value.image) || DEFAULT_IMAGE;
  const stages: PreRunStage[] = [];
  if (wait > 0) stages.push({ phase: TaskExecution_Phase.WAITING_FOR_RESOURCES, offsetMs: queued, reason: waitReason(template, podName, seed) });
  stages.push({ phase: TaskExecution_Phase.INITIALIZING, offsetMs: queued + wait, reason: `[ContainerCreating]: Pulling image "${image}"` });
  stages.push({ phase: TaskExecution_Phase.RUNNING, offsetMs: queueMs + wait, reason: "pod is running" });
  return stages;
}

const ORDER: Partial<Record<TaskExecution_Phase, number>> = {
  [TaskExecution_Phase.QUEUED]: 0,
  [TaskExecution_Phase.WAITING_FOR_RESOURCES]: 1,
  [TaskExecution_Phase.INITIALIZING]: 2,
  [TaskExecution_Phase.RUNNING]: 3,
};

/** The stages still ahead of an attempt that is in `current`. */
export function stagesAfter(stages: readonly PreRunStage[], current: TaskExecution_Phase): PreRunStage[] {
  const rank = ORDER[current] ?? 0;
  return stages.filter((s) => (ORDER[s.phase] ?? 0) > rank);
}
