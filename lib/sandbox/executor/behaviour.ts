// How a simulated task behaves: read from its template, planned per attempt, deterministically.
//
// A task template may carry a `sandbox` key in its `custom` Struct:
//   {
//     "sandbox": {
//       "durationMs": 2000,         // run time of every attempt (default: config.taskDurationMs, ±25 % jitter)
//       "queueMs": 300,             // time from QUEUED to RUNNING, INITIALIZING included (default: config.queueDelayMs)
//       "waitingMs": 5000,          // time spent WAITING_FOR_RESOURCES on top (default: now and then; 0: never)
//       "failAttempts": 1,          // the first N attempts fail; with metadata.retries >= N the task then succeeds
//       "errorKind": "USER",        // "USER" | "SYSTEM": the kind of those failures (default USER)
//       "errorCode": "...",         // override the failure's code
//       "errorMessage": "...",      // override the failure's message; {execution}, {node}, {attempt}, {pod} (the
//                                   //   attempt's pod name) and {uuid} (one per attempt) become this attempt's values
//       "timeout": true,            // every attempt runs until its timeout (metadata.timeout, else durationMs)
//                                   //   and ends TimeoutExpired; the node ends TIMED_OUT
//       "outputs": { "o0": 42 },    // output values as JSON, converted to the interface's types; others generated
//       "outputBytes": { "o0": 2500000 }, // string outputs made this many bytes long (FlyteAdmin offloads big data)
//       "logFormat": "json",        // "text" | "json": the TaskLog message format (default text)
//       "dynamic": { "copies": 3, "task": "my.module.t" },
//                                   // a dynamic task: yields `copies` (default 3) nodes of `task` (default: another
//                                   //   task of the closure, else itself), run as a sub-workflow
//       "failIndices": [2],         // map/array tasks: sub-tasks at these indices fail every attempt
//       "size": 5                   // map tasks: number of sub-tasks when no list input says
//     }
//   }
// Without a `sandbox` key, attempts take config.taskDurationMs with deterministic jitter and fail at random
// with probability config.failureRate (SYSTEM for config.systemErrorShare of them, else USER).
import type { JsonObject, JsonValue } from "@bufbuild/protobuf";
import { durationMs } from "@bufbuild/protobuf/wkt";
import { ExecutionError_ErrorKind } from "@/lib/gen/flyteidl/core/execution_pb";
import type { VariableMap } from "@/lib/gen/flyteidl/core/interface_pb";
import { SimpleType } from "@/lib/gen/flyteidl/core/types_pb";
import type { LiteralMap } from "@/lib/gen/flyteidl/core/literals_pb";
import type { TaskTemplate } from "@/lib/gen/flyteidl/core/tasks_pb";
import { generatedTaskName, seededUnit } from "./ids";
import { generateLiteralMap } from "./literal-gen";
import { lit, literalFromJson } from "./literals";
import type { ExecutorConfig } from "./types";

export interface TaskBehaviour {
  /** Whether the template had a `sandbox` key (then random failures are off). */
  configured: boolean;
  durationMs?: number;
  queueMs?: number;
  waitingMs?: number;
  failAttempts: number;
  errorKind: ExecutionError_ErrorKind;
  errorCode?: string;
  errorMessage?: string;
  timeout: boolean;
  outputs?: JsonObject;
  outputBytes: Readonly<Record<string, number>>;
  logFormat: "text" | "json";
  dynamic?: { copies: number; task?: string };
  failIndices: readonly number[];
  size?: number;
}

const asObject = (v: JsonValue | undefined): JsonObject | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
const asNumber = (v: JsonValue | undefined): number | undefined =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : undefined;

export function taskBehaviour(template: TaskTemplate | undefined): TaskBehaviour {
  const s = asObject(template?.custom?.sandbox);
  const dynamic = s && asObject(s.dynamic);
  const dynamicOn = dynamic !== undefined || s?.dynamic === true;
  return {
    configured: s !== undefined,
    durationMs: asNumber(s?.durationMs),
    queueMs: asNumber(s?.queueMs),
    waitingMs: asNumber(s?.waitingMs),
    failAttempts: Math.floor(asNumber(s?.failAttempts) ?? 0),
    errorKind: s?.errorKind === "SYSTEM" ? ExecutionError_ErrorKind.SYSTEM : ExecutionError_ErrorKind.USER,
    errorCode: typeof s?.errorCode === "string" ? s.errorCode : undefined,
    errorMessage: typeof s?.errorMessage === "string" ? s.errorMessage : undefined,
    timeout: s?.timeout === true,
    outputs: asObject(s?.outputs),
    outputBytes: Object.fromEntries(
      Object.entries(asObject(s?.outputBytes) ?? {}).flatMap(([name, v]) => {
        const bytes = asNumber(v);
        return bytes === undefined ? [] : [[name, Math.min(Math.floor(bytes), 64 * 1024 * 1024)]];
      }),
    ),
    logFormat: s?.logFormat === "json" ? "json" : "text",
    dynamic: dynamicOn
      ? {
          copies: Math.max(1, Math.floor(asNumber(dynamic?.copies) ?? 3)),
          task: typeof dynamic?.task === "string" ? dynamic.task : undefined,
        }
      : undefined,
    failIndices: Array.isArray(s?.failIndices) ? s.failIndices.filter((i): i is number => typeof i === "number") : [],
    size: asNumber(s?.size),
  };
}

export interface SimulatedError {
  code: string;
  message: string;
  kind: ExecutionError_ErrorKind;
  timedOut: boolean;
}

export interface AttemptPlan {
  queueMs: number;
  runMs: number;
  /** Undefined when the attempt succeeds. */
  error?: SimulatedError;
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** Where an attempt runs, for the placeholders of a configured errorMessage. */
export interface AttemptSite {
  execution: string;
  node: string;
}

/** A UUID-shaped id, the same for the same seed. */
function seededUuid(seed: string): string {
  const hex = Array.from({ length: 4 }, (_, i) => Math.floor(seededUnit(`${seed}/uuid/${i}`) * 2 ** 32).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A configured message with this attempt's values in place of its placeholders (runs of one task then differ as real ones do). */
function configuredMessage(template: string, attempt: number, site: AttemptSite | undefined): string {
  const values: Record<string, string> = {
    attempt: String(attempt),
    execution: site?.execution ?? "",
    node: site?.node ?? "",
    pod: site ? generatedTaskName(site.execution, site.node, attempt) : "",
    uuid: seededUuid(`${site?.execution}/${site?.node}/${attempt}`),
  };
  return template.replace(/\{(attempt|execution|node|pod|uuid)\}/g, (_, k: string) => values[k]);
}

export function failure(b: TaskBehaviour, kind: ExecutionError_ErrorKind, taskName: string, attempt: number, site?: AttemptSite): SimulatedError {
  const configured = b.errorMessage === undefined ? undefined : configuredMessage(b.errorMessage, attempt, site);
  if (kind === ExecutionError_ErrorKind.SYSTEM) {
    return {
      code: b.errorCode ?? "OOMKilled",
      message:
        configured ??
        `Pod failed: container [primary] terminated with exit code (137). Reason [OOMKilled]. ` +
          `Message: simulated out-of-memory while running ${taskName} (attempt ${attempt}).`,
      kind,
      timedOut: false,
    };
  }
  const short = taskName.split(".").pop() || taskName;
  return {
    code: b.errorCode ?? "USER:RuntimeError",
    message:
      configured ??
      [
        "Traceback (most recent call last):",
        '  File "/usr/local/lib/python3.11/site-packages/flytekit/exceptions/scopes.py", line 183, in user_entry_point',
        "    return wrapped(*args, **kwargs)",
        `  File "/root/workflows/${short}.py", line 42, in ${short}`,
        `    raise RuntimeError("simulated failure")`,
        `RuntimeError: simulated failure of ${taskName} (attempt ${attempt})`,
      ].join("\n"),
    kind,
    timedOut: false,
  };
}

export function taskTimeoutMs(template: TaskTemplate | undefined): number {
  const t = template?.metadata?.timeout;
  return t ? durationMs(t) : 0;
}

/** The jittered base duration of one run (an attempt, or one array sub-task attempt). */
export function plannedRunMs(b: TaskBehaviour, config: ExecutorConfig, seed: string): number {
  if (b.durationMs !== undefined) return b.durationMs;
  return Math.round(config.taskDurationMs * (0.75 + 0.5 * seededUnit(`${seed}/duration`)));
}

/** What attempt `attempt` of a task does; `seed` names the node attempt (execution, node, attempt). */
export function planAttempt(
  b: TaskBehaviour,
  template: TaskTemplate | undefined,
  config: ExecutorConfig,
  seed: string,
  attempt: number,
  site?: AttemptSite,
): AttemptPlan {
  const queueMs = b.queueMs ?? config.queueDelayMs;
  const runMs = plannedRunMs(b, config, seed);
  const timeoutMs = taskTimeoutMs(template);
  const taskName = template?.id?.name ?? "task";
  if (b.timeout || (timeoutMs > 0 && runMs > timeoutMs)) {
    const limit = timeoutMs > 0 ? timeoutMs : runMs;
    return {
      queueMs,
      runMs: limit,
      error: {
        code: "TimeoutExpired",
        message: `task execution timeout [${formatSeconds(limit)}] expired`,
        kind: ExecutionError_ErrorKind.USER,
        timedOut: true,
      },
    };
  }
  if (attempt < b.failAttempts) return { queueMs, runMs, error: failure(b, b.errorKind, taskName, attempt, site) };
  if (!b.configured && seededUnit(`${seed}/fail`) < config.failureRate) {
    const kind =
      seededUnit(`${seed}/kind`) < config.systemErrorShare ? ExecutionError_ErrorKind.SYSTEM : ExecutionError_ErrorKind.USER;
    return { queueMs, runMs, error: failure(b, kind, taskName, attempt, site) };
  }
  return { queueMs, runMs };
}

/** The outputs a successful run produces: `sandbox.outputs` where given, generated for the rest. */
export function simulatedOutputs(
  outputs: VariableMap | undefined,
  b: TaskBehaviour,
  seed: string,
): LiteralMap {
  const generated = generateLiteralMap(outputs, seed);
  for (const [name, value] of Object.entries(b.outputs ?? {})) {
    const type = outputs?.variables[name]?.type;
    if (type) generated.literals[name] = literalFromJson(value, type);
  }
  for (const [name, bytes] of Object.entries(b.outputBytes)) {
    const type = outputs?.variables[name]?.type?.type;
    if (type?.case === "simple" && type.value === SimpleType.STRING) generated.literals[name] = lit.str(longText(bytes));
  }
  return generated;
}

/** ASCII text of exactly `bytes` bytes: numbered lines, so a reader can tell where it is. */
export function longText(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const line = `line ${String(i).padStart(7, "0")}: the quick brown fox jumps over the lazy dog\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join("").slice(0, bytes);
}
