// WatchExecution through the BFF (createBff, Connect in binary as the browser may speak it) against a fake
// FlyteAdmin: a stream dropped mid-run and resumed with its cursor gets only what changed, counted in bytes.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConsoleService, WatchExecutionResponseSchema, type WatchExecutionResponse } from "@/lib/gen/flyteconsole/v1/console_pb";
import { NodeExecution_Phase as Node } from "@/lib/gen/flyteidl/core/execution_pb";
import { createBff } from "../bff";
import { readAdminConfig } from "../config";
import { metrics } from "../metrics";
import { createUpstream, type Upstream } from "../upstream";
import { WatchHub } from "./hub";
import { FakeAdmin } from "./testing/fake-admin";

const admin = new FakeAdmin();
const NODES = 300;
let up: Upstream;
let bff: (req: Request) => Promise<Response>;
const LINGER_MS = 300;

beforeAll(async () => {
  up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: await admin.start(), FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" }));
  const hub = new WatchHub(up, {
    intervalMs: 40,
    idleIntervalMs: 40,
    maxBackoffMs: 200,
    overlapMs: 1_000,
    pageSize: 100,
    accessRecheckMs: 60_000,
    heartbeatMs: 250,
    maxLoops: 10,
    lingerMs: LINGER_MS,
  });
  bff = createBff(up, hub);
});

afterAll(() => admin.stop());

beforeEach(() => {
  admin.reset();
  for (let i = 0; i < NODES; i++) admin.setNode(`n${i}`, Node.RUNNING);
});

/** A browser's WatchExecution stream in binary, with the bytes that came over the wire by each message. */
function open(cursor = "") {
  let wireBytes = 0;
  const transport = createConnectTransport({
    baseUrl: "http://console.test/api/connect",
    useBinaryFormat: true,
    fetch: async (input, init) => {
      const res = await bff(new Request(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: "Bearer alice" } }));
      const counted = res.body!.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            wireBytes += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, { status: res.status, headers: res.headers });
    },
  });
  const abort = new AbortController();
  const got: { message: WatchExecutionResponse; wireBytes: number }[] = [];
  const done = (async () => {
    try {
      for await (const message of createClient(ConsoleService, transport).watchExecution({ id: { ...admin.id }, cursor }, { signal: abort.signal })) {
        got.push({ message, wireBytes });
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  const next = async (pred: (m: WatchExecutionResponse) => boolean) => {
    const started = Date.now();
    for (;;) {
      const hit = got.find((g) => pred(g.message));
      if (hit) return hit;
      if (Date.now() - started > 3_000) throw new Error(`no such message in ${got.length}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const drop = async () => {
    abort.abort();
    // The BFF must hear the client go (see unbufferedStreams in bff.ts), else its stream would never end.
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error("the stream did not end after the client aborted")), 2_000))]);
  };
  // A heartbeat may come first when the first poll takes longer than the heartbeat interval.
  return { got, next, drop, first: () => next((m) => !m.heartbeat) };
}

const says = (id: string, phase: Node) => (m: WatchExecutionResponse) => m.nodeExecutions.some((n) => n.id?.nodeId === id && n.closure?.phase === phase);
const ids = (m: WatchExecutionResponse) => m.nodeExecutions.map((n) => n.id?.nodeId).sort();

describe("WatchExecution resume", () => {
  it("drops the stream mid-run; the resumed stream sends only the changes, in a fraction of the bytes", async () => {
    const a = open();
    const snapshot = await a.first();
    expect(snapshot.message.snapshot).toBe(true);
    expect(snapshot.message.nodeExecutions).toHaveLength(NODES);
    admin.setNode("n5", Node.SUCCEEDED);
    const change = await a.next(says("n5", Node.SUCCEEDED));
    await a.drop();

    // While the page is away, one more node finishes.
    admin.setNode("n7", Node.FAILED);
    await new Promise((r) => setTimeout(r, 100));

    const b = open(change.message.cursor);
    const resumed = await b.first();
    expect(resumed.message.snapshot).toBe(false);
    expect(resumed.message.heartbeat).toBe(false);
    expect(ids(resumed.message)).toEqual(["n7"]);
    expect(resumed.message.nodeExecutions[0].closure?.phase).toBe(Node.FAILED);
    expect(resumed.message.execution).toBeUndefined();
    expect(resumed.message.cursor).not.toBe(change.message.cursor);

    const snapshotBytes = toBinary(WatchExecutionResponseSchema, snapshot.message).byteLength;
    const resumedBytes = toBinary(WatchExecutionResponseSchema, resumed.message).byteLength;
    console.info(`first message: snapshot ${snapshotBytes} B (${snapshot.wireBytes} B on the wire), resumed ${resumedBytes} B (${resumed.wireBytes} B on the wire)`);
    expect(resumed.wireBytes).toBeLessThan(snapshot.wireBytes / 50);
    expect(resumedBytes).toBeLessThan(snapshotBytes / 50);
    // One changed node's worth: the resumed message is about as big as the live change message was.
    expect(resumedBytes).toBeLessThan(toBinary(WatchExecutionResponseSchema, change.message).byteLength * 2);

    // Live changes go on after the resumed first message.
    admin.setNode("n9", Node.SUCCEEDED);
    await b.next(says("n9", Node.SUCCEEDED));
    await b.drop();
  });

  it("from an older cursor, sends every node changed after it, once, at its latest", async () => {
    const a = open();
    const snapshot = await a.first();
    admin.setNode("n5", Node.SUCCEEDED);
    await a.next(says("n5", Node.SUCCEEDED));
    admin.setNode("n5", Node.FAILED);
    await a.next(says("n5", Node.FAILED));
    await a.drop();
    admin.setNode("n6", Node.SUCCEEDED);
    await new Promise((r) => setTimeout(r, 100));

    const b = open(snapshot.message.cursor);
    const resumed = (await b.first()).message;
    expect(resumed.snapshot).toBe(false);
    expect(ids(resumed)).toEqual(["n5", "n6"]);
    expect(resumed.nodeExecutions.find((n) => n.id?.nodeId === "n5")?.closure?.phase).toBe(Node.FAILED);
    await b.drop();
  });

  it("answers a cursor it cannot resume (malformed, another watch's, or one forgotten after its last viewer left) with a snapshot", async () => {
    const a = open();
    const snapshot = await a.first();
    await a.drop();
    for (const cursor of ["garbage", "AAAAAAAA.1", `${snapshot.message.cursor}9999`]) {
      const s = open(cursor);
      const first = (await s.first()).message;
      expect(first.snapshot, cursor).toBe(true);
      expect(first.nodeExecutions, cursor).toHaveLength(NODES);
      await s.drop();
    }
    await new Promise((r) => setTimeout(r, LINGER_MS + 200));
    const late = open(snapshot.message.cursor);
    const first = (await late.first()).message;
    expect(first.snapshot).toBe(true);
    expect(first.cursor.split(".")[0]).not.toBe(snapshot.message.cursor.split(".")[0]);
    await late.drop();
  });

  it("ends the stream when the browser goes, also after the Request it came with was garbage collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const streams = async () => (await metrics().watchStreamsOpen.get()).values[0]?.value ?? 0;
    const streams0 = await streams();
    const a = open();
    await a.first();
    expect(await streams()).toBe(streams0 + 1);
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    await a.drop();
    expect(await streams()).toBe(streams0);
  });

  it("sends heartbeats over the wire while nothing changes, with the last cursor", async () => {
    const a = open();
    const snapshot = await a.first();
    const beat = await a.next((m) => m.heartbeat && a.got.findIndex((g) => g.message === m) > a.got.indexOf(snapshot));
    expect(beat.message.cursor).toBe(snapshot.message.cursor);
    expect(beat.message.nodeExecutions).toEqual([]);
    expect(beat.message.snapshot).toBe(false);
    expect(beat.wireBytes - snapshot.wireBytes).toBeLessThan(40);
    await a.drop();
  });
});
