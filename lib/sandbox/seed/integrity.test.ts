// Every run the first start seeds, walked through FlyteAdmin's API as a client would: it references a
// registered launch plan and workflow (the exact versions), and a finished run carries what a real run of
// that workflow leaves behind: node executions for the nodes it reached, task attempts with their logs,
// outputs when it succeeded, an error on the run and on a failing node when it failed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import type { Execution } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import {
  NodeExecution_Phase as NP,
  TaskExecution_Phase as TP,
  WorkflowExecution_Phase as WP,
} from "@/lib/gen/flyteidl/core/execution_pb";
import type { CompiledWorkflowClosure } from "@/lib/gen/flyteidl/core/compiler_pb";
import type { Node } from "@/lib/gen/flyteidl/core/workflow_pb";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { DOMAINS } from "../services/projects";

const NOW = Date.UTC(2024, 6, 1, 9, 30);
const TERMINAL_WF = new Set([WP.SUCCEEDED, WP.FAILED, WP.ABORTED, WP.TIMED_OUT]);
const TERMINAL_NODE = new Set([NP.SUCCEEDED, NP.FAILED, NP.TIMED_OUT, NP.ABORTED, NP.SKIPPED, NP.RECOVERED]);
const TERMINAL_TASK = new Set([TP.SUCCEEDED, TP.FAILED, TP.ABORTED, TP.RETRYABLE_FAILED]);

let sandbox: RunningSandbox;
let admin: Client<typeof AdminService>;
const dataDir = mkdtempSync(path.join(tmpdir(), "sbx-seed-integrity-"));

beforeAll(async () => {
  sandbox = await startSandbox(
    { ...sandboxConfig({ FLYTE_SANDBOX_DATA_DIR: dataDir }), grpcPort: 0, httpPort: 0, host: "127.0.0.1" },
    { now: () => NOW, executor: false },
  );
  admin = createClient(AdminService, createGrpcTransport({ baseUrl: sandbox.grpcUrl }));
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every node of the closure (branch cases, sub-workflows), by spec node id: what a node execution ran. */
function specNodes(closure: CompiledWorkflowClosure): Map<string, Node> {
  const found = new Map<string, Node>();
  const visit = (n: Node | undefined) => {
    if (!n) return;
    found.set(n.id, n);
    if (n.target.case === "branchNode") {
      const ifElse = n.target.value.ifElse;
      visit(ifElse?.case?.thenNode);
      ifElse?.other.forEach((o) => visit(o.thenNode));
      if (ifElse?.default.case === "elseNode") visit(ifElse.default.value);
    }
    if (n.target.case === "arrayNode") visit(n.target.value.node);
  };
  closure.primary?.template?.nodes.forEach(visit);
  closure.subWorkflows.forEach((w) => w.template?.nodes.forEach(visit));
  return found;
}

const isTaskNode = (ne: NodeExecution, spec: Map<string, Node>) =>
  ne.metadata?.isArray !== true &&
  (ne.closure?.targetMetadata.case === "taskNodeMetadata" || spec.get(ne.metadata?.specNodeId ?? "")?.target.case === "taskNode");

/** Every node execution of a run, children of branch, sub-workflow and dynamic nodes included; `top`: those at the top. */
async function allNodeExecutions(e: Execution): Promise<{ all: NodeExecution[]; top: Map<string, NodeExecution> }> {
  const all: NodeExecution[] = [];
  const top = new Map<string, NodeExecution>();
  const walk = async (uniqueParentId: string) => {
    let token = "";
    do {
      const page = await admin.listNodeExecutions({ workflowExecutionId: e.id, limit: 500, token, uniqueParentId });
      for (const ne of page.nodeExecutions) {
        all.push(ne);
        if (!uniqueParentId) top.set(ne.id!.nodeId, ne);
        if (ne.metadata?.isParentNode) await walk(ne.id!.nodeId);
      }
      token = page.token;
    } while (token);
  };
  await walk("");
  return { all, top };
}

async function allExecutions(project: string, domain: string): Promise<Execution[]> {
  const out: Execution[] = [];
  let token = "";
  do {
    const page = await admin.listExecutions({ id: { project, domain }, limit: 500, token });
    out.push(...page.executions);
    token = page.token;
  } while (token);
  return out;
}

/** What is wrong with one seeded run, as a client of FlyteAdmin's API sees it. */
async function problemsOf(e: Execution): Promise<string[]> {
  const problems: string[] = [];
  const lpId = e.spec?.launchPlan;
  const wfId = e.closure?.workflowId;
  const lp = await admin.getLaunchPlan({ id: lpId }).catch(() => undefined);
  if (!lp) problems.push(`launch plan ${lpId?.name}@${lpId?.version} is not registered`);
  const wf = await admin.getWorkflow({ id: wfId }).catch(() => undefined);
  if (!wf) problems.push(`workflow ${wfId?.name}@${wfId?.version} is not registered`);
  if (lp && wf && (lp.spec?.workflowId?.name !== wfId?.name || lp.spec?.workflowId?.version !== wfId?.version)) {
    problems.push(`runs ${wfId?.name}@${wfId?.version} but its launch plan launches ${lp.spec?.workflowId?.name}@${lp.spec?.workflowId?.version}`);
  }
  const phase = e.closure?.phase ?? WP.UNDEFINED;
  if (!wf?.closure?.compiledWorkflow || !TERMINAL_WF.has(phase)) return problems;
  const closure = wf.closure.compiledWorkflow;
  const spec = specNodes(closure);
  const { all: nodes, top } = await allNodeExecutions(e);

  for (const ne of nodes) {
    const p = ne.closure?.phase ?? NP.UNDEFINED;
    if (!TERMINAL_NODE.has(p)) problems.push(`node ${ne.id?.nodeId} is ${NP[p]} in a ${WP[phase]} run`);
    if (isTaskNode(ne, spec) && p !== NP.SKIPPED && p !== NP.RECOVERED && ne.closure?.startedAt) {
      const tasks = await admin.listTaskExecutions({ nodeExecutionId: ne.id, limit: 100 });
      if (tasks.taskExecutions.length === 0) problems.push(`task node ${ne.id?.nodeId} (${NP[p]}) has no task executions`);
      for (const te of tasks.taskExecutions) {
        const tp = te.closure?.phase ?? TP.UNDEFINED;
        if (!TERMINAL_TASK.has(tp)) problems.push(`task attempt ${ne.id?.nodeId}#${te.id?.retryAttempt} is ${TP[tp]}`);
        if (!te.closure?.logs.length) problems.push(`task attempt ${ne.id?.nodeId}#${te.id?.retryAttempt} has no log links`);
      }
    }
  }
  if (phase !== WP.ABORTED && nodes.length === 0) problems.push(`a ${WP[phase]} run with 0 node executions`);

  if (phase === WP.SUCCEEDED) {
    for (const n of closure.primary?.template?.nodes ?? []) {
      if (n.id === "start-node" || n.id === "end-node") continue;
      const p = top.get(n.id)?.closure?.phase;
      if (p !== NP.SUCCEEDED && p !== NP.SKIPPED) problems.push(`node ${n.id} is ${p === undefined ? "missing" : NP[p]} in a SUCCEEDED run`);
    }
    for (const ne of nodes) {
      const p = ne.closure?.phase;
      if (p !== NP.SUCCEEDED && p !== NP.SKIPPED && p !== NP.RECOVERED) problems.push(`node ${ne.id?.nodeId} is ${NP[p ?? 0]} in a SUCCEEDED run`);
    }
    const data = await admin.getExecutionData({ id: e.id });
    for (const name of Object.keys(closure.primary?.template?.interface?.outputs?.variables ?? {})) {
      if (!data.fullOutputs?.literals[name]) problems.push(`output ${name} missing from GetExecutionData`);
    }
    for (const ne of nodes.filter((n) => n.closure?.phase === NP.SUCCEEDED)) {
      const target = spec.get(ne.metadata?.specNodeId ?? "")?.target;
      if (target?.case !== "taskNode" || target.value.reference.case !== "referenceId") continue;
      const ref = target.value.reference.value;
      const task = closure.tasks.find((t) => t.template?.id?.name === ref.name && t.template.id.version === ref.version);
      const names = Object.keys(task?.template?.interface?.outputs?.variables ?? {});
      if (names.length === 0) continue;
      const nd = await admin.getNodeExecutionData({ id: ne.id });
      for (const name of names) if (!nd.fullOutputs?.literals[name]) problems.push(`node ${ne.id?.nodeId}: output ${name} missing from GetNodeExecutionData`);
    }
  }
  if (phase === WP.FAILED || phase === WP.TIMED_OUT) {
    const out = e.closure?.outputResult;
    if (out?.case !== "error" || !out.value.message) problems.push(`a ${WP[phase]} run without an error`);
    const failing = nodes.filter((n) => (n.closure?.phase === NP.FAILED || n.closure?.phase === NP.TIMED_OUT) && n.closure.outputResult.case === "error");
    if (failing.length === 0) problems.push(`a ${WP[phase]} run with no failed node carrying an error`);
  }
  if (phase === WP.ABORTED) {
    if (e.closure?.outputResult.case !== "abortMetadata") problems.push("an ABORTED run without abort metadata");
    if (e.closure?.startedAt && nodes.length === 0) problems.push("an ABORTED run that had started with 0 node executions");
  }
  return problems;
}

describe("seeded runs", () => {
  it("reference registered entities and carry what a real run of their workflow leaves behind", async () => {
    const { projects } = await admin.listProjects({ limit: 100 });
    expect(projects.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let walked = 0;
    let finished = 0;
    for (const project of projects) {
      for (const domain of DOMAINS) {
        for (const e of await allExecutions(project.id, domain.id)) {
          walked++;
          if (TERMINAL_WF.has(e.closure?.phase ?? WP.UNDEFINED)) finished++;
          for (const p of await problemsOf(e)) problems.push(`${project.id}/${domain.id}/${e.id?.name}: ${p}`);
        }
      }
    }
    expect(walked).toBeGreaterThan(60);
    expect(finished).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  }, 120_000);
});
