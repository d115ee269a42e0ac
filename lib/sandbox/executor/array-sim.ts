// The timeline of an array (map) task's sub-tasks: each index runs its attempts back to back in one of
// `parallelism` slots, taken in index order. Pure: the same plan gives the same timeline, and the state
// at any elapsed time is read off it, so nothing about sub-tasks needs storing between rounds.
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";

export interface ArrayPlan {
  size: number;
  /** 0: all at once. */
  parallelism: number;
  /** Retries per sub-task. */
  retries: number;
  queueMs: number;
  runMs(index: number, attempt: number): number;
  fails(index: number, attempt: number): boolean;
}

interface SubAttempt {
  attempt: number;
  start: number;
  runStart: number;
  end: number;
  ok: boolean;
}

export interface SubTaskState {
  index: number;
  retryAttempt: number;
  phase: TaskExecution_Phase;
  /** Whether this sub-task attempt has started (it has logs). */
  started: boolean;
}

export interface ArrayState {
  subTasks: SubTaskState[];
  done: boolean;
  succeeded: number;
  failed: number;
  /** Elapsed ms at which the last sub-task ended. */
  finishedAt: number;
  /** Counts every sub-task phase change so far: a monotonic phase version for RUNNING updates. */
  version: number;
}

function schedule(plan: ArrayPlan): SubAttempt[][] {
  const slots = Array<number>(Math.max(1, plan.parallelism > 0 ? Math.min(plan.parallelism, plan.size) : plan.size)).fill(0);
  const timeline: SubAttempt[][] = [];
  for (let index = 0; index < plan.size; index++) {
    let slot = 0;
    for (let s = 1; s < slots.length; s++) if (slots[s] < slots[slot]) slot = s;
    let start = slots[slot];
    const attempts: SubAttempt[] = [];
    for (let attempt = 0; ; attempt++) {
      const runStart = start + plan.queueMs;
      const end = runStart + plan.runMs(index, attempt);
      const ok = !plan.fails(index, attempt);
      attempts.push({ attempt, start, runStart, end, ok });
      if (ok || attempt >= plan.retries) break;
      start = end;
    }
    slots[slot] = attempts[attempts.length - 1].end;
    timeline.push(attempts);
  }
  return timeline;
}

export function simulateArray(plan: ArrayPlan, elapsedMs: number): ArrayState {
  const timeline = schedule(plan);
  let version = 0;
  let succeeded = 0;
  let failed = 0;
  let finishedAt = 0;
  const subTasks = timeline.map((attempts, index): SubTaskState => {
    const last = attempts[attempts.length - 1];
    finishedAt = Math.max(finishedAt, last.end);
    for (const a of attempts) version += (a.runStart <= elapsedMs ? 1 : 0) + (a.end <= elapsedMs ? 1 : 0);
    if (last.end <= elapsedMs) {
      if (last.ok) succeeded++;
      else failed++;
      return {
        index,
        retryAttempt: last.attempt,
        phase: last.ok ? TaskExecution_Phase.SUCCEEDED : TaskExecution_Phase.FAILED,
        started: true,
      };
    }
    const current = [...attempts].reverse().find((a) => a.start <= elapsedMs) ?? attempts[0];
    const running = current.runStart <= elapsedMs && current.start <= elapsedMs;
    return {
      index,
      retryAttempt: current.attempt,
      phase: running ? TaskExecution_Phase.RUNNING : TaskExecution_Phase.QUEUED,
      started: running,
    };
  });
  return { subTasks, done: succeeded + failed === plan.size, succeeded, failed, finishedAt, version };
}
