// kill -9 of the sandbox process in the middle of a running execution and of a stream of writes, then a
// restart on the same data folder: every acknowledged write is there, and the execution carries on from
// what the store holds to SUCCEEDED. The real process (`tsx lib/sandbox/main.ts`), spawned as a child.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { NodeExecution_Phase as NP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { CatalogBuilder } from "./seed/catalog/builder";
import { L, T } from "./seed/catalog/literals";
import { out, taskNode, wfInput } from "./seed/catalog/nodes";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const P = "flytesnacks";
const D = "development";

interface Running {
  child: ChildProcess;
  admin: Client<typeof AdminService>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), "sbx-kill9-"));

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the sandbox process on free ports; resolves once it prints that gRPC listens. */
function startProcess(): Promise<Running> {
  // One process, so SIGKILL hits the sandbox itself (the tsx CLI would run it in a grandchild that survives).
  const child = spawn(process.execPath, ["--import", "tsx", "lib/sandbox/main.ts"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      FLYTE_SANDBOX_DATA_DIR: dataDir,
      FLYTE_SANDBOX_GRPC_PORT: "0",
      FLYTE_SANDBOX_HTTP_PORT: "0",
      FLYTE_SANDBOX_SEED: "0",
      FLYTE_SANDBOX_TICK_MS: "25",
      FLYTE_SANDBOX_QUEUE_MS: "20",
      FLYTE_SANDBOX_TASK_MS: "100",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in time:\n${output}`)), 60_000);
    child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
    child.stdout!.on("data", (b: Buffer) => {
      output += b.toString();
      const port = /grpc listening on [^\s]+:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      const admin = createClient(AdminService, createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` }));
      resolve({ child, admin, exited });
    });
    void exited.then((code) => reject(new Error(`sandbox exited (${code}) before it listened:\n${output}`)));
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

function catalog() {
  const c = new CatalogBuilder(P, D, "v1");
  const step = c.task({ name: "t.step", description: "", inputs: { n: T.int }, outputs: { o0: T.int }, sandbox: { durationMs: 700 } });
  const chain = c.workflow({
    name: "wf.chain",
    description: "",
    inputs: { n: T.int },
    outputs: { o0: T.int },
    defaults: { n: L.int(1) },
    nodes: [taskNode("n0", step, { n: wfInput("n") }), taskNode("n1", step, { n: out("n0") }), taskNode("n2", step, { n: out("n1") })],
    returns: { o0: out("n2") },
  });
  return { steps: c.steps, chain };
}

describe("kill -9 and restart on the same data folder", () => {
  it("loses no acknowledged write and finishes the running execution", async () => {
    const first = await startProcess();
    const { steps, chain } = catalog();
    for (const s of steps) {
      if (s.kind === "task") await first.admin.createTask(s.request);
      else if (s.kind === "workflow") await first.admin.createWorkflow(s.request);
      else await first.admin.createLaunchPlan(s.request);
    }
    const launch = (admin: Client<typeof AdminService>, name: string) =>
      admin.createExecution({ project: P, domain: D, name, spec: { launchPlan: chain.launchPlan.id }, inputs: { literals: { n: L.int(7) } } });
    const id: WorkflowExecutionIdentifier = (await launch(first.admin, "running-at-kill")).id!;
    const node = (admin: Client<typeof AdminService>, nodeId: string) => admin.getNodeExecution({ id: { executionId: id, nodeId } });

    // Mid-run: n0 done, n1 running.
    const n0Before = await waitFor("n0 succeeded", async () => {
      const n = await node(first.admin, "n0");
      return n.closure?.phase === NP.SUCCEEDED ? n : undefined;
    });
    await waitFor("n1 running", async () => ((await node(first.admin, "n1")).closure?.phase === NP.RUNNING ? true : undefined));

    // A stream of writes, each acknowledged or not when the process dies.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await launch(first.admin, `ack-${i}`);
          acknowledged.push(`ack-${i}`);
        } catch {
          return; // the server went away
        }
      }
    })();
    await waitFor("some writes acknowledged", async () => (acknowledged.length >= 5 ? true : undefined));
    first.child.kill("SIGKILL");
    expect(first.child.pid).toBeDefined();
    await first.exited;
    stop = true;
    await writer;
    expect(first.child.signalCode).toBe("SIGKILL");

    const second = await startProcess();
    const running = await second.admin.getExecution({ id });
    expect([WP.RUNNING, WP.SUCCEEDING, WP.SUCCEEDED]).toContain(running.closure?.phase);
    // What was recorded before the kill is exactly as it was.
    expect((await node(second.admin, "n0")).closure).toEqual(n0Before.closure);
    for (const name of acknowledged) {
      const e = await second.admin.getExecution({ id: { project: P, domain: D, name } });
      expect(e.id?.name).toBe(name);
    }

    const done = await waitFor("the execution to finish after the restart", async () => {
      const e = await second.admin.getExecution({ id });
      return e.closure?.phase === WP.SUCCEEDED || e.closure?.phase === WP.FAILED ? e : undefined;
    });
    expect(WP[done.closure!.phase]).toBe("SUCCEEDED");
    for (const nodeId of ["n0", "n1", "n2"]) expect((await node(second.admin, nodeId)).closure?.phase).toBe(NP.SUCCEEDED);
    const data = await second.admin.getExecutionData({ id });
    expect(Object.keys(data.fullOutputs?.literals ?? {})).toEqual(["o0"]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 120_000);
});
