// The shared watch against a real gRPC upstream on loopback whose execution changes under it.
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NodeExecutionListSchema, NodeExecutionSchema, type NodeExecution } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { NodeExecution_Phase, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { readAdminConfig } from "../config";
import { metrics } from "../metrics";
import { createUpstream } from "../upstream";
import type { WatchUpdate } from "./execution-watch";
import { updatesOf, WatchHub } from "./hub";

const ID = { project: "p", domain: "d", name: "run1" };
let clock = 1_700_000_000_000;
let execPhase = WorkflowExecution_Phase.RUNNING;
let execUpdated = clock;
let failing = false;
/** Set: GetExecution answers with this code (a revoked token, RBAC, a deleted execution). */
let endWith: Code | undefined;
const calls: string[] = [];
const nodes = new Map<string, { parent: string; phase: NodeExecution_Phase; updated: number; isParent: boolean }>();

function setNode(id: string, phase: NodeExecution_Phase, parent = "", isParent = false) {
  clock += 10;
  nodes.set(id, { parent, phase, updated: clock, isParent });
}

function toMessage(id: string): NodeExecution {
  const n = nodes.get(id)!;
  return create(NodeExecutionSchema, {
    id: { nodeId: id, executionId: ID },
    closure: { phase: n.phase, updatedAt: timestampFromMs(n.updated) },
    metadata: { isParentNode: n.isParent },
  });
}

function routes(router: ConnectRouter) {
  router.service(AdminService, {
    getExecution: () => {
      calls.push("GetExecution");
      if (endWith !== undefined) throw new ConnectError(`refused with ${Code[endWith]}`, endWith);
      if (failing) throw new ConnectError("database is down", Code.Unavailable);
      return create(ExecutionSchema, { id: ID, closure: { phase: execPhase, updatedAt: timestampFromMs(execUpdated) } });
    },
    listNodeExecutions: (req) => {
      calls.push(`ListNodeExecutions(${req.uniqueParentId})`);
      const since = /gte\(updated_at,([^)]+)\)/.exec(req.filters)?.[1];
      const sinceMs = since ? Date.parse(since) : 0;
      const ids = [...nodes.entries()]
        .filter(([, n]) => n.parent === req.uniqueParentId && n.updated >= sinceMs)
        .map(([id]) => id);
      return create(NodeExecutionListSchema, { nodeExecutions: ids.map(toMessage) });
    },
  });
}

let server: Http2Server;
const sessions = new Set<ServerHttp2Session>();
let hub: WatchHub;

beforeAll(async () => {
  server = createServer(connectNodeAdapter({ routes, grpc: true }));
  server.on("session", (s) => sessions.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // With FlyteAdmin's session keys, so that sign-in is on and Unauthenticated carries the sign-in URL.
  const keys = { FLYTE_CONSOLE_COOKIE_HASH_KEY: "a".repeat(86), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: "b".repeat(43) };
  hub = new WatchHub(createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port}`, ...keys })), {
    intervalMs: 40,
    maxBackoffMs: 200,
    overlapMs: 0,
    pageSize: 100,
  });
});

afterAll(() => {
  for (const s of sessions) s.destroy();
  server.close();
});

beforeEach(() => {
  nodes.clear();
  calls.length = 0;
  failing = false;
  endWith = undefined;
  execPhase = WorkflowExecution_Phase.RUNNING;
  ID.name = `run-${Math.random().toString(36).slice(2, 8)}`;
  setNode("n0", NodeExecution_Phase.RUNNING);
  setNode("n1", NodeExecution_Phase.RUNNING, "", true);
  setNode("n1-0-a", NodeExecution_Phase.RUNNING, "n1");
});

function collect() {
  const updates: WatchUpdate[] = [];
  const next = (pred: (u: WatchUpdate) => boolean, timeoutMs = 3_000) =>
    new Promise<WatchUpdate>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        const hit = updates.find(pred);
        if (hit) return resolve(hit);
        if (Date.now() - started > timeoutMs) return reject(new Error(`no matching update in ${JSON.stringify(updates.map((u) => u.nodeExecutions.map((n) => n.id?.nodeId)))}`));
        setTimeout(check, 10);
      };
      check();
    });
  return { updates, listener: (u: WatchUpdate) => updates.push(u), next };
}

const ids = (u: WatchUpdate) => u.nodeExecutions.map((n) => n.id?.nodeId).sort();

describe("WatchHub", () => {
  it("sends a snapshot with child nodes, then only what changed, then ends when all is terminal", async () => {
    const c = collect();
    const stop = hub.subscribe(ID, new Headers(), c.listener);
    const snap = await c.next((u) => u.snapshot);
    expect(ids(snap)).toEqual(["n0", "n1", "n1-0-a"]);

    setNode("n0", NodeExecution_Phase.SUCCEEDED);
    const change = await c.next((u) => !u.snapshot && ids(u).includes("n0"));
    expect(ids(change)).toEqual(["n0"]);
    expect(change.nodeExecutions[0].closure?.phase).toBe(NodeExecution_Phase.SUCCEEDED);

    setNode("n1-0-a", NodeExecution_Phase.SUCCEEDED, "n1");
    setNode("n1", NodeExecution_Phase.SUCCEEDED, "", true);
    execPhase = WorkflowExecution_Phase.SUCCEEDED;
    execUpdated = clock;
    const end = await c.next((u) => u.terminal);
    expect(end.execution?.closure?.phase ?? WorkflowExecution_Phase.SUCCEEDED).toBe(WorkflowExecution_Phase.SUCCEEDED);
    const seen = new Set(c.updates.filter((u) => !u.snapshot).flatMap(ids));
    expect(seen).toEqual(new Set(["n0", "n1", "n1-0-a"]));

    const after = calls.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.length).toBe(after); // stopped polling
    stop();
  });

  it("names the parent each child was listed under, also for ids FlytePropeller shortened to a hash", async () => {
    setNode("n1", NodeExecution_Phase.RUNNING, "", true);
    setNode("fh3kq2p9x", NodeExecution_Phase.RUNNING, "n1");
    const c = collect();
    const stop = hub.subscribe(ID, new Headers(), c.listener);
    const snap = await c.next((u) => u.snapshot);
    expect(snap.parentNodeIds).toEqual({ "n1-0-a": "n1", fh3kq2p9x: "n1" });

    setNode("fh3kq2p9x", NodeExecution_Phase.SUCCEEDED, "n1");
    setNode("n0", NodeExecution_Phase.SUCCEEDED);
    const change = await c.next((u) => !u.snapshot && ids(u).includes("fh3kq2p9x"));
    // Only the changed nodes' parents, and none for a top-level node.
    expect(change.parentNodeIds).toEqual({ fh3kq2p9x: "n1" });
    stop();
  });

  it("makes fifty viewers cost FlyteAdmin what one costs", async () => {
    const one = collect();
    const stopOne = hub.subscribe(ID, new Headers(), one.listener);
    await one.next((u) => u.snapshot);
    calls.length = 0;
    await new Promise((r) => setTimeout(r, 400));
    const soloCalls = calls.length;
    stopOne();

    ID.name = `${ID.name}-many`;
    const many = Array.from({ length: 50 }, () => collect());
    const stops = many.map((c) => hub.subscribe(ID, new Headers(), c.listener));
    await Promise.all(many.map((c) => c.next((u) => u.snapshot)));
    calls.length = 0;
    await new Promise((r) => setTimeout(r, 400));
    const manyCalls = calls.length;
    stops.forEach((s) => s());
    expect(soloCalls).toBeGreaterThan(3);
    expect(manyCalls).toBeLessThanOrEqual(Math.ceil(soloCalls * 1.2) + 3);
  });

  it("keeps viewers with different credentials on separate loops", async () => {
    const a = collect();
    const b = collect();
    const stopA = hub.subscribe(ID, new Headers({ authorization: "Bearer a" }), a.listener);
    const stopB = hub.subscribe(ID, new Headers({ authorization: "Bearer b" }), b.listener);
    await Promise.all([a.next((u) => u.snapshot), b.next((u) => u.snapshot)]);
    expect(hub.activeWatches).toBeGreaterThanOrEqual(2);
    stopA();
    stopB();
  });

  it("counts open streams and running poll loops, and takes them back when the streams close", async () => {
    const gauge = async (name: "watchStreamsOpen" | "watchPollLoops") => (await metrics()[name].get()).values[0]?.value ?? 0;
    const streams0 = await gauge("watchStreamsOpen");
    const loops0 = await gauge("watchPollLoops");
    const a = collect();
    const b = collect();
    const stopA = hub.subscribe(ID, new Headers(), a.listener);
    const stopB = hub.subscribe(ID, new Headers(), b.listener);
    await Promise.all([a.next((u) => u.snapshot), b.next((u) => u.snapshot)]);
    expect(await gauge("watchStreamsOpen")).toBe(streams0 + 2);
    expect(await gauge("watchPollLoops")).toBe(loops0 + 1); // one shared loop

    stopA();
    stopA(); // closing twice counts once
    expect(await gauge("watchStreamsOpen")).toBe(streams0 + 1);
    expect(await gauge("watchPollLoops")).toBe(loops0 + 1);
    stopB();
    expect(await gauge("watchStreamsOpen")).toBe(streams0);
    await vi.waitFor(async () => expect(await gauge("watchPollLoops")).toBe(loops0));
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const loopsRunning = async () => (await metrics().watchPollLoops.get()).values[0]?.value ?? 0;

  /** A viewer's server stream: its messages and how it ended. */
  function stream(headers = new Headers(), expiresAtMs?: number) {
    const abort = new AbortController();
    const got: WatchUpdate[] = [];
    const ended = (async () => {
      try {
        for await (const u of updatesOf((l) => hub.subscribe(ID, headers, l, { expiresAtMs }), abort.signal)) got.push(u);
        return undefined;
      } catch (err) {
        return err as ConnectError;
      }
    })();
    return { got, ended, abort };
  }

  for (const code of [Code.Unauthenticated, Code.PermissionDenied, Code.NotFound]) {
    it(`ends every stream at once on ${Code[code]} from FlyteAdmin, stops polling, and forgets the watch`, async () => {
      const loops0 = await loopsRunning();
      const watches0 = hub.activeWatches;
      const a = stream();
      const b = stream();
      await vi.waitFor(() => expect(a.got.length && b.got.length).toBeTruthy());
      expect(await loopsRunning()).toBe(loops0 + 1);

      endWith = code;
      const [ea, eb] = await Promise.all([a.ended, b.ended]);
      for (const err of [ea, eb]) {
        expect(err).toBeInstanceOf(ConnectError);
        expect(err?.code).toBe(code);
        expect(err?.rawMessage).toBe(`refused with ${Code[code]}`);
        expect(err?.metadata.get("x-flyte-sign-in-url")).toBe(code === Code.Unauthenticated ? "/login" : null);
      }
      const after = calls.length;
      await pause(300); // several poll intervals (40 ms) and backoffs (up to 200 ms)
      expect(calls.length, "calls to FlyteAdmin after the watch ended").toBe(after);
      expect(await loopsRunning()).toBe(loops0);
      expect(hub.activeWatches).toBe(watches0);

      // The next viewer starts a fresh watch, which polls again.
      endWith = undefined;
      const c = stream();
      await vi.waitFor(() => expect(c.got[0]?.snapshot).toBe(true));
      expect(calls.length).toBeGreaterThan(after);
      c.abort.abort();
      await c.ended;
    });
  }

  it("ends with Unauthenticated when the session's ID token expires, without calling FlyteAdmin after", async () => {
    const loops0 = await loopsRunning();
    const expiresAt = Date.now() + 250;
    const s = stream(new Headers({ authorization: "IDToken expiring" }), expiresAt);
    await vi.waitFor(() => expect(s.got[0]?.snapshot).toBe(true));
    const err = await s.ended;
    const endedAt = Date.now();
    expect(err?.code).toBe(Code.Unauthenticated);
    expect(err?.rawMessage).toBe("Your session has expired: sign in again");
    expect(err?.metadata.get("x-flyte-sign-in-url")).toBe("/login");
    const after = calls.length;
    await pause(300);
    expect(calls.length).toBe(after);
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt);
    expect(await loopsRunning()).toBe(loops0);
  });

  it("reports an upstream outage to viewers, backs off, and clears it when FlyteAdmin is back", async () => {
    const c = collect();
    const stop = hub.subscribe(ID, new Headers(), c.listener);
    await c.next((u) => u.snapshot);
    failing = true;
    const err = await c.next((u) => u.upstreamError !== "");
    expect(err.upstreamError).toMatch(/unreachable|database is down/);
    failing = false;
    setNode("n0", NodeExecution_Phase.FAILED);
    const back = await c.next((u) => !u.snapshot && u.upstreamError === "" && ids(u).includes("n0"));
    expect(back.nodeExecutions[0].closure?.phase).toBe(NodeExecution_Phase.FAILED);
    stop();
  });
});
