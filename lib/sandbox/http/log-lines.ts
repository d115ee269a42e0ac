// The text of a simulated task attempt's log: flytekit-style lines, some with ANSI colour, a
// Python traceback when the attempt failed. Deterministic from the attempt's coordinates, so a
// test, the executor and the HTTP server all agree on what the log of an attempt says.
import { TaskExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";

export interface TaskLogParams {
  project: string;
  domain: string;
  /** The workflow execution's name. */
  execution: string;
  nodeId: string;
  /** The retry attempt (0-based). */
  attempt: number;
  /** How the attempt ended (or that it is still running); chosen from the seed when absent. */
  phase?: TaskExecution_Phase;
  /** The sub-task index of an array/map node's external resource. */
  index?: number;
}

export type LogOutcome = "succeeded" | "failed" | "running" | "aborted" | "timed-out";

/** Node ids matching this get a log of exactly HUGE_LOG_BYTES, for size-cap tests. */
export const HUGE_LOG_NODE_PATTERN = /huge-log/i;
export const HUGE_LOG_BYTES = 50 * 1024 * 1024;

const RESET = "\x1b[0m";
const LEVELS = {
  DEBUG: "\x1b[36mDEBUG   " + RESET,
  INFO: "\x1b[32mINFO    " + RESET,
  WARNING: "\x1b[33mWARNING " + RESET,
  ERROR: "\x1b[1;31mERROR   " + RESET,
} as const;

const MODULES = ["etl", "training", "reports", "ingest", "features", "quality"];
const FUNCTIONS = ["load_data", "clean", "train_model", "evaluate", "publish_report", "fetch_partition", "aggregate", "validate_schema"];
const FAILURES: [string, string, string][] = [
  ["ValueError", "input frame has 0 rows after filtering", 'raise ValueError("input frame has 0 rows after filtering")'],
  ["KeyError", "'customer_id'", 'df = df.set_index(df["customer_id"])'],
  ["ZeroDivisionError", "division by zero", "ratio = positives / total"],
  ["RuntimeError", "CUDA out of memory. Tried to allocate 2.00 GiB", "loss = model(batch).loss"],
  ["ConnectionError", "HTTPSConnectionPool(host='api.internal', port=443): Max retries exceeded", "resp = session.get(url, timeout=30)"],
];

function hash32(text: string): number {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}

/** mulberry32: small, fast, good enough for log text. */
function rngFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedKey(p: TaskLogParams): string {
  return [p.project, p.domain, p.execution, p.nodeId, p.attempt, p.index ?? ""].join("\u0000");
}

export function taskLogOutcome(p: TaskLogParams): LogOutcome {
  switch (p.phase) {
    case TaskExecution_Phase.SUCCEEDED:
      return "succeeded";
    case TaskExecution_Phase.FAILED:
    case TaskExecution_Phase.RETRYABLE_FAILED:
      return "failed";
    case TaskExecution_Phase.ABORTED:
      return "aborted";
    case undefined:
      return rngFrom(hash32(seedKey(p) + "\u0000outcome"))() < 0.2 ? "failed" : "succeeded";
    default:
      return "running";
  }
}

export function isHugeTaskLog(p: TaskLogParams): boolean {
  return HUGE_LOG_NODE_PATTERN.test(p.nodeId);
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** Every line of the log, each ending in "\n". The huge log is exactly HUGE_LOG_BYTES long. */
export function* taskLogLines(p: TaskLogParams): Generator<string> {
  const seed = hash32(seedKey(p));
  const rng = rngFrom(seed);
  const outcome = taskLogOutcome(p);
  const huge = isHugeTaskLog(p);
  const moduleName = pick(rng, MODULES);
  const fn = pick(rng, FUNCTIONS);
  const task = `workflows.${moduleName}.${fn}`;
  const prefix = `s3://flyte-sandbox/metadata/propeller/${p.project}-${p.domain}-${p.execution}/${p.nodeId}/data`;
  let clock = Date.UTC(2024, 0, 1) + (seed % (365 * 86_400)) * 1000;
  const line = (at: number, level: keyof typeof LEVELS, logger: string, message: string) => {
    const ts = new Date(at).toISOString().replace("T", " ").replace("Z", "").replace(".", ",");
    return level === "ERROR"
      ? `${ts} ${LEVELS.ERROR} ${logger}: \x1b[31m${message}${RESET}\n`
      : `${ts} ${LEVELS[level]} ${logger}: ${message}\n`;
  };
  const log = (level: keyof typeof LEVELS, logger: string, message: string) =>
    line((clock += Math.floor(rng() * 1500)), level, logger, message);

  const head = [
    "tar: Removing leading `/' from member names\n",
    log("INFO", "flytekit", `Welcome to flytekit version 1.13.${seed % 10}`),
    log(
      "INFO",
      "flytekit.entrypoint",
      `pyflyte-execute --inputs ${prefix}/inputs.pb --output-prefix ${prefix}/${p.attempt} ` +
        `--raw-output-data-prefix s3://flyte-sandbox/data/${(seed % 256).toString(16)}/${p.execution}-${p.nodeId}-${p.attempt} ` +
        `--resolver flytekit.core.python_auto_container.default_task_resolver -- task-module workflows.${moduleName} task-name ${fn}`,
    ),
    log("DEBUG", "flytekit.core.data_persistence", `Getting ${prefix}/inputs.pb to /tmp/flyte-inputs (${200 + (seed % 4000)} bytes)`),
  ];
  if (p.index !== undefined) head.push(log("INFO", "flytekit.array", `Running sub-task ${p.index} of the array node ${p.nodeId}`));
  if (p.attempt > 0) {
    head.push(log("WARNING", "flytekit.entrypoint", `Attempt ${p.attempt - 1} failed; this is retry ${p.attempt}`));
  }
  head.push(log("INFO", "flytekit.entrypoint", `Executing task ${task} (attempt ${p.attempt})`));

  const total = 1000 + Math.floor(rng() * 90_000);
  let step = 0;
  const bodyLine = (): string => {
    step++;
    const r = rng();
    if (r < 0.3) return log("INFO", task, `Processed ${Math.min(step * 37, total)}/${total} records`);
    if (r < 0.5) {
      const loss = (2 / (1 + step / 50) + rng() * 0.05).toFixed(4);
      const accuracy = (0.5 + 0.49 * (1 - 1 / (1 + step / 40))).toFixed(3);
      return log("INFO", task, `epoch ${1 + (step % 20)} step ${step}: loss=${loss} accuracy=${accuracy}`);
    }
    if (r < 0.65) {
      const part = `part-${String(step).padStart(5, "0")}.parquet`;
      const size = Math.floor(rng() * 9000) + 64;
      return log("DEBUG", "flytekit.core.data_persistence", `Fetching s3://flyte-sandbox/data/${p.execution}/${part} (${size} KiB)`);
    }
    if (r < 0.8) {
      return `batch ${step}: ${Math.floor(rng() * 50_000)} rows, mean=${(rng() * 100).toFixed(3)}, nulls=${Math.floor(rng() * 12)}\n`;
    }
    if (r < 0.9) {
      const done = Math.floor(rng() * 11);
      return `\x1b[34m[${"#".repeat(done)}${".".repeat(10 - done)}]${RESET} ${done * 10}% ${fn}\n`;
    }
    if (r < 0.96) {
      return log("INFO", "flytekit.checkpoint", `Checkpoint saved to s3://flyte-sandbox/checkpoints/${p.execution}/${p.nodeId}/${step}`);
    }
    const retry = `Retry(total=${Math.floor(rng() * 4)}, connect=None, read=None)`;
    return log("WARNING", "urllib3.connectionpool", `Retrying (${retry}) after connection broken: 'ConnectionResetError(104)'`);
  };

  // Built after the body (its timestamps follow the body's); the same length whenever it is built.
  const buildTail = (): string[] => {
    const tail: string[] = [];
    const tailRng = rngFrom(seed ^ 0x5bd1e995);
    let at = clock;
    const log = (level: keyof typeof LEVELS, logger: string, message: string) =>
      line((at += Math.floor(tailRng() * 1500)), level, logger, message);
    if (outcome === "succeeded") {
      tail.push(
        log("INFO", "flytekit.entrypoint", `Task ${task} finished in ${(5 + tailRng() * 600).toFixed(1)}s`),
        log("DEBUG", "flytekit.core.data_persistence", `Putting /tmp/flyte-outputs/outputs.pb to ${prefix}/${p.attempt}/outputs.pb`),
        log("INFO", "flytekit.entrypoint", `Engine folder written successfully to the output prefix ${prefix}/${p.attempt}`),
      );
    } else if (outcome === "failed") {
      const [type, message, code] = pick(tailRng, FAILURES);
      const lineNo = 20 + Math.floor(tailRng() * 200);
      tail.push(
        log("ERROR", "flytekit.entrypoint", `Exception when executing task ${task}, reason ${type}: ${message}`),
        "Traceback (most recent call last):\n",
        '  File "/usr/local/lib/python3.11/site-packages/flytekit/exceptions/scopes.py", line 206, in user_entry_point\n',
        "    return wrapped(*args, **kwargs)\n",
        `  File "/root/workflows/${moduleName}.py", line ${lineNo}, in ${fn}\n`,
        `    ${code}\n`,
        `\x1b[31m${type}: ${message}${RESET}\n`,
        log("ERROR", "flytekit.entrypoint", `!! End Error Captured by Flyte !!`),
      );
    } else if (outcome === "aborted") {
      tail.push(log("WARNING", "flytekit.entrypoint", "Received SIGTERM, the task was aborted; shutting down"), "Terminated\n");
    }
    return tail;
  };

  if (!huge) {
    const bodyCount = Math.floor(10 + rng() ** 3 * 3000);
    yield* head;
    const shown = outcome === "running" ? Math.ceil(bodyCount * 0.4) : bodyCount;
    for (let i = 0; i < shown; i++) yield bodyLine();
    yield* buildTail();
    return;
  }

  // The huge log: body lines until it is nearly full, then one filler line to hit the size exactly.
  const tailBytes = buildTail().reduce((n, l) => n + Buffer.byteLength(l), 0);
  const room = HUGE_LOG_BYTES - tailBytes - 512;
  let written = 0;
  for (const line of head) {
    written += Buffer.byteLength(line);
    yield line;
  }
  for (;;) {
    const line = bodyLine();
    const size = Buffer.byteLength(line);
    if (written + size > room) break;
    written += size;
    yield line;
  }
  const gap = HUGE_LOG_BYTES - tailBytes - written;
  yield `${"=".repeat(gap - 1)}\n`;
  yield* buildTail();
}

/** The log in chunks of about `chunkBytes`, for streaming. */
export function* taskLogChunks(p: TaskLogParams, chunkBytes = 64 * 1024): Generator<string> {
  let chunk = "";
  for (const line of taskLogLines(p)) {
    chunk += line;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/** The whole log as one string (not for the huge log). */
export function taskLogText(p: TaskLogParams): string {
  return [...taskLogLines(p)].join("");
}
