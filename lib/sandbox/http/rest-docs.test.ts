// The REST examples of Flyte's docs, run with curl itself against the real sandbox (store, executor,
// gateway): create, get, list node executions, get node execution data, terminate, recover; also task
// executions and the binary protobuf form the old console speaks.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { ExecutionCreateRequestSchema, ExecutionCreateResponseSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { registerSteps } from "../seed";
import { CatalogBuilder } from "../seed/catalog/builder";
import { L, T } from "../seed/catalog/literals";
import { out, taskNode, wfInput } from "../seed/catalog/nodes";

// Plain `curl URL` (no JSON Accept header) gets grpc-gateway's default marshaler: lowerCamelCase names, as
// FlyteAdmin answers; a JSON Content-Type/Accept gets the proto (snake_case) names (see codec.ts).
type Json = Record<string, unknown> & {
  id?: { name: string };
  closure?: { phase?: string };
  nodeExecutions?: { id: { nodeId: string }; closure: { phase: string } }[];
  taskExecutions?: { id: { retryAttempt: number }; closure: { phase: string; logs: { uri: string }[] } }[];
  fullOutputs?: { literals: Record<string, unknown> };
  fullInputs?: { literals: Record<string, unknown> };
};

let haveCurl = true;
let sandbox: RunningSandbox;
let base: string;
let dir: string;

const curl = async (...args: string[]) => (await promisify(execFile)("curl", ["-sS", "--fail-with-body", ...args], { encoding: "buffer" })).stdout;
const curlJson = async (...args: string[]) => JSON.parse((await curl(...args)).toString("utf8")) as Json;
const lpId = (name: string) => ({ resource_type: "LAUNCH_PLAN", project: "flytesnacks", domain: "development", name, version: "v1" });

beforeAll(async () => {
  try {
    await promisify(execFile)("curl", ["--version"]);
  } catch {
    haveCurl = false;
    console.log("skipping the REST docs test: curl is not installed");
    return;
  }
  dir = mkdtempSync(path.join(tmpdir(), "sbx-rest-"));
  const defaults = sandboxConfig({});
  sandbox = await startSandbox({
    ...defaults,
    grpcPort: 0,
    httpPort: 0,
    dataDir: dir,
    tickMs: 20,
    seed: false,
    executor: { ...defaults.executor, taskDurationMs: 40, queueDelayMs: 10, failureRate: 0 },
  });
  base = sandbox.httpUrl;
  const c = new CatalogBuilder("flytesnacks", "development", "v1");
  const extract = c.task({ name: "etl.extract", description: "", inputs: { day: T.str }, outputs: { o0: T.int } });
  const transform = c.task({ name: "etl.transform", description: "", inputs: { rows: T.int }, outputs: { o0: T.int }, sandbox: { failAttempts: 1 } });
  c.workflow({
    name: "etl.wf",
    description: "",
    inputs: { day: T.str },
    outputs: { o0: T.int },
    nodes: [taskNode("n0", extract, { day: wfInput("day") }), taskNode("n1", transform, { rows: out("n0") })],
    returns: { o0: out("n1") },
  });
  const slow = c.task({ name: "slow.train", description: "", outputs: { o0: T.float }, sandbox: { durationMs: 3_600_000 } });
  c.workflow({ name: "slow.wf", description: "", outputs: { o0: T.float }, nodes: [taskNode("n0", slow)], returns: { o0: out("n0") } });
  expect(registerSteps(sandbox.ctx, c.steps)).toBe(0);
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function phaseOf(name: string): Promise<string | undefined> {
  return (await curlJson(`${base}/api/v1/executions/flytesnacks/development/${name}`)).closure?.phase;
}

async function waitForPhase(name: string, phase: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await phaseOf(name)) !== phase) {
    if (Date.now() > deadline) throw new Error(`${name} did not reach ${phase} (is ${await phaseOf(name)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("Flyte's REST examples, with curl, against the sandbox", () => {
  it("create → get → list node executions → node data → recover", async (ctx) => {
    if (!haveCurl) return ctx.skip();
    const created = await curlJson("-X", "POST", `${base}/api/v1/executions`, "-H", "Content-Type: application/json", "-d",
      JSON.stringify({
        project: "flytesnacks",
        domain: "development",
        name: "rest-etl",
        spec: { launch_plan: lpId("etl.wf"), metadata: { mode: "MANUAL", principal: "curl" } },
        inputs: { literals: { day: { scalar: { primitive: { string_value: "2024-06-01" } } } } },
      }));
    expect(created).toEqual({ id: { project: "flytesnacks", domain: "development", name: "rest-etl", org: "" } });

    await waitForPhase("rest-etl", "FAILED"); // transform fails its first attempt and has no retries
    const execution = await curlJson(`${base}/api/v1/executions/flytesnacks/development/rest-etl`);
    expect(execution).toMatchObject({ spec: { metadata: { mode: "MANUAL", principal: "curl" } }, closure: { phase: "FAILED" } });

    const nodes = await curlJson(`${base}/api/v1/node_executions/flytesnacks/development/rest-etl?limit=100`);
    const phases = Object.fromEntries(nodes.nodeExecutions!.map((n) => [n.id.nodeId, n.closure.phase]));
    expect(phases).toMatchObject({ "start-node": "SUCCEEDED", n0: "SUCCEEDED", n1: "FAILED" });
    const failedOnly = await curlJson(`${base}/api/v1/node_executions/flytesnacks/development/rest-etl?limit=10&filters=${encodeURIComponent("eq(phase,FAILED)")}`);
    expect(failedOnly.nodeExecutions!.map((n) => n.id.nodeId)).toEqual(["n1"]);

    const data = await curlJson(`${base}/api/v1/data/node_executions/flytesnacks/development/rest-etl/n0`);
    expect(data.fullInputs?.literals.day).toMatchObject({ scalar: { primitive: { stringValue: "2024-06-01" } } });
    expect(Object.keys(data.fullOutputs?.literals ?? {})).toEqual(["o0"]);

    const attempts = await curlJson(`${base}/api/v1/task_executions/flytesnacks/development/rest-etl/n1?limit=10`);
    expect(attempts.taskExecutions!.map((t) => t.closure.phase)).toEqual(["FAILED"]);
    const log = await curl(attempts.taskExecutions![0].closure.logs[0].uri);
    expect(log.length).toBeGreaterThan(0);

    const recovered = await curlJson("-X", "POST", `${base}/api/v1/executions/recover`, "-H", "Content-Type: application/json", "-d",
      JSON.stringify({ id: { project: "flytesnacks", domain: "development", name: "rest-etl" }, name: "rest-etl-r" }));
    expect(recovered.id?.name).toBe("rest-etl-r");
    await waitForPhase("rest-etl-r", "SUCCEEDED");
    const after = await curlJson(`${base}/api/v1/node_executions/flytesnacks/development/rest-etl-r?limit=100`);
    expect(Object.fromEntries(after.nodeExecutions!.map((n) => [n.id.nodeId, n.closure.phase]))).toMatchObject({ n0: "RECOVERED", n1: "SUCCEEDED" });
    const r = await curlJson(`${base}/api/v1/executions/flytesnacks/development/rest-etl-r`);
    expect(r).toMatchObject({ spec: { metadata: { mode: "RECOVERED", referenceExecution: { name: "rest-etl" } } } });
  });

  it("terminate (DELETE /api/v1/executions/…) ends a running execution ABORTED", async (ctx) => {
    if (!haveCurl) return ctx.skip();
    // As the docs write it: curl -d without a Content-Type.
    await curl("-X", "POST", `${base}/api/v1/executions`, "-d", JSON.stringify({ project: "flytesnacks", domain: "development", name: "rest-slow", spec: { launch_plan: lpId("slow.wf") } }));
    await waitForPhase("rest-slow", "RUNNING");
    const n0Phase = async () =>
      (await curlJson(`${base}/api/v1/node_executions/flytesnacks/development/rest-slow?limit=100`)).nodeExecutions!.find((n) => n.id.nodeId === "n0")?.closure.phase;
    while ((await n0Phase()) !== "RUNNING") await new Promise((r) => setTimeout(r, 50));
    await curl("-X", "DELETE", `${base}/api/v1/executions/flytesnacks/development/rest-slow`, "-H", "Content-Type: application/json", "-d", '{"cause":"stopped from curl"}');
    await waitForPhase("rest-slow", "ABORTED");
    const e = await curlJson(`${base}/api/v1/executions/flytesnacks/development/rest-slow`);
    expect(e).toMatchObject({ closure: { abortMetadata: { cause: "stopped from curl" } } });
    expect(await n0Phase()).toBe("ABORTED");
    // Terminating an ended execution is refused (FailedPrecondition → 400).
    await expect(curl("-X", "DELETE", `${base}/api/v1/executions/flytesnacks/development/rest-slow`, "-d", '{"cause":"again"}')).rejects.toThrow();
  });

  it("takes and answers binary protobuf (application/octet-stream), as the old console sends it", async (ctx) => {
    if (!haveCurl) return ctx.skip();
    const body = path.join(dir, "create.pb");
    writeFileSync(
      body,
      toBinary(
        ExecutionCreateRequestSchema,
        create(ExecutionCreateRequestSchema, {
          project: "flytesnacks",
          domain: "development",
          name: "rest-binary",
          spec: { launchPlan: { resourceType: 3, project: "flytesnacks", domain: "development", name: "etl.wf", version: "v1" } },
          inputs: { literals: { day: L.str("2024-07-01") } },
        }),
      ),
    );
    const answer = await curl("-X", "POST", `${base}/api/v1/executions`, "-H", "Content-Type: application/octet-stream", "-H", "Accept: application/octet-stream", "--data-binary", `@${body}`);
    expect(fromBinary(ExecutionCreateResponseSchema, new Uint8Array(answer)).id?.name).toBe("rest-binary");
    expect(readFileSync(body).length).toBeGreaterThan(0);
    expect(await phaseOf("rest-binary")).toBeDefined();
  });
});
