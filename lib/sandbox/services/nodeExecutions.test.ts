// ListNodeExecutions (and ListTaskExecutions) as a live view pages them: FlyteAdmin's sort keys (its
// columns), its refusals, and its offset token, stable under a unique unchanging key while rows change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Sort_Direction } from "@/lib/gen/flyteidl/admin/common_pb";
import { NodeExecution_Phase as NP, TaskExecution_Phase as TP, WorkflowExecution_Phase as WP } from "@/lib/gen/flyteidl/core/execution_pb";
import type { WorkflowExecutionIdentifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { insertExecution } from "../store/executions";
import { makeExecution } from "./testing/builders";
import { startTestSandbox, type TestSandbox } from "./testing/server";

/** The columns of FlyteAdmin's node_executions and task_executions tables: the sort keys it accepts. */
const NODE_EXECUTION_COLUMNS = [
  "id", "created_at", "updated_at", "deleted_at", "execution_project", "execution_domain", "execution_name", "node_id", "phase",
  "input_uri", "closure", "started_at", "node_execution_created_at", "node_execution_updated_at", "duration", "node_execution_metadata",
  "parent_id", "parent_task_execution_id", "error_kind", "error_code", "cache_status", "dynamic_workflow_remote_closure_reference",
  "internal_data",
];
const TASK_EXECUTION_COLUMNS = [
  "id", "created_at", "updated_at", "deleted_at", "project", "domain", "name", "version", "execution_project", "execution_domain",
  "execution_name", "node_id", "retry_attempt", "phase", "phase_version", "input_uri", "closure", "started_at",
  "task_execution_created_at", "task_execution_updated_at", "duration",
];

let clock = Date.UTC(2024, 5, 1, 12);
let sb: TestSandbox;
let runs = 0;

beforeAll(async () => {
  sb = await startTestSandbox({ now: () => clock });
});
afterAll(() => sb.close());

/** A running execution with `count` queued top-level nodes n00, n01, …, written one after the other. */
async function executionWithNodes(count: number): Promise<WorkflowExecutionIdentifier> {
  const name = `paged${++runs}`;
  insertExecution(sb.ctx.db, makeExecution({ name, phase: WP.RUNNING, createdMs: clock }));
  const id = { project: "flytesnacks", domain: "development", name } as WorkflowExecutionIdentifier;
  for (let i = 0; i < count; i++) await nodeEvent(id, nodeId(i), NP.QUEUED);
  return id;
}

const nodeId = (i: number) => `n${String(i).padStart(2, "0")}`;

async function nodeEvent(executionId: WorkflowExecutionIdentifier, id: string, phase: NP): Promise<void> {
  clock += 10;
  await sb.admin.createNodeEvent({
    requestId: `${id}/${phase}`,
    event: { id: { executionId, nodeId: id }, phase, occurredAt: timestampFromMs(clock), producerId: "propeller", specNodeId: id },
  });
}

async function page(id: WorkflowExecutionIdentifier, key: string, direction: Sort_Direction, token: string) {
  const res = await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 7, token, sortBy: { key, direction } });
  return { ids: res.nodeExecutions.map((n) => n.id!.nodeId), token: res.token };
}

/** Reads every page, moving three nodes on (RUNNING) between pages: one already seen, two not yet. */
async function pageWhileUpdating(key: string, direction: Sort_Direction): Promise<string[]> {
  const id = await executionWithNodes(25);
  const seen: string[] = [];
  const moved = new Set<string>();
  const move = async (nodeId: string | undefined) => {
    if (nodeId === undefined || moved.has(nodeId)) return;
    moved.add(nodeId);
    await nodeEvent(id, nodeId, NP.RUNNING);
  };
  let token = "";
  do {
    const next = await page(id, key, direction, token);
    seen.push(...next.ids);
    token = next.token;
    const unseen = Array.from({ length: 25 }, (_, i) => nodeId(i)).filter((n) => !seen.includes(n));
    await move(next.ids[0]);
    await move(unseen[0]);
    await move(unseen[unseen.length - 1]);
  } while (token !== "");
  return seen;
}

async function refusal(p: Promise<unknown>): Promise<{ code: Code; message: string } | undefined> {
  try {
    await p;
    return undefined;
  } catch (err) {
    const e = ConnectError.from(err);
    return { code: e.code, message: e.rawMessage };
  }
}

describe("ListNodeExecutions paged by FlyteAdmin's token", () => {
  it.each([
    ["id", "ASCENDING"],
    ["id", "DESCENDING"],
    ["created_at", "ASCENDING"],
    ["node_execution_created_at", "DESCENDING"],
  ] as const)("neither repeats nor skips a row sorted by %s %s while rows change between pages", async (key, name) => {
    const direction = Sort_Direction[name];
    const all = Array.from({ length: 25 }, (_, i) => nodeId(i));
    const seen = await pageWhileUpdating(key, direction);
    expect(seen).toEqual(direction === Sort_Direction.ASCENDING ? all : [...all].reverse());
  });

  it("sorted by updated_at, rows that change move between pages (why a live view pages by a key that never changes)", async () => {
    const seen = await pageWhileUpdating("updated_at", Sort_Direction.ASCENDING);
    expect(seen.length).toBeGreaterThan(new Set(seen).size);
  });

  it("gives the offset of the next page as the token, none after the last", async () => {
    const id = await executionWithNodes(10);
    const first = await page(id, "id", Sort_Direction.ASCENDING, "");
    expect(first).toEqual({ ids: ["n00", "n01", "n02", "n03", "n04", "n05", "n06"], token: "7" });
    expect(await page(id, "id", Sort_Direction.ASCENDING, "7")).toEqual({ ids: ["n07", "n08", "n09"], token: "" });
  });
});

describe("sort keys and tokens FlyteAdmin accepts or refuses", () => {
  it("accepts every column of FlyteAdmin's node_executions table as a sort key", async () => {
    const id = await executionWithNodes(3);
    for (const key of NODE_EXECUTION_COLUMNS) {
      const res = await sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 10, sortBy: { key, direction: Sort_Direction.DESCENDING } });
      expect(res.nodeExecutions.length, key).toBe(3);
    }
  });

  it.each(["name", "node_execution.created_at", "nodeId", ""])("refuses the sort key '%s' as FlyteAdmin does", async (key) => {
    const id = await executionWithNodes(1);
    expect(await refusal(sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 10, sortBy: { key } }))).toEqual({
      code: Code.InvalidArgument,
      message: `invalid sort key '${key}'`,
    });
  });

  it("refuses a token that is not an offset as FlyteAdmin does", async () => {
    const id = await executionWithNodes(1);
    expect(await refusal(sb.admin.listNodeExecutions({ workflowExecutionId: id, limit: 10, token: "abc" }))).toEqual({
      code: Code.InvalidArgument,
      message: "invalid pagination token abc for ListNodeExecutions",
    });
  });

  it("task executions: every column of FlyteAdmin's task_executions table, nothing else", async () => {
    const id = await executionWithNodes(1);
    const taskId = { resourceType: 1, project: "flytesnacks", domain: "development", name: "t.a", version: "v1" };
    const parentNodeExecutionId = { executionId: id, nodeId: "n00" };
    for (const [attempt, phase] of [[0, TP.FAILED], [1, TP.QUEUED]] as const) {
      clock += 10;
      await sb.admin.createTaskEvent({
        requestId: `t/${attempt}`,
        event: { taskId, parentNodeExecutionId, retryAttempt: attempt, phase, occurredAt: timestampFromMs(clock), producerId: "propeller" },
      });
    }
    const list = (key: string, direction = Sort_Direction.DESCENDING) =>
      sb.admin.listTaskExecutions({ nodeExecutionId: parentNodeExecutionId, limit: 10, sortBy: { key, direction } });
    for (const key of TASK_EXECUTION_COLUMNS) expect((await list(key)).taskExecutions.length, key).toBe(2);
    expect((await list("retry_attempt")).taskExecutions.map((t) => t.id?.retryAttempt)).toEqual([1, 0]);
    expect(await refusal(list("node_execution_created_at"))).toEqual({ code: Code.InvalidArgument, message: "invalid sort key 'node_execution_created_at'" });
  });
});
