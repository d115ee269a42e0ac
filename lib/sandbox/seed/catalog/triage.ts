// Failures that recur, so the failure triage view has groups to show: one exception in three runs (each
// naming its own run, object and request id, as real errors do) across two workflows, and an
// out-of-memory kill in two runs whose message names the task pod, and so the node.
import type { CatalogBuilder } from "./builder";
import { L, T } from "./literals";
import { out, taskNode, wfInput } from "./nodes";

/** flytekit's error text for a user exception (flytekit/bin/entrypoint.py, get_traceback_str). */
const MISSING_PARTITION = [
  "Trace:",
  "",
  "    Traceback (most recent call last):",
  '      File "/usr/local/lib/python3.11/site-packages/flytekit/exceptions/scopes.py", line 242, in user_entry_point',
  "        return wrapped(*args, **kwargs)",
  '      File "/root/pipelines/partitions.py", line 31, in fetch_partition',
  "        raise FileNotFoundError(f\"{uri} not found (request id {request_id})\")",
  "    FileNotFoundError: s3://my-s3-bucket/raw/{execution}/part-0007.parquet not found (request id {uuid})",
  "",
  "Message:",
  "",
  "    FileNotFoundError: s3://my-s3-bucket/raw/{execution}/part-0007.parquet not found (request id {uuid})",
].join("\n");

/** The Kubernetes plugin's words for a container killed for memory, naming the attempt's pod. */
const OOM_KILLED = "[{pod}] terminated with exit code (137). Reason [OOMKilled]. Message: \nContainer score exceeded its memory limit of 2Gi.";

export function triage(c: CatalogBuilder): void {
  const fetch = c.task({
    name: "core.flyte_basics.triage.fetch_partition",
    description: "Reads a day's partition from the raw bucket; the object is never there.",
    inputs: { day: T.str },
    outputs: { o0: T.dataframe() },
    sandbox: { failAttempts: 100, errorKind: "USER", errorCode: "USER", errorMessage: MISSING_PARTITION },
  });
  const ingest = c.workflow({
    name: "core.flyte_basics.triage.ingest_wf",
    description: "Daily ingest: fails on a missing partition.",
    inputs: { day: T.str },
    outputs: { o0: T.dataframe() },
    defaults: { day: L.str("2024-06-01") },
    nodes: [taskNode("n0", fetch, { day: wfInput("day") })],
    returns: { o0: out("n0") },
  });
  const backfill = c.workflow({
    name: "core.flyte_basics.triage.backfill_wf",
    description: "Backfill of one day: the same missing partition.",
    inputs: { day: T.str },
    outputs: { o0: T.dataframe() },
    defaults: { day: L.str("2024-05-01") },
    nodes: [taskNode("n0", fetch, { day: wfInput("day") })],
    returns: { o0: out("n0") },
  });
  const features = c.task({ name: "core.flyte_basics.triage.load_features", description: "Loads the feature table.", inputs: { day: T.str }, outputs: { o0: T.dataframe() } });
  const score = c.task({
    name: "core.flyte_basics.triage.score_batch",
    description: "Scores a batch; killed for memory on every attempt (a SYSTEM error).",
    inputs: { features: T.dataframe() },
    outputs: { o0: T.float },
    sandbox: { failAttempts: 100, errorKind: "SYSTEM", errorCode: "OOMKilled", errorMessage: OOM_KILLED },
  });
  const scoreWf = c.workflow({
    name: "core.flyte_basics.triage.score_wf",
    description: "Scores the day's features: runs out of memory.",
    inputs: { day: T.str },
    outputs: { o0: T.float },
    defaults: { day: L.str("2024-06-01") },
    nodes: [taskNode("n0", features, { day: wfInput("day") }), taskNode("n1", score, { features: out("n0") })],
    returns: { o0: out("n1") },
  });
  c.launch("seed-triage-ingest-1", ingest, { day: L.str("2024-06-01") });
  c.launch("seed-triage-ingest-2", ingest, { day: L.str("2024-06-02") });
  c.launch("seed-triage-backfill", backfill);
  c.launch("seed-triage-score-1", scoreWf);
  c.launch("seed-triage-score-2", scoreWf, { day: L.str("2024-06-02") });
}
