// The shared watch against a fake FlyteAdmin on loopback whose execution changes under it.
import { Code, ConnectError } from "@connectrpc/connect";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NodeExecution_Phase as Node, WorkflowExecution_Phase as Workflow } from "@/lib/gen/flyteidl/core/execution_pb";
import { readAdminConfig } from "../config";
import { metrics } from "../metrics";
import { createUpstream, type Upstream } from "../upstream";
import type { WatchUpdate } from "./execution-watch";
import { WatchHub, type HubOptions } from "./hub";
import { FakeAdmin } from "./testing/fake-admin";

const admin = new FakeAdmin();
let up: Upstream;
const INTERVAL = 40;

function makeHub(options: Partial<HubOptions> = {}) {
  return new WatchHub(up, {
    intervalMs: INTERVAL,
    idleIntervalMs: INTERVAL,
    maxBackoffMs: 200,
    overlapMs: 1_000,
    pageSize: 100,
    accessRecheckMs: 60_000,
    heartbeatMs: 10_000,
    maxLoops: 1_000,
    ...options,
  });
}
let hub: WatchHub;

beforeAll(async () => {
  const endpoint = await admin.start();
  // With FlyteAdmin's session keys, so that sign-in is on and Unauthenticated carries the sign-in URL.
  const keys = { FLYTE_CONSOLE_COOKIE_HASH_KEY: "a".repeat(86), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: "b".repeat(43) };
  up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: endpoint, ...keys }));
});

afterAll(() => admin.stop());

/** Every stream a test opened, closed after it (also when it failed), so no loop outlives its test. */
const opened: { close: () => Promise<void> }[] = [];
let loopsBefore = 0;

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  await vi.waitFor(async () => expect(await loopsRunning(), "poll loops left running").toBe(loopsBefore));
});

beforeEach(async () => {
  loopsBefore = await loopsRunning();
  admin.reset();
  hub = makeHub();
  admin.setNode("n0", Node.RUNNING);
  admin.setNode("n1", Node.RUNNING, { isParent: true });
  admin.setNode("n1-0-a", Node.RUNNING, { parent: "n1" });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (u: WatchUpdate) => u.nodeExecutions.map((n) => n.id?.nodeId).sort();
/** The update says node `id` is in `phase`. */
const says = (id: string, phase: Node) => (u: WatchUpdate) => u.nodeExecutions.some((n) => n.id?.nodeId === id && n.closure?.phase === phase);
const loopsRunning = async () => (await metrics().watchPollLoops.get()).values[0]?.value ?? 0;

/** A viewer's server stream: its messages and how it ended. */
function stream(options: { authorization?: string; expiresAtMs?: number; cursor?: string; on?: WatchUpdate[] } = {}, h = hub) {
  const abort = new AbortController();
  const got: WatchUpdate[] = options.on ?? [];
  const headers = new Headers(options.authorization ? { authorization: options.authorization } : {});
  const id = { ...admin.id };
  const ended = (async () => {
    try {
      for await (const u of h.updates(id, { headers, expiresAtMs: options.expiresAtMs, cursor: options.cursor ?? "" }, abort.signal)) got.push(u);
      return undefined;
    } catch (err) {
      return err as ConnectError;
    }
  })();
  const next = async (pred: (u: WatchUpdate) => boolean, timeout = 3_000) => {
    let hit: WatchUpdate | undefined;
    await vi.waitFor(() => expect((hit = got.find(pred)), `no such update in ${JSON.stringify(got.map(ids))}`).toBeDefined(), { timeout, interval: 5 });
    return hit!;
  };
  const close = async () => {
    abort.abort();
    await ended;
  };
  const s = { got, ended, next, close, data: () => got.filter((u) => !u.heartbeat && u.upstreamError === "") };
  opened.push(s);
  return s;
}

describe("one watch", () => {
  it("sends a snapshot with child nodes, then only what changed", async () => {
    const s = stream();
    const snap = await s.next((u) => u.snapshot);
    expect(ids(snap)).toEqual(["n0", "n1", "n1-0-a"]);
    expect(snap.cursor).toMatch(/^[\w-]+\.1$/);

    admin.setNode("n0", Node.SUCCEEDED);
    const change = await s.next((u) => !u.snapshot && ids(u).includes("n0"));
    expect(ids(change)).toEqual(["n0"]);
    expect(change.nodeExecutions[0].closure?.phase).toBe(Node.SUCCEEDED);
    expect(change.cursor).toBe(snap.cursor.replace(/\.1$/, ".2"));
    await s.close();
  });

  it("names the parent each child was listed under, also for ids FlytePropeller shortened to a hash", async () => {
    admin.setNode("fh3kq2p9x", Node.RUNNING, { parent: "n1" });
    const s = stream();
    const snap = await s.next((u) => u.snapshot);
    expect(snap.parentNodeIds).toEqual({ "n1-0-a": "n1", fh3kq2p9x: "n1" });

    admin.setNode("fh3kq2p9x", Node.SUCCEEDED);
    admin.setNode("n0", Node.SUCCEEDED);
    const change = await s.next((u) => !u.snapshot && ids(u).includes("fh3kq2p9x"));
    // Only the changed nodes' parents, and none for a top-level node.
    expect(change.parentNodeIds).toEqual({ fh3kq2p9x: "n1" });
    await s.close();
  });

  it("once the execution is terminal, sends one final sweep and stops polling, though FlyteAdmin still shows a node RUNNING", async () => {
    const s = stream();
    await s.next((u) => u.snapshot);
    admin.setNode("n1-0-a", Node.SUCCEEDED);
    admin.setExecution(Workflow.SUCCEEDED); // n0 and n1 stay RUNNING, as flyte#3931
    expect(await s.ended).toBeUndefined();
    const last = s.got.at(-1)!;
    expect(last.terminal).toBe(true);
    expect(last.execution?.closure?.phase).toBe(Workflow.SUCCEEDED);
    expect(s.got.flatMap(ids)).toContain("n1-0-a");
    expect(s.got.filter((u) => u.terminal)).toHaveLength(1);

    const after = admin.calls.length;
    await pause(INTERVAL * 6);
    expect(admin.calls.length, "calls to FlyteAdmin after the final message").toBe(after);

    // A viewer arriving later gets the final state and its stream ends at once, without a loop.
    const late = stream();
    expect(await late.ended).toBeUndefined();
    expect(late.got).toHaveLength(1);
    expect(late.got[0]).toMatchObject({ snapshot: true, terminal: true });
  });

  it("reports an upstream outage to viewers, backs off, and clears it when FlyteAdmin is back", async () => {
    const s = stream();
    await s.next((u) => u.snapshot);
    admin.failing = true;
    const err = await s.next((u) => u.upstreamError !== "");
    expect(err.upstreamError).toMatch(/database is down/);
    expect(err.cursor).toBe(s.got[0].cursor); // nothing changed for the viewer
    admin.failing = false;
    admin.setNode("n0", Node.FAILED);
    const back = await s.next((u) => !u.snapshot && u.upstreamError === "" && ids(u).includes("n0"));
    expect(back.nodeExecutions[0].closure?.phase).toBe(Node.FAILED);
    await s.close();
  });

  it("asks FlyteAdmin less often while nothing changes, and at the interval again as soon as something does", async () => {
    hub = makeHub({ idleIntervalMs: INTERVAL * 8 });
    const s = stream();
    await s.next((u) => u.snapshot);
    const polls = () => admin.calls.filter((c) => c.method === "GetExecution").length;
    const rate = async (ms: number) => {
      const before = polls();
      await pause(ms);
      return (polls() - before) / (ms / INTERVAL);
    };
    // Quiet: after a few polls that found nothing, polls come up to 8 intervals apart.
    await pause(INTERVAL * 12);
    expect(await rate(INTERVAL * 24)).toBeLessThan(0.4);
    // A change is found at the next poll, and the next ones come an interval apart again.
    admin.setNode("n0", Node.SUCCEEDED);
    await s.next((u) => !u.snapshot && ids(u).includes("n0"), 2_000);
    admin.setNode("n1-0-a", Node.SUCCEEDED, { parent: "n1" });
    await s.next((u) => !u.snapshot && ids(u).includes("n1-0-a"), 2_000);
    expect(await rate(INTERVAL * 6)).toBeGreaterThan(0.5);
    await s.close();
  });

  it("sends a heartbeat with the last cursor, and nothing else, when nothing changed for the heartbeat interval", async () => {
    const h = makeHub({ heartbeatMs: 120 });
    const s = stream({}, h);
    const snap = await s.next((u) => u.snapshot);
    const beat = await s.next((u) => u.heartbeat);
    expect(beat).toEqual({ snapshot: false, nodeExecutions: [], terminal: false, upstreamError: "", parentNodeIds: {}, cursor: snap.cursor, heartbeat: true });
    admin.setNode("n0", Node.SUCCEEDED);
    const change = await s.next(says("n0", Node.SUCCEEDED));
    await vi.waitFor(() => expect(s.got.indexOf(change)).toBeLessThan(s.got.length - 1), { timeout: 1_000 });
    expect(s.got.at(-1)).toMatchObject({ heartbeat: true, cursor: change.cursor });
    await s.close();
  });
});

describe("never missing a change", () => {
  async function everyChangeArrives(h: WatchHub) {
    const s = stream({}, h);
    await s.next((u) => u.snapshot);
    const phases = [Node.QUEUED, Node.RUNNING, Node.SUCCEEDED];
    // One change every poll interval or so, each to a node of its own, for about a second.
    for (let i = 0; i < 24; i++) {
      admin.setNode(`late-${i}`, phases[i % 3]);
      await pause(INTERVAL + (i % 3) * 7);
    }
    await vi.waitFor(() => {
      const seen = new Set(s.data().flatMap(ids));
      for (let i = 0; i < 24; i++) expect(seen, `late-${i}`).toContain(`late-${i}`);
    });
    await s.close();
  }

  it("with FlytePropeller's clock 5 s ahead of FlyteAdmin's database (reported times vs updated_at)", async () => {
    admin.reportedSkewMs = 5_000;
    await everyChangeArrives(makeHub({ overlapMs: 1_000 }));
  });

  it("with FlyteAdmin's database clock behind the console's by less than the overlap", async () => {
    admin.databaseOffsetMs = -800;
    await everyChangeArrives(makeHub({ overlapMs: 1_000 }));
  });

  it("lists node executions sorted by node_id and paged by FlyteAdmin's token, filtered by the console's clock", async () => {
    for (let i = 0; i < 10; i++) admin.setNode(`m${i}`, Node.RUNNING);
    const h = makeHub({ pageSize: 4, overlapMs: 1_000 });
    const s = stream({}, h);
    const snap = await s.next((u) => u.snapshot);
    expect(ids(snap)).toHaveLength(13);
    const polledAt = Date.now();
    admin.setNode("m7", Node.SUCCEEDED);
    await s.next(says("m7", Node.SUCCEEDED));
    const lists = admin.calls.filter((c) => c.method === "ListNodeExecutions");
    expect(lists.every((c) => c.sortKey === "node_id")).toBe(true);
    expect(lists.filter((c) => c.parent === "" && c.filters === "").map((c) => c.token)).toEqual(["", "4", "8"]);
    const since = Date.parse(/gte\(updated_at,([^)]+)\)/.exec(lists.filter((c) => c.filters).at(-1)!.filters!)![1]);
    // The console's own clock at a poll's start, less the overlap; not a time FlyteAdmin reported.
    expect(since).toBeGreaterThan(polledAt - 1_000 - 500);
    expect(since).toBeLessThanOrEqual(Date.now() - 1_000);
    await s.close();
  });
});

describe("credentials", () => {
  it("makes fifty viewers with fifty tokens share one loop: each token is checked once before it sees data, then polls cost what one viewer's do", async () => {
    const loops0 = await loopsRunning();
    const one = stream({ authorization: "Bearer solo" });
    await one.next((u) => u.snapshot);
    admin.calls.length = 0;
    // Long enough for several polls even on a busy machine.
    await pause(1_000);
    const soloCalls = admin.calls.length;
    await one.close();

    admin.reset();
    admin.setNode("n0", Node.RUNNING);
    const tokens = Array.from({ length: 50 }, (_, i) => `Bearer viewer-${i}`);
    const many = tokens.map((authorization) => stream({ authorization }));
    await Promise.all(many.map((s) => s.next((u) => u.snapshot)));
    for (const t of tokens) expect(admin.callsBy(t).filter((c) => c.method === "GetExecution").length, t).toBeGreaterThanOrEqual(1);
    expect(await loopsRunning()).toBe(loops0 + 1);

    admin.calls.length = 0;
    await pause(1_000);
    const manyCalls = admin.calls.length;
    expect(soloCalls).toBeGreaterThan(3);
    expect(manyCalls).toBeLessThanOrEqual(Math.ceil(soloCalls * 1.2) + 3);
    // Every call of the window was made with one viewer's token.
    expect(new Set(admin.calls.map((c) => c.authorization)).size).toBe(1);
    await Promise.all(many.map((s) => s.close()));
  });

  it("gives a viewer no data until FlyteAdmin accepts their own token, and ends only their stream when it refuses", async () => {
    const alice = stream({ authorization: "Bearer alice" });
    await alice.next((u) => u.snapshot);
    admin.refuse.set("Bearer mallory", Code.PermissionDenied);
    const mallory = stream({ authorization: "Bearer mallory" });
    const err = await mallory.ended;
    expect(err?.code).toBe(Code.PermissionDenied);
    expect(mallory.got).toEqual([]);
    expect(admin.callsBy("Bearer mallory").map((c) => c.method)).toEqual(["GetExecution"]);

    admin.setNode("n0", Node.SUCCEEDED);
    await alice.next(says("n0", Node.SUCCEEDED));
    await alice.close();
  });

  it("re-checks each other viewer's token every recheck interval, not every poll, and ends a viewer whose access is revoked", async () => {
    const h = makeHub({ accessRecheckMs: 300 });
    const alice = stream({ authorization: "Bearer alice" }, h);
    await alice.next((u) => u.snapshot);
    const bob = stream({ authorization: "Bearer bob" }, h);
    await bob.next((u) => u.snapshot);
    const bobCalls0 = admin.callsBy("Bearer bob").length;
    await pause(1_000);
    const rechecks = admin.callsBy("Bearer bob").length - bobCalls0;
    expect(rechecks).toBeGreaterThanOrEqual(2);
    expect(rechecks).toBeLessThanOrEqual(4);
    expect(admin.callsBy("Bearer bob").every((c) => c.method === "GetExecution")).toBe(true);

    admin.refuse.set("Bearer bob", Code.PermissionDenied);
    const revokedAt = Date.now();
    expect((await bob.ended)?.code).toBe(Code.PermissionDenied);
    expect(Date.now() - revokedAt).toBeLessThan(300 + 4 * INTERVAL + 200);
    admin.setNode("n0", Node.SUCCEEDED);
    await alice.next(says("n0", Node.SUCCEEDED));
    expect(bob.got.some(says("n0", Node.SUCCEEDED))).toBe(false);
    await alice.close();
  });

  it("when FlyteAdmin cannot say (Unavailable), ends a joining viewer's stream for them to come back, and keeps a viewer already in until the next recheck", async () => {
    const h = makeHub({ accessRecheckMs: 300 });
    const alice = stream({ authorization: "Bearer alice" }, h);
    await alice.next((u) => u.snapshot);
    const bob = stream({ authorization: "Bearer bob" }, h);
    await bob.next((u) => u.snapshot);

    admin.refuse.set("Bearer dave", Code.Unavailable);
    const dave = stream({ authorization: "Bearer dave" }, h);
    expect((await dave.ended)?.code).toBe(Code.Unavailable);
    expect(dave.got).toEqual([]);

    admin.refuse.set("Bearer bob", Code.Unavailable);
    const bobCalls0 = admin.callsBy("Bearer bob").length;
    await pause(1_000);
    expect(admin.callsBy("Bearer bob").length - bobCalls0).toBeLessThanOrEqual(4); // rechecked, not asked at every poll
    admin.setNode("n0", Node.SUCCEEDED);
    await bob.next(says("n0", Node.SUCCEEDED));
  });

  it("goes on with another viewer's token when the polling viewer leaves or is refused", async () => {
    const listings = () => admin.calls.filter((c) => c.method === "ListNodeExecutions").map((c) => c.authorization);
    // A poll already under way with the leaving viewer's credentials may still land (and bring the change);
    // once the next viewer's first poll came, every poll is theirs.
    const listingsFrom = async (first: string) => {
      await vi.waitFor(() => expect(listings()).toContain(first));
      const tokens = listings();
      return new Set(tokens.slice(tokens.indexOf(first)));
    };
    const alice = stream({ authorization: "Bearer alice" });
    await alice.next((u) => u.snapshot);
    const bob = stream({ authorization: "Bearer bob" });
    await bob.next((u) => u.snapshot);
    const carol = stream({ authorization: "Bearer carol" });
    await carol.next((u) => u.snapshot);
    const loops0 = await loopsRunning();

    await alice.close();
    admin.calls.length = 0;
    admin.setNode("n0", Node.SUCCEEDED);
    await bob.next(says("n0", Node.SUCCEEDED));
    await carol.next(says("n0", Node.SUCCEEDED));
    expect(await listingsFrom("Bearer bob")).toEqual(new Set(["Bearer bob"]));

    admin.refuse.set("Bearer bob", Code.Unauthenticated);
    const err = await bob.ended;
    expect(err?.code).toBe(Code.Unauthenticated);
    expect(err?.metadata.get("x-flyte-sign-in-url")).toBe("/login");
    admin.calls.length = 0;
    admin.setNode("n0", Node.FAILED);
    await carol.next(says("n0", Node.FAILED));
    expect(await listingsFrom("Bearer carol")).toEqual(new Set(["Bearer carol"]));
    expect(await loopsRunning()).toBe(loops0);
    await carol.close();
  });

  for (const code of [Code.Unauthenticated, Code.PermissionDenied, Code.NotFound]) {
    it(`ends every stream at once on ${Code[code]} when no viewer's token is accepted, stops polling, and forgets the watch`, async () => {
      const loops0 = await loopsRunning();
      const watches0 = hub.activeWatches;
      const a = stream();
      const b = stream();
      await Promise.all([a.next((u) => u.snapshot), b.next((u) => u.snapshot)]);
      expect(await loopsRunning()).toBe(loops0 + 1);

      admin.refuse.set("", code);
      const [ea, eb] = await Promise.all([a.ended, b.ended]);
      for (const err of [ea, eb]) {
        expect(err).toBeInstanceOf(ConnectError);
        expect(err?.code).toBe(code);
        expect(err?.rawMessage).toBe(`refused with ${Code[code]}`);
        expect(err?.metadata.get("x-flyte-sign-in-url")).toBe(code === Code.Unauthenticated ? "/login" : null);
      }
      const after = admin.calls.length;
      await pause(300); // several poll intervals (40 ms) and backoffs (up to 200 ms)
      expect(admin.calls.length, "calls to FlyteAdmin after the watch ended").toBe(after);
      expect(await loopsRunning()).toBe(loops0);
      expect(hub.activeWatches).toBe(watches0);

      // The next viewer starts a fresh watch, which polls again.
      admin.refuse.clear();
      const c = stream();
      await c.next((u) => u.snapshot);
      expect(admin.calls.length).toBeGreaterThan(after);
      await c.close();
    });
  }

  it("ends a viewer's stream with Unauthenticated when their session expires, without calling FlyteAdmin for them after, and leaves the others", async () => {
    const loops0 = await loopsRunning();
    const expiresAt = Date.now() + 700;
    const other = stream({ authorization: "Bearer other" });
    await other.next((u) => u.snapshot);
    const s = stream({ authorization: "IDToken expiring", expiresAtMs: expiresAt });
    await s.next((u) => u.snapshot);
    const err = await s.ended;
    const endedAt = Date.now();
    expect(err?.code).toBe(Code.Unauthenticated);
    expect(err?.rawMessage).toBe("Your session has expired: sign in again");
    expect(err?.metadata.get("x-flyte-sign-in-url")).toBe("/login");
    expect(endedAt).toBeGreaterThanOrEqual(expiresAt);
    expect(endedAt - expiresAt).toBeLessThan(100);
    expect(admin.callsBy("IDToken expiring").every((c) => c.method === "GetExecution")).toBe(true);
    const after = admin.callsBy("IDToken expiring").length;

    admin.setNode("n0", Node.SUCCEEDED);
    await other.next(says("n0", Node.SUCCEEDED));
    await other.close();
    expect(admin.callsBy("IDToken expiring").length).toBe(after);

    // Alone, an expiring viewer's loop stops with it.
    const alone = stream({ authorization: "IDToken alone", expiresAtMs: Date.now() + 600 });
    await alone.next((u) => u.snapshot);
    expect((await alone.ended)?.code).toBe(Code.Unauthenticated);
    await pause(20); // a call already on its way when the session ended may still arrive
    const calls = admin.calls.length;
    await pause(300);
    expect(admin.calls.length).toBe(calls);
    expect(await loopsRunning()).toBe(loops0);
  });
});

describe("bounded cost", () => {
  it("counts open streams and one running poll loop per execution, and takes them back when the streams close", async () => {
    const gauge = async (name: "watchStreamsOpen" | "watchPollLoops") => (await metrics()[name].get()).values[0]?.value ?? 0;
    const streams0 = await gauge("watchStreamsOpen");
    const loops0 = await gauge("watchPollLoops");
    const a = stream({ authorization: "Bearer a" });
    const b = stream({ authorization: "Bearer b" });
    await Promise.all([a.next((u) => u.snapshot), b.next((u) => u.snapshot)]);
    expect(await gauge("watchStreamsOpen")).toBe(streams0 + 2);
    expect(await gauge("watchPollLoops")).toBe(loops0 + 1);
    await a.close();
    expect(await gauge("watchStreamsOpen")).toBe(streams0 + 1);
    expect(await gauge("watchPollLoops")).toBe(loops0 + 1);
    await b.close();
    expect(await gauge("watchStreamsOpen")).toBe(streams0);
    await vi.waitFor(async () => expect(await gauge("watchPollLoops")).toBe(loops0));
  });

  it("refuses a new execution with ResourceExhausted past FLYTE_CONSOLE_WATCH_MAX_LOOPS, and takes it once one closes", async () => {
    const h = makeHub({ maxLoops: 2 });
    const first = stream({}, h);
    await first.next((u) => u.snapshot);
    const firstName = admin.id.name;
    admin.id.name = `${firstName}-2`;
    const second = stream({}, h);
    await second.next((u) => u.snapshot);
    admin.id.name = `${firstName}-3`;
    const third = stream({}, h);
    const err = await third.ended;
    expect(err?.code).toBe(Code.ResourceExhausted);
    expect(err?.rawMessage).toMatch(/following 2 executions already.*FLYTE_CONSOLE_WATCH_MAX_LOOPS/);
    // More viewers of an execution already followed are fine.
    admin.id.name = firstName;
    const again = stream({}, h);
    await again.next((u) => u.snapshot);

    await second.close(); // its watch lingers, but no longer polls
    admin.id.name = `${firstName}-3`;
    const fourth = stream({}, h);
    await fourth.next((u) => u.snapshot);
    await Promise.all([first.close(), again.close(), fourth.close()]);
  });

  it("does not queue without bound for a reader that stopped reading: it gets one message with everything that changed", async () => {
    const h = makeHub({ maxQueuedMessages: 5 });
    const abort = new AbortController();
    const reader = h.updates({ ...admin.id }, { headers: new Headers(), cursor: "" }, abort.signal);
    const first = (await reader.next()).value as WatchUpdate;
    expect(first.snapshot).toBe(true);
    const catchUps0 = (await metrics().watchCatchUps.get()).values[0]?.value ?? 0;
    // The reader reads nothing while twenty changes happen, each polled on its own.
    for (let i = 0; i < 20; i++) {
      admin.setNode(`slow-${i}`, Node.RUNNING);
      await pause(INTERVAL + 10);
    }
    await vi.waitFor(async () => expect((await metrics().watchCatchUps.get()).values[0]?.value).toBeGreaterThan(catchUps0));
    await pause(INTERVAL * 3); // the last change polled
    const caughtUp = (await reader.next()).value as WatchUpdate;
    expect(caughtUp.snapshot).toBe(false);
    expect(ids(caughtUp)).toEqual(expect.arrayContaining(Array.from({ length: 20 }, (_, i) => `slow-${i}`)));
    // Nothing of what was dropped comes after it.
    const next = await Promise.race([reader.next(), pause(150).then(() => "nothing")]);
    expect(next).toBe("nothing");
    abort.abort();
    await reader.return(undefined);
  });
});
