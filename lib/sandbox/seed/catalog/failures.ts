// Runs that do not simply succeed: retries that run out, retries that pay off, a failure that
// recover fixes, a timeout, a system error, a late-failing workflow with a failure handler, and a
// long run to terminate.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { out, taskNode, wfInput } from "./nodes";

export function failures(c: CatalogBuilder): void {
  const prepare = c.task({
    name: "core.flyte_basics.retries.prepare_batch",
    description: "Loads a batch of records.",
    inputs: { size: T.int },
    outputs: { o0: T.list(T.int) },
  });
  const flaky = c.task({
    name: "core.flyte_basics.retries.call_flaky_api",
    description: "Calls an API that keeps returning 503; retried three times, then gives up.",
    inputs: { batch: T.list(T.int) },
    outputs: { o0: T.int },
    retries: 3,
    sandbox: { failAttempts: 100, errorKind: "USER" },
  });
  const retriesWf = c.workflow({
    name: "core.flyte_basics.retries.flaky_wf",
    description: "Fails after exhausting its retries.",
    inputs: { size: T.int },
    outputs: { o0: T.int },
    defaults: { size: L.int(100) },
    nodes: [taskNode("n0", prepare, { size: wfInput("size") }), taskNode("n1", flaky, { batch: out("n0") })],
    returns: { o0: out("n1") },
  });
  c.launchPlan({ name: "core.flyte_basics.retries.flaky_wf_alerting", workflow: retriesWf, notifyOnFailure: ["oncall@example.com"] });
  c.launch("seed-retries-fail", retriesWf);

  const eventually = c.task({
    name: "core.flyte_basics.retries.eventually_succeeds",
    description: "Fails twice, succeeds on the third attempt.",
    inputs: { batch: T.list(T.int) },
    outputs: { o0: T.int },
    retries: 3,
    sandbox: { failAttempts: 2, errorKind: "USER" },
  });
  const retriedOk = c.workflow({
    name: "core.flyte_basics.retries.eventually_ok_wf",
    description: "Retries pay off.",
    inputs: { size: T.int },
    outputs: { o0: T.int },
    defaults: { size: L.int(10) },
    nodes: [taskNode("n0", prepare, { size: wfInput("size") }), taskNode("n1", eventually, { batch: out("n0") })],
    returns: { o0: out("n1") },
  });
  c.launch("seed-retries-ok", retriedOk);

  const extract = c.task({ name: "core.flyte_basics.recovery.extract", description: "Reads raw events.", inputs: { day: T.str }, outputs: { o0: T.dataframe() } });
  const transform = c.task({
    name: "core.flyte_basics.recovery.transform",
    description: "Fails once on a malformed partition, with no retries: recover re-runs only this and what follows.",
    inputs: { raw: T.dataframe() },
    outputs: { o0: T.dataframe() },
    sandbox: {
      failAttempts: 1,
      errorKind: "USER",
      errorCode: "USER:ValueError",
      errorMessage: "ValueError: partition 2024-06-01/part-0007.parquet has 0 rows; refusing to overwrite the table",
    },
  });
  const load = c.task({ name: "core.flyte_basics.recovery.load", description: "Writes the table.", inputs: { table: T.dataframe() }, outputs: { o0: T.int } });
  const etl = c.workflow({
    name: "core.flyte_basics.recovery.etl_wf",
    description: "Fails in the middle; recovering it reuses extract's output.",
    inputs: { day: T.str },
    outputs: { o0: T.int },
    defaults: { day: L.str("2024-06-01") },
    nodes: [
      taskNode("n0", extract, { day: wfInput("day") }),
      taskNode("n1", transform, { raw: out("n0") }),
      taskNode("n2", load, { table: out("n1") }),
    ],
    returns: { o0: out("n2") },
  });
  c.launch("seed-recoverable", etl);

  const slow = c.task({
    name: "core.flyte_basics.timeouts.slow_query",
    description: "Runs past its 10 second timeout on every attempt.",
    inputs: { query: T.str },
    outputs: { o0: T.int },
    retries: 1,
    timeoutSeconds: 10,
    sandbox: { timeout: true },
  });
  const timeoutWf = c.workflow({
    name: "core.flyte_basics.timeouts.slow_wf",
    description: "Times out.",
    inputs: { query: T.str },
    outputs: { o0: T.int },
    defaults: { query: L.str("SELECT count(*) FROM events") },
    nodes: [taskNode("n0", slow, { query: wfInput("query") })],
    returns: { o0: out("n0") },
  });
  c.launch("seed-timeout", timeoutWf);

  const train = c.task({
    name: "core.flyte_basics.errors.train_large_model",
    description: "Killed for running out of memory (a SYSTEM error) on every attempt.",
    inputs: { epochs: T.int },
    outputs: { o0: T.float },
    retries: 2,
    requests: { cpu: "4", memory: "16Gi", gpu: "1" },
    limits: { cpu: "8", memory: "16Gi", gpu: "1" },
    interruptible: true,
    sandbox: { failAttempts: 100, errorKind: "SYSTEM" },
  });
  const oom = c.workflow({
    name: "core.flyte_basics.errors.oom_wf",
    description: "Fails with a system error.",
    inputs: { epochs: T.int },
    outputs: { o0: T.float },
    defaults: { epochs: L.int(3) },
    nodes: [taskNode("n0", train, { epochs: wfInput("epochs") })],
    returns: { o0: out("n0") },
  });
  c.launch("seed-system-error", oom);

  const validate = c.task({
    name: "core.flyte_basics.failure_node.validate",
    description: "Rejects the input.",
    inputs: { path: T.str },
    sandbox: { failAttempts: 100, errorKind: "USER" },
  });
  const report = c.task({ name: "core.flyte_basics.failure_node.build_report", description: "Independent work that still completes.", inputs: { path: T.str }, outputs: { o0: T.str } });
  // Long enough that the run is seen FAILING while its failure node cleans up.
  const cleanUp = c.task({ name: "core.flyte_basics.failure_node.clean_up", description: "The on_failure handler: deletes partial outputs.", inputs: { path: T.str }, sandbox: { durationMs: 4000 } });
  const failLate = c.workflow({
    name: "core.flyte_basics.failure_node.fail_late_wf",
    description: "FAIL_AFTER_EXECUTABLE_NODES_COMPLETE with an on_failure handler.",
    inputs: { path: T.str },
    defaults: { path: L.str("s3://my-s3-bucket/reports/2024-06") },
    failLate: true,
    nodes: [taskNode("n0", validate, { path: wfInput("path") }), taskNode("n1", report, { path: wfInput("path") })],
    failureNode: taskNode("fn0", cleanUp, { path: wfInput("path") }),
  });
  c.launch("seed-fail-late", failLate);

  const longTrain = c.task({
    name: "core.flyte_basics.long_running.train",
    description: "Trains for half an hour: terminate it to see ABORTED.",
    inputs: { epochs: T.int },
    outputs: { o0: T.float },
    sandbox: { durationMs: 30 * 60_000 },
  });
  const longWf = c.workflow({
    name: "core.flyte_basics.long_running.train_wf",
    description: "Runs long enough to be terminated.",
    inputs: { epochs: T.int },
    outputs: { o0: T.float },
    defaults: { epochs: L.int(100) },
    nodes: [taskNode("n0", longTrain, { epochs: wfInput("epochs") })],
    returns: { o0: out("n0") },
  });
  c.launch("seed-long-running", longWf);
}
