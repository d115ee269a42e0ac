// `npm run bench -- sandbox`: the sandbox's own hot paths, in-process on a data folder on disk (WAL):
//  - executor throughput: N small workflows (two chained task nodes, 0 ms tasks, 0 ms queue) launched at
//    once and driven by back-to-back executor rounds to completion: executions/s and events/s;
//  - ListExecutions over gRPC at 10,000 executions: plain (newest first) and filtered by
//    phase + workflow + start time, p50/p99 of the round trip.
// Needs no console build; results/bench/sandbox.json like the other sections.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { create } from "@bufbuild/protobuf";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ExecutionCreateRequestSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { sandboxConfig } from "@/lib/sandbox/config";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox/server";
import { registerSteps } from "@/lib/sandbox/seed";
import { CatalogBuilder, type WorkflowHandle } from "@/lib/sandbox/seed/catalog/builder";
import { T } from "@/lib/sandbox/seed/catalog/literals";
import { out, taskNode } from "@/lib/sandbox/seed/catalog/nodes";
import { seedHistory } from "@/lib/sandbox/seed/history";
import { seedCatalog } from "@/lib/sandbox/seed/catalog";
import { findLaunchPlan, findTask, findWorkflow } from "@/lib/sandbox/services/lookups";
import { launchExecution } from "@/lib/sandbox/services/launch";
import { activeExecutionIds } from "@/lib/sandbox/store/executions";
import { printTable, round, summarize, type LatencySummary } from "./stats";

const CONCURRENCY = [50, 200];
const HISTORY = 10_000;
const LIST_CALLS = 200;
const PAGE = 50;

interface Throughput {
  concurrent: number;
  events: number;
  seconds: number;
  executionsPerSec: number;
  eventsPerSec: number;
  rounds: number;
}

function smallWorkflow(sandbox: RunningSandbox): WorkflowHandle {
  const c = new CatalogBuilder("flytesnacks", "development", "bench");
  const t = c.task({ name: "bench.step", description: "", outputs: { o0: T.int }, sandbox: { durationMs: 0 } });
  const u = c.task({ name: "bench.next", description: "", inputs: { x: T.int }, outputs: { o0: T.int }, sandbox: { durationMs: 0 } });
  const wf = c.workflow({
    name: "bench.small_wf",
    description: "",
    outputs: { o0: T.int },
    nodes: [taskNode("n0", t), taskNode("n1", u, { x: out("n0") })],
    returns: { o0: out("n1") },
  });
  const failed = registerSteps(sandbox.ctx, c.steps);
  if (failed) throw new Error("could not register the benchmark workflow");
  return wf;
}

const eventCount = (sandbox: RunningSandbox) => (sandbox.ctx.db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;

function throughput(sandbox: RunningSandbox, wf: WorkflowHandle, concurrent: number, batch: number): Throughput {
  for (let i = 0; i < concurrent; i++) {
    launchExecution(
      sandbox.ctx,
      create(ExecutionCreateRequestSchema, { project: "flytesnacks", domain: "development", name: `bench-${batch}-${i}`, spec: { launchPlan: wf.launchPlan.id } }),
    );
  }
  const eventsBefore = eventCount(sandbox);
  const started = performance.now();
  let rounds = 0;
  while (activeExecutionIds(sandbox.ctx.db).length > 0) {
    sandbox.loop.tick();
    if (++rounds > 10_000) throw new Error("the executions did not finish");
  }
  const seconds = (performance.now() - started) / 1000;
  const events = eventCount(sandbox) - eventsBefore;
  return { concurrent, events, seconds: round(seconds, 2), executionsPerSec: round(concurrent / seconds, 1), eventsPerSec: Math.round(events / seconds), rounds };
}

async function listLatency(sandbox: RunningSandbox, filters: string): Promise<LatencySummary & { rows: number }> {
  const admin = createClient(AdminService, createGrpcTransport({ baseUrl: sandbox.grpcUrl }));
  const call = () => admin.listExecutions({ id: { project: "flytesnacks", domain: "development" }, limit: PAGE, filters });
  let rows = 0;
  for (let i = 0; i < 10; i++) rows = (await call()).executions.length; // warm up
  const samples: number[] = [];
  for (let i = 0; i < LIST_CALLS; i++) {
    const t = performance.now();
    await call();
    samples.push(performance.now() - t);
  }
  const s = summarize(samples);
  return { ...s, p50: round(s.p50, 2), p99: round(s.p99, 2), mean: round(s.mean, 2), rows };
}

export async function benchSandbox() {
  const dataDir = mkdtempSync(join(tmpdir(), "sbx-bench-"));
  const base = sandboxConfig({});
  const sandbox = await startSandbox(
    { ...base, grpcPort: 0, httpPort: 0, dataDir, seed: false, executor: { ...base.executor, taskDurationMs: 0, queueDelayMs: 0, failureRate: 0 } },
    { executor: false },
  );
  try {
    const wf = smallWorkflow(sandbox);
    const executor = CONCURRENCY.map((n, i) => throughput(sandbox, wf, n, i));
    console.log("\nSandbox executor: small workflows (2 task nodes, 0 ms tasks) run to completion, back-to-back rounds");
    printTable(
      ["concurrent", "events", "seconds", "executions/s", "events/s", "rounds"],
      executor.map((t) => [t.concurrent, t.events, t.seconds, t.executionsPerSec, t.eventsPerSec, t.rounds]),
    );

    const now = Date.now();
    const insertStarted = performance.now();
    // History runs the seed catalog's launch plans (registered where missing), through the executor.
    registerSteps(sandbox.ctx, seedCatalog("flytesnacks", "development").steps.filter((s) => !(s.kind === "launchPlan" ? findLaunchPlan : s.kind === "workflow" ? findWorkflow : findTask)(sandbox.ctx.db, s.request.id!)));
    seedHistory(sandbox.ctx, { project: "flytesnacks", domain: "development", count: HISTORY, endMs: now, spanMs: 30 * 86_400_000, seed: 7 });
    const insertMs = Math.round(performance.now() - insertStarted);
    const since = new Date(now - 7 * 86_400_000).toISOString();
    const list = {
      executions: HISTORY + CONCURRENCY.reduce((a, b) => a + b, 0),
      historyInsertMs: insertMs,
      plain: await listLatency(sandbox, ""),
      phaseWorkflowTime: await listLatency(sandbox, `eq(phase,SUCCEEDED)+eq(workflow.name,core.control_flow.subworkflows.parent_wf)+gte(execution_created_at,${since})`),
    };
    console.log(`\nSandbox ListExecutions over gRPC at ${list.executions} executions (page of ${PAGE}, ${LIST_CALLS} calls; 10,000 history rows written in ${insertMs} ms)`);
    printTable(
      ["list", "rows", "p50 ms", "p99 ms", "mean ms"],
      [
        ["plain (newest first)", list.plain.rows, list.plain.p50, list.plain.p99, list.plain.mean],
        ["phase + workflow + time", list.phaseWorkflowTime.rows, list.phaseWorkflowTime.p50, list.phaseWorkflowTime.p99, list.phaseWorkflowTime.mean],
      ],
    );
    return { executor, list };
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The bench section: runs when `npm run bench` is given no section or names `sandbox`; writes
 * results/bench/sandbox.json. Returns true when nothing else was asked for (the caller can stop there
 * and skip the console build the other sections need).
 */
