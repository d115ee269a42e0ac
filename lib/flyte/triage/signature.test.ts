import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExecutionError_ErrorKind } from "@/lib/gen/flyteidl/core/execution_pb";
import { FLYTE_FIXTURES_DIR } from "@/fixtures/flyte-fixtures";
import { errorSignature, exceptionSummary, maskVolatile, nodeIdFromMessage } from "./signature";

const { USER, SYSTEM, UNKNOWN } = ExecutionError_ErrorKind;

// Real messages. A FlyteAdmin execution error reported in flyteorg/flyte's issues (flytekit's older
// "Traceback … Message: … SYSTEM ERROR!" form under FlytePropeller's retry lead):
const FLYTEKIT_SYSTEM = [
  "[3/3] currentAttempt done. Last Error: SYSTEM::Traceback (most recent call last):",
  "",
  '      File "/opt/venv/lib/python3.12/site-packages/flytekit/exceptions/scopes.py", line 178, in system_entry_point',
  "        return wrapped(*args, **kwargs)",
  "               ^^^^^^^^^^^^^^^^^^^^^^^^",
  '      File "/opt/venv/lib/python3.12/site-packages/flytekit/core/base_task.py", line 669, in dispatch_execute',
  "        raise type(exc)(msg) from exc",
  "",
  "Message:",
  "",
  "    AttributeError: Failed to convert inputs of task 'workflows.example.say_hello_complex':",
  "  'NoneType' object has no attribute 'literals'",
  "",
  "SYSTEM ERROR! Contact platform administrators.",
].join("\n");

// A pod-level failure as FlytePropeller reports it (from flyteconsole's stories), naming the task pod
// `<execution>-<node>-<attempt>`:
const POD_FAILURE = [
  "[1/1] currentAttempt done. Last Error: USER::",
  "[f7f8f879b002690a3000-n0-0] terminated with exit code (1). Reason [Error]. Message:",
  "lyteValueException: USER:ValueError: error=Value error!  Received: s3://union-oc-production-demo/flytesnacks/development/WTYDZNJ7TXE4EKAFDUWVUJUSCA======/faste4bf36a3162216450ab5134001005b5e.tar.gz. File not found",
].join("\n");

// flytekit's current form (flytekit/bin/entrypoint.py get_traceback_str): "Trace: … Message: …", code "USER".
function flytekitTrace(exception: string, file: string, line: number): string {
  return [
    "Trace:",
    "",
    "    Traceback (most recent call last):",
    `      File "${file}", line ${line}, in fetch_partition`,
    "        raise FileNotFoundError(msg)",
    `    ${exception}`,
    "",
    "Message:",
    "",
    `    ${exception}`,
  ].join("\n");
}

// The sandbox's seeded errors (lib/sandbox/executor/behaviour.ts, task-node.ts exhaustedError).
const SANDBOX_USER = (task: string, attempt: number) =>
  [
    `[${attempt + 1}/${attempt + 1}] currentAttempt done. Last Error: USER::Traceback (most recent call last):`,
    '  File "/usr/local/lib/python3.11/site-packages/flytekit/exceptions/scopes.py", line 183, in user_entry_point',
    "    return wrapped(*args, **kwargs)",
    `  File "/root/workflows/${task.split(".").pop()}.py", line 42, in ${task.split(".").pop()}`,
    '    raise RuntimeError("simulated failure")',
    `RuntimeError: simulated failure of ${task} (attempt ${attempt})`,
  ].join("\n");
const SANDBOX_OOM = (task: string, attempt: number) =>
  `[4/4] currentAttempt done. Last Error: SYSTEM::Pod failed: container [primary] terminated with exit code (137). Reason [OOMKilled]. Message: simulated out-of-memory while running ${task} (attempt ${attempt}).`;

// The branch node's failure in a real compiled closure (the Flyte compiler's nested_conditions test data).
function branchFailureMessage(): string {
  const closure = JSON.parse(
    readFileSync(path.join(FLYTE_FIXTURES_DIR, "flyte-compiler-snacks-core/compiled/039_core.control_flow.conditions.nested_conditions_2_wf.json"), "utf8"),
  );
  return closure.primary.template.nodes[2].branchNode.ifElse.case.thenNode.branchNode.ifElse.error.message;
}

describe("errorSignature", () => {
  it.each([
    {
      what: "flytekit's older form under a retry lead: the lead's kind, the Message section's exception, both its lines",
      error: { code: "RetriesExhausted|USER", message: FLYTEKIT_SYSTEM, kind: USER },
      want: {
        kind: "SYSTEM",
        code: "RetriesExhausted|USER",
        exceptionType: "AttributeError",
        message: "Failed to convert inputs of task 'workflows.example.say_hello_complex': 'NoneType' object has no attribute 'literals'",
      },
    },
    {
      what: "flytekit's Trace/Message form: the path in the message is masked",
      error: { code: "USER", message: flytekitTrace("FileNotFoundError: data/2024-06-01/part-0007.parquet is missing", "/root/etl.py", 31), kind: USER },
      want: { kind: "USER", code: "USER", exceptionType: "FileNotFoundError", message: "<path> is missing" },
    },
    {
      what: "the sandbox's USER traceback: the attempt number is masked, the task name kept",
      error: { code: "RetriesExhausted|USER:RuntimeError", message: SANDBOX_USER("core.flyte_basics.retries.call_flaky_api", 3), kind: USER },
      want: {
        kind: "USER",
        code: "RetriesExhausted|USER:RuntimeError",
        exceptionType: "RuntimeError",
        message: "simulated failure of core.flyte_basics.retries.call_flaky_api (attempt <n>)",
      },
    },
    {
      what: "the sandbox's OOM: no exception type, exit code and attempt masked",
      error: { code: "RetriesExhausted|OOMKilled", message: SANDBOX_OOM("core.flyte_basics.errors.train_large_model", 2), kind: SYSTEM },
      want: {
        kind: "SYSTEM",
        code: "RetriesExhausted|OOMKilled",
        exceptionType: "",
        message:
          "Pod failed: container [primary] terminated with exit code (<n>). Reason [OOMKilled]. Message: simulated out-of-memory while running core.flyte_basics.errors.train_large_model (attempt <n>).",
      },
    },
    {
      what: "the sandbox's seeded ValueError, without a traceback",
      error: { code: "USER:ValueError", message: "ValueError: partition 2024-06-01/part-0007.parquet has 0 rows; refusing to overwrite the table", kind: USER },
      want: { kind: "USER", code: "USER:ValueError", exceptionType: "ValueError", message: "partition <path> has <n> rows; refusing to overwrite the table" },
    },
    {
      what: "FlytePropeller's timeout",
      error: { code: "TimeoutExpired", message: "task execution timeout [10s] expired", kind: USER },
      want: { kind: "USER", code: "TimeoutExpired", exceptionType: "", message: "task execution timeout [<n>s] expired" },
    },
    {
      what: "a branch's failure from a real compiled closure",
      error: { code: "", message: branchFailureMessage(), kind: UNKNOWN },
      want: { kind: "UNKNOWN", code: "", exceptionType: "", message: "Only <<n> allowed" },
    },
    {
      what: "an exception type only the code names (flytekit's FlyteUserException codes)",
      error: { code: "USER:AssertionError", message: "Outputs not generated by task execution", kind: USER },
      want: { kind: "USER", code: "USER:AssertionError", exceptionType: "AssertionError", message: "Outputs not generated by task execution" },
    },
    {
      what: "no error at all (a run that timed out without one)",
      error: undefined,
      want: { kind: "UNKNOWN", code: "", exceptionType: "", message: "" },
    },
  ])("$what", ({ error, want }) => {
    const s = errorSignature(error);
    expect({ kind: s.kind, code: s.code, exceptionType: s.exceptionType, message: s.message }).toEqual(want);
  });

  it("gives runs that broke the same way one key, whatever their ids, paths and numbers", () => {
    const a = errorSignature(
      { code: "USER", message: flytekitTrace("FileNotFoundError: s3://bucket/raw/abcdefghij0123456789/part-3.parquet not found (request 3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b)", "/root/a.py", 12), kind: USER },
      "abcdefghij0123456789",
    );
    const b = errorSignature(
      { code: "USER", message: flytekitTrace("FileNotFoundError: s3://bucket/raw/zz9y8x7w6v5u4t3s2r1q/part-17.parquet not found (request 00000000-1111-4222-8333-444444444444)", "/root/b.py", 99), kind: USER },
      "zz9y8x7w6v5u4t3s2r1q",
    );
    expect(a.key).toBe(b.key);
    expect(a.message).toBe("<uri> not found (request <uuid>)");
  });

  it("keeps different exceptions, kinds and codes apart", () => {
    const base = { code: "USER", message: "ValueError: bad row 7", kind: USER };
    const keys = new Set([
      errorSignature(base).key,
      errorSignature({ ...base, message: "KeyError: bad row 7" }).key,
      errorSignature({ ...base, kind: SYSTEM }).key,
      errorSignature({ ...base, code: "USER:ValueError" }).key,
      errorSignature({ ...base, message: "ValueError: empty row 7" }).key,
    ]);
    expect(keys.size).toBe(5);
    expect(errorSignature({ ...base, message: "ValueError: bad row 8" }).key).toBe(errorSignature(base).key);
  });

  it("reads nested retry leads down to the innermost kind", () => {
    const s = errorSignature({
      code: "RetriesExhausted|RetriesExhausted|USER",
      message: "[4/4] currentAttempt done. Last Error: USER::[1/1] currentAttempt done. Last Error: SYSTEM::Traceback (most recent call last):\nOSError: disk full",
      kind: USER,
    });
    expect([s.kind, s.exceptionType, s.message]).toEqual(["SYSTEM", "OSError", "disk full"]);
  });

  it("names the node only when the message does: a pod of this execution, or FlytePropeller's node error", () => {
    const pod = errorSignature({ code: "RetriesExhausted|USER", message: POD_FAILURE, kind: USER }, "f7f8f879b002690a3000");
    expect(pod.nodeId).toBe("n0");
    expect(pod.message).not.toContain("f7f8f879b002690a3000");
    expect(errorSignature({ code: "USER", message: flytekitTrace("ValueError: x", "/a.py", 1), kind: USER }, "f7f8f879b002690a3000").nodeId).toBeUndefined();
  });

  it("cuts very long messages so a signature stays small", () => {
    const s = errorSignature({ code: "USER", message: `ValueError: ${"word ".repeat(200)}`, kind: USER });
    expect(s.message.length).toBeLessThanOrEqual(240);
    expect(s.message.endsWith("…")).toBe(true);
  });
});

describe("maskVolatile", () => {
  it.each([
    ["gs://bucket/a/b.csv and https://x.example.com/p?q=1", "<uri> and <uri>"],
    ["run 3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b failed", "run <uuid> failed"],
    ["at /usr/lib/python3.11/x.py line 42", "at <path> line <n>"],
    ["read ./data/in.csv, wrote ~/out", "read <path>, wrote <path>"],
    ["commit deadbeef12 or 0x7ffee4c2a1", "commit <hex> or <hex>"],
    ["customer_3fa9c2d1e8 missing", "customer_<hex> missing"],
    ["at 2024-06-01T12:30:00Z and 2024-06-02", "at <time> and <time>"],
    ["took 12.5s, 3 of 10 rows, -4", "took <n>s, <n> of <n> rows, -<n>"],
    ["node n0 on s3 with py311", "node n0 on s3 with py311"],
    ["exec abcdefghij0123456789 and internationalization", "exec <execution> and internationalization"],
    ["  many\n\n  spaces\t", "many spaces"],
  ])("%s → %s", (input, want) => {
    expect(maskVolatile(input)).toBe(want);
  });

  it("masks the run's own name whatever its shape", () => {
    expect(maskVolatile("pod my-run-n1-0 died", "my-run")).toBe("pod <execution>-n1-<n> died");
  });
});

describe("exceptionSummary", () => {
  it("takes every line of flytekit's Message section, without the closing verdict", () => {
    expect(exceptionSummary(FLYTEKIT_SYSTEM)).toBe(
      "AttributeError: Failed to convert inputs of task 'workflows.example.say_hello_complex': 'NoneType' object has no attribute 'literals'",
    );
  });

  it("falls back to the traceback's last line", () => {
    expect(exceptionSummary("Traceback (most recent call last):\n  File \"x.py\", line 1\nKeyError: 'a'")).toBe("KeyError: 'a'");
  });
});

describe("nodeIdFromMessage", () => {
  it.each([
    ["failed at Node[n3]. RuntimeExecutionError: failed during plugin execution", undefined, "n3"],
    ["[abc123-n2-0-n1-1] terminated", "abc123", "n2-0-n1"],
    ["[other-n2-0] terminated", "abc123", undefined],
    ["ValueError: nothing here", "abc123", undefined],
  ])("%s", (message, exec, want) => {
    expect(nodeIdFromMessage(message, exec)).toBe(want);
  });
});
