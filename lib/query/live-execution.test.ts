import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport, type HandlerContext } from "@connectrpc/connect";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ConsoleService,
  WatchExecutionResponseSchema,
  type WatchExecutionRequest,
  type WatchExecutionResponse,
} from "@/lib/gen/flyteconsole/v1/console_pb";
import { NodeExecution_Phase, WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { followExecution, LiveExecution, WATCH_IDLE_TIMEOUT_MS, type FollowOptions } from "./live-execution";

const executionId = { project: "flytesnacks", domain: "development", name: "run" };
const node = (nodeId: string, phase: NodeExecution_Phase) => ({ id: { nodeId, executionId }, closure: { phase } });
const msg = (init: Parameters<typeof create<typeof WatchExecutionResponseSchema>>[1]) => create(WatchExecutionResponseSchema, init);
const heartbeat = (cursor: string) => msg({ heartbeat: true, cursor });

describe("LiveExecution", () => {
  it("keeps each child's parent across updates, and starts over with a new snapshot", () => {
    const live = new LiveExecution();
    live.apply(
      create(WatchExecutionResponseSchema, {
        snapshot: true,
        nodeExecutions: [node("n1", NodeExecution_Phase.RUNNING), node("fh3kq2p9x", NodeExecution_Phase.RUNNING)],
        parentNodeIds: { fh3kq2p9x: "n1" },
      }),
    );
    expect(live.get().parents.get("fh3kq2p9x")).toBe("n1");

    const before = live.get().parents;
    live.apply(create(WatchExecutionResponseSchema, { nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] }));
    expect(live.get().parents).toBe(before); // nothing new: same map, no re-render of the overlay for it

    live.apply(create(WatchExecutionResponseSchema, { nodeExecutions: [node("x7q2", NodeExecution_Phase.QUEUED)], parentNodeIds: { x7q2: "fh3kq2p9x" } }));
    expect(Object.fromEntries(live.get().parents)).toEqual({ fh3kq2p9x: "n1", x7q2: "fh3kq2p9x" });
    expect(live.get().nodes.size).toBe(4);

    live.apply(create(WatchExecutionResponseSchema, { snapshot: true, nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] }));
    expect(live.get().parents.size).toBe(0);
    expect([...live.get().nodes.keys()]).toEqual(["n0"]);
  });
});

/** What one WatchExecution call does, given its request: yields messages, may throw, may hang. */
type Script = (req: WatchExecutionRequest, ctx: HandlerContext) => AsyncIterable<WatchExecutionResponse>;

/** A BFF in memory that plays `scripts` in order, one per call, and records each call's cursor. */
function bff(scripts: Script[]) {
  const cursors: string[] = [];
  const transport = createRouterTransport(({ service }) =>
    service(ConsoleService, {
      watchExecution(req, ctx) {
        cursors.push(req.cursor);
        const script = scripts[cursors.length - 1];
        if (!script) throw new ConnectError("no more scripted calls", Code.FailedPrecondition);
        return script(req, ctx);
      },
    }),
  );
  return { client: createClient(ConsoleService, transport), cursors };
}

/** Waits until the client goes away (a stream that stays open and silent). */
function untilAborted(ctx: HandlerContext): Promise<void> {
  return new Promise((resolve) => ctx.signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Sleeps recorded and skipped: the tests see each backoff delay without waiting it out. */
function instantSleeps() {
  const delays: number[] = [];
  const sleep: FollowOptions["sleep"] = async (ms) => {
    delays.push(ms);
    if (delays.length > 50) throw new Error(`still reconnecting after ${delays.length} attempts`);
  };
  return { delays, sleep };
}

function follow(client: ReturnType<typeof bff>["client"], opts: FollowOptions = {}) {
  const live = new LiveExecution();
  const abort = new AbortController();
  const done = followExecution(client, executionId, live, abort.signal, opts);
  return { live, abort, done };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("followExecution resuming", () => {
  it("sends the last cursor when it reconnects and merges what changed into the nodes it has", async () => {
    const { client, cursors } = bff([
      async function* () {
        yield msg({
          snapshot: true,
          cursor: "c1",
          execution: { id: executionId, closure: { phase: WorkflowExecution_Phase.RUNNING } },
          nodeExecutions: [node("start", NodeExecution_Phase.SUCCEEDED), node("n0", NodeExecution_Phase.RUNNING), node("n1", NodeExecution_Phase.QUEUED)],
        });
        yield msg({ cursor: "c2", nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] });
        throw new ConnectError("replica going away", Code.Unavailable);
      },
      async function* () {
        // Resumed: only what changed since c2, no snapshot.
        yield msg({ snapshot: false, cursor: "c3", nodeExecutions: [node("n1", NodeExecution_Phase.RUNNING)] });
        yield msg({
          cursor: "c4",
          terminal: true,
          execution: { id: executionId, closure: { phase: WorkflowExecution_Phase.SUCCEEDED } },
          nodeExecutions: [node("n1", NodeExecution_Phase.SUCCEEDED)],
        });
      },
    ]);
    const { live, done } = follow(client, instantSleeps());
    await done;

    expect(cursors).toEqual(["", "c2"]);
    const phases = Object.fromEntries([...live.get().nodes].map(([id, ne]) => [id, ne.closure?.phase]));
    expect(phases).toEqual({ start: NodeExecution_Phase.SUCCEEDED, n0: NodeExecution_Phase.SUCCEEDED, n1: NodeExecution_Phase.SUCCEEDED });
    expect(live.get().execution?.closure?.phase).toBe(WorkflowExecution_Phase.SUCCEEDED);
    expect(live.get().status).toBe("done");
  });

  it("resumes from a heartbeat's cursor, and a heartbeat is not a change", async () => {
    const versions: number[] = [];
    const { client, cursors } = bff([
      async function* () {
        yield msg({ snapshot: true, cursor: "c1", nodeExecutions: [node("n0", NodeExecution_Phase.RUNNING)] });
        yield heartbeat("c1");
        yield heartbeat("c1");
        throw new ConnectError("proxy closed the stream", Code.Unknown);
      },
      async function* () {
        yield heartbeat("c1");
        yield msg({ cursor: "c2", terminal: true, nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED)] });
      },
    ]);
    const live = new LiveExecution();
    const nodesSeen = new Set<unknown>();
    live.subscribe(() => {
      versions.push(live.get().version);
      nodesSeen.add(live.get().nodes);
    });
    const statuses: string[] = [];
    live.subscribe(() => statuses.push(live.get().status));
    await followExecution(client, executionId, live, new AbortController().signal, instantSleeps());

    expect(cursors).toEqual(["", "c1"]);
    // snapshot, reconnecting, live again (the heartbeat of the new stream), the terminal change: two heartbeats on a live stream changed nothing.
    expect(statuses).toEqual(["live", "reconnecting", "live", "done"]);
    expect(nodesSeen.size).toBe(2); // the snapshot's nodes and the final change's; heartbeats left the map alone
    expect(live.get().nodes.get("n0")?.closure?.phase).toBe(NodeExecution_Phase.SUCCEEDED);
  });
});

describe("starting from the server's snapshot", () => {
  const serverSnapshot = () =>
    msg({
      snapshot: true,
      cursor: "gen.7",
      execution: { id: executionId, closure: { phase: WorkflowExecution_Phase.RUNNING } },
      nodeExecutions: [node("n0", NodeExecution_Phase.SUCCEEDED), node("n1", NodeExecution_Phase.RUNNING)],
    });

  it("shows the snapshot at once, still connecting, and the stream resumes from its cursor with only what changed", async () => {
    const { client, cursors } = bff([
      async function* () {
        yield msg({ cursor: "gen.8", nodeExecutions: [node("n1", NodeExecution_Phase.SUCCEEDED)] });
        yield msg({ cursor: "gen.9", terminal: true, execution: { id: executionId, closure: { phase: WorkflowExecution_Phase.SUCCEEDED } } });
      },
    ]);
    const live = new LiveExecution(serverSnapshot());
    expect(live.get().status).toBe("connecting");
    expect(live.get().execution?.closure?.phase).toBe(WorkflowExecution_Phase.RUNNING);
    expect([...live.get().nodes.keys()]).toEqual(["n0", "n1"]);

    await followExecution(client, executionId, live, new AbortController().signal, { ...instantSleeps(), cursor: "gen.7" });
    expect(cursors).toEqual(["gen.7"]);
    // The resumed stream's change merged into the snapshot: n0 came only from the server, and stays.
    expect(Object.fromEntries([...live.get().nodes].map(([id, ne]) => [id, ne.closure?.phase]))).toEqual({
      n0: NodeExecution_Phase.SUCCEEDED,
      n1: NodeExecution_Phase.SUCCEEDED,
    });
    expect(live.get().status).toBe("done");
  });

  it("takes a final snapshot as the last word", () => {
    const live = new LiveExecution({ ...serverSnapshot(), terminal: true });
    expect(live.get().status).toBe("done");
  });
});

describe("followExecution keeping the stream alive", () => {
  it("stays on one stream for minutes of heartbeats, and reconnects when nothing at all arrives for the idle timeout", async () => {
    vi.useFakeTimers();
    const { client, cursors } = bff([
      async function* (_req, ctx) {
        yield msg({ snapshot: true, cursor: "c1", nodeExecutions: [node("gate", NodeExecution_Phase.RUNNING)] });
        for (let i = 0; i < 18; i++) {
          await new Promise((r) => setTimeout(r, 10_000));
          yield heartbeat("c1");
        }
        await untilAborted(ctx); // a proxy dropped the stream without closing it: silence
      },
      async function* (_req, ctx) {
        yield msg({ cursor: "c2", nodeExecutions: [node("gate", NodeExecution_Phase.SUCCEEDED)] });
        await untilAborted(ctx);
      },
    ]);
    const { live, abort, done } = follow(client, { random: () => 0 });
    await vi.advanceTimersByTimeAsync(180_000);
    expect(cursors).toEqual([""]);
    expect(live.get().status).toBe("live");

    await vi.advanceTimersByTimeAsync(WATCH_IDLE_TIMEOUT_MS - 1_000);
    expect(cursors).toEqual([""]); // 180 s + 34 s: the last heartbeat came 34 s ago
    await vi.advanceTimersByTimeAsync(1_000);
    expect(live.get().status).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(10); // the backoff, jitter at 0
    expect(cursors).toEqual(["", "c1"]);
    expect(live.get().status).toBe("live");
    expect(live.get().nodes.get("gate")?.closure?.phase).toBe(NodeExecution_Phase.SUCCEEDED);

    abort.abort();
    await done;
  });

  it("reconnects after the idle timeout when a stream never answers at all", async () => {
    vi.useFakeTimers();
    const { client, cursors } = bff([
      async function* (_req, ctx) {
        await untilAborted(ctx);
      },
      async function* (_req, ctx) {
        yield msg({ snapshot: true, cursor: "c1" });
        await untilAborted(ctx);
      },
    ]);
    const { live, abort, done } = follow(client, { random: () => 0 });
    await vi.advanceTimersByTimeAsync(WATCH_IDLE_TIMEOUT_MS - 1);
    expect(live.get().status).toBe("connecting");
    await vi.advanceTimersByTimeAsync(1);
    expect(live.get()).toMatchObject({ status: "reconnecting", error: "Nothing arrived on the live stream for 35 s" });
    await vi.advanceTimersByTimeAsync(10); // the backoff, jitter at 0
    expect(cursors).toEqual(["", ""]);
    expect(live.get().status).toBe("live");
    abort.abort();
    await done;
  });
});

describe("followExecution backing off", () => {
  const failing = (code: Code): Script =>
    async function* () {
      throw new ConnectError("failing", code);
    };

  it("waits longer after each failure, within the jittered bounds, and starts over after a good message", async () => {
    const fails = Array.from({ length: 8 }, () => failing(Code.Unavailable));
    const { client } = bff([
      ...fails,
      async function* () {
        yield msg({ snapshot: true, cursor: "c1" });
        throw new ConnectError("again", Code.Unavailable);
      },
      async function* () {
        yield msg({ cursor: "c2", terminal: true });
      },
    ]);
    const { delays, sleep } = instantSleeps();
    // Jitter at its top: each delay is its ceiling (just under).
    const top = follow(client, { sleep, random: () => 0.999999 });
    await top.done;
    expect(delays).toEqual([499, 999, 1_999, 3_999, 7_999, 14_999, 14_999, 14_999, 499]);
  });

  it("spreads the delays over the whole window with full jitter", async () => {
    const randoms = [0, 0.5, 0.25];
    const { client } = bff([failing(Code.Internal), failing(Code.Internal), failing(Code.Internal), async function* () { yield msg({ terminal: true }); }]);
    const { delays, sleep } = instantSleeps();
    await follow(client, { sleep, random: () => randoms.shift() ?? 0 }).done;
    expect(delays).toEqual([0, 500, 500]);
  });

  const named = (codes: Code[]) => codes.map((code) => [Code[code], code] as const);

  it.each(named([Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted, Code.Internal, Code.Unknown]))(
    "reconnects on %s",
    async (_name, code) => {
      const { client, cursors } = bff([failing(code), async function* () { yield msg({ snapshot: true, terminal: true }); }]);
      const { live, done } = follow(client, instantSleeps());
      await done;
      expect(cursors.length).toBe(2);
      expect(live.get().status).toBe("done");
    },
  );

  it("reconnects when the stream ends without terminal", async () => {
    const { client, cursors } = bff([
      async function* () {
        yield msg({ snapshot: true, cursor: "c1" });
      },
      async function* () {
        yield msg({ cursor: "c2", terminal: true });
      },
    ]);
    await follow(client, instantSleeps()).done;
    expect(cursors).toEqual(["", "c1"]);
  });

  it.each(named([Code.Unauthenticated, Code.PermissionDenied, Code.NotFound, Code.InvalidArgument]))("stops for good on %s", async (_name, code) => {
    const { client, cursors } = bff([
      async function* () {
        yield msg({ snapshot: true, cursor: "c1" });
        throw new ConnectError("no", code);
      },
      async function* () {
        yield msg({ snapshot: true });
      },
    ]);
    const { live, done } = follow(client, instantSleeps());
    await done;
    expect(cursors).toEqual([""]);
    expect(live.get().status).toBe("stopped");
    expect(live.get().error).toBe("no");
  });

  it("stops after the terminal message, even with the connection still open", async () => {
    const { client, cursors } = bff([
      async function* (_req, ctx) {
        yield msg({ snapshot: true, terminal: true, nodeExecutions: [node("n0", NodeExecution_Phase.RUNNING)] });
        await untilAborted(ctx);
      },
      async function* () {
        yield msg({ snapshot: true });
      },
    ]);
    const { live, done } = follow(client, instantSleeps());
    await done;
    expect(cursors).toEqual([""]);
    expect(live.get().status).toBe("done");
    expect(live.get().nodes.get("n0")?.closure?.phase).toBe(NodeExecution_Phase.RUNNING);
  });

  it("says when it will try again while it waits", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { client } = bff([failing(Code.Unavailable), async function* (_req, ctx) { yield msg({ snapshot: true }); await untilAborted(ctx); }]);
    const { live, abort, done } = follow(client, { random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(0);
    expect(live.get()).toMatchObject({ status: "reconnecting", error: "failing", retryAt: 1_000_250 });
    await vi.advanceTimersByTimeAsync(250);
    expect(live.get().status).toBe("live");
    expect(live.get().retryAt).toBeUndefined();
    abort.abort();
    await done;
  });
});
