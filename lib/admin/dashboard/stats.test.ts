// ConsoleService.GetDashboardStats through the BFF, against a FlyteAdmin played in process: who may
// call it, how it fails, and how many ListExecutions it costs.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { afterEach, describe, expect, it } from "vitest";
import { ExecutionListSchema, ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { ConsoleService, type GetDashboardStatsRequest } from "@/lib/gen/flyteconsole/v1/console_pb";
import { DAY_MS, HOUR_MS } from "@/lib/flyte/dashboard/stats";
import { statsFromWire, windowToWire } from "@/lib/flyte/dashboard/stats-wire";
import { createBff } from "../bff";
import { readAdminConfig } from "../config";
import type { Upstream } from "../upstream";
import { createDashboardStats, type DashboardStatsOptions } from "./stats";

const ORIGIN = "http://console.test";
const FROM = Date.UTC(2026, 0, 1);
const WINDOW = { fromMs: FROM, toMs: FROM + 3 * DAY_MS, bucketMs: DAY_MS };

/** A FlyteAdmin holding 30 executions a day in the window; `hold` keeps ListExecutions from answering until released. */
// statsDeadlineMs: FLYTE_CONSOLE_STATS_DEADLINE_MS of the console in front of it.
function fakeAdmin(statsDeadlineMs = 60_000) {
  const calls: { request: ResourceListRequest; authorization: string | null; signal: AbortSignal }[] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const executions = Array.from({ length: 90 }, (_, i) =>
    create(ExecutionSchema, {
      id: { project: "flytesnacks", domain: "development", name: `e${i}` },
      closure: { phase: i % 3 === 0 ? P.FAILED : P.SUCCEEDED, createdAt: timestampFromMs(FROM + i * (DAY_MS / 30)) },
    }),
  );
  const transport = createRouterTransport(({ service }) =>
    service(AdminService, {
      async listExecutions(request, ctx) {
        calls.push({ request, authorization: ctx.requestHeader.get("authorization"), signal: ctx.signal });
        if (held) await Promise.race([held, new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)))]);
        return create(ExecutionListSchema, { executions: executions.slice(0, request.limit) });
      },
    }),
  );
  const up: Upstream = {
    config: readAdminConfig({ FLYTE_CONSOLE_STATS_DEADLINE_MS: String(statsDeadlineMs), FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" }),
    transport,
    admin: createClient(AdminService, transport),
    signal: createClient(SignalService, transport),
    identity: createClient(IdentityService, transport),
  };
  return {
    up,
    calls,
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release() {
      held = undefined;
      release?.();
    },
  };
}

const stopped: (() => void)[] = [];
afterEach(() => {
  for (const stop of stopped.splice(0)) stop();
});

function console_(admin: ReturnType<typeof fakeAdmin>, opts: Partial<DashboardStatsOptions> = {}) {
  stopped.push(() => admin.release());
  const bff = createBff(admin.up, undefined, createDashboardStats(admin.up, opts));
  const requests: Request[] = [];
  const as = (headers: Record<string, string> = {}) =>
    createClient(
      ConsoleService,
      createConnectTransport({
        baseUrl: `${ORIGIN}/api/connect`,
        fetch: (input, init) => {
          const req = new Request(input, init);
          req.headers.set("host", "console.test");
          req.headers.set("origin", ORIGIN);
          for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
          requests.push(req);
          return bff(req);
        },
      }),
    );
  return { bff, as, requests };
}

const request = (over: Partial<GetDashboardStatsRequest> = {}) => ({
  project: "flytesnacks",
  domain: "development",
  filters: "eq(workflow.name,wf)",
  window: windowToWire(WINDOW),
  ...over,
});

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => ConnectError.from(e));

describe("ConsoleService.GetDashboardStats", () => {
  it("counts the window's executions by day and phase, asking FlyteAdmin with the caller's token and the window's filters", async () => {
    const admin = fakeAdmin();
    const res = await console_(admin).as({ authorization: "Bearer alice" }).getDashboardStats(request());
    const stats = statsFromWire(res);
    expect(stats.buckets.map((b) => b.counts)).toEqual([
      { FAILED: 10, SUCCEEDED: 20 },
      { FAILED: 10, SUCCEEDED: 20 },
      { FAILED: 10, SUCCEEDED: 20 },
    ]);
    expect(stats.totals).toEqual({ FAILED: 30, SUCCEEDED: 60 });
    expect(admin.calls.map((c) => c.authorization)).toEqual(["Bearer alice"]);
    expect(admin.calls[0].request.filters).toBe(
      "eq(workflow.name,wf)+gte(created_at,2026-01-01T00:00:00.000Z)+lt(created_at,2026-01-04T00:00:00.000Z)",
    );
  });

  it("is POST only: a Connect GET is refused and reads nothing", async () => {
    const admin = fakeAdmin();
    const { bff } = console_(admin);
    const message = encodeURIComponent(JSON.stringify(request({ window: undefined })));
    const res = await bff(
      new Request(`${ORIGIN}/api/connect/flyteconsole.v1.ConsoleService/GetDashboardStats?connect=v1&encoding=json&message=${message}`, {
        headers: { host: "console.test" },
      }),
    );
    // Connect answers GET only for methods marked free of side effects; this one is not.
    expect(res.status).toBe(405);
    expect(admin.calls).toEqual([]);
  });

  it("refuses a cross-origin page (PermissionDenied) without asking FlyteAdmin", async () => {
    const admin = fakeAdmin();
    const err = await failure(console_(admin).as({ origin: "http://evil.test" }).getDashboardStats(request()));
    expect(err?.code).toBe(Code.PermissionDenied);
    expect(admin.calls).toEqual([]);
  });

  it("refuses a bad window or bad filters with InvalidArgument and a message", async () => {
    const admin = fakeAdmin();
    const client = console_(admin).as();
    const noWindow = await failure(client.getDashboardStats(request({ window: undefined })));
    expect(noWindow?.code).toBe(Code.InvalidArgument);
    expect(noWindow?.rawMessage).toMatch(/window/);
    const tooLong = await failure(client.getDashboardStats(request({ window: windowToWire({ fromMs: FROM, toMs: FROM + 200 * DAY_MS, bucketMs: DAY_MS }) })));
    expect(tooLong?.rawMessage).toMatch(/at most 90 buckets/);
    const badFilter = await failure(client.getDashboardStats(request({ filters: "eq(name" })));
    expect(badFilter?.code).toBe(Code.InvalidArgument);
    expect(badFilter?.rawMessage).toMatch(/filters/);
    const noProject = await failure(client.getDashboardStats(request({ project: "" })));
    expect(noProject?.code).toBe(Code.InvalidArgument);
    expect(admin.calls).toEqual([]);
  });

  it("answers DeadlineExceeded with a message when FlyteAdmin does not finish within the stats deadline", async () => {
    const admin = fakeAdmin(300);
    admin.hold();
    const err = await failure(console_(admin).as().getDashboardStats(request()));
    expect(err?.code).toBe(Code.DeadlineExceeded);
    expect(err?.rawMessage).toMatch(/took longer than 0.3 s/);
    expect(admin.calls.length).toBe(1);
  });

  it("shares one scan among identical requests of one caller, and never across callers", async () => {
    const admin = fakeAdmin();
    admin.hold();
    const c = console_(admin);
    const alice = c.as({ authorization: "Bearer alice" });
    const bob = c.as({ authorization: "Bearer bob" });
    // The same window asked a little later within its hour, normalised to the same buckets.
    const later = windowToWire({ fromMs: FROM + 60_000, toMs: FROM + 3 * DAY_MS - 60_000, bucketMs: DAY_MS });
    const answers = Promise.all([alice.getDashboardStats(request()), alice.getDashboardStats(request({ window: later })), bob.getDashboardStats(request())]);
    await expect.poll(() => admin.calls.length).toBe(2);
    admin.release();
    const [a1, a2, b] = await answers;
    expect(a1.scanned).toBe(90);
    expect(a2.scanned).toBe(90);
    expect(b.scanned).toBe(90);
    expect(admin.calls.map((call) => call.authorization).sort()).toEqual(["Bearer alice", "Bearer bob"]);

    // Answered from the cache a moment later: FlyteAdmin is not asked again.
    await alice.getDashboardStats(request());
    expect(admin.calls.length).toBe(2);
  });

  it("stops paging FlyteAdmin when everyone who asked has gone, and starts afresh for the next asker", async () => {
    const admin = fakeAdmin();
    admin.hold();
    const alice = console_(admin).as({ authorization: "Bearer alice" });
    const leaving = new AbortController();
    const gone = failure(alice.getDashboardStats(request(), { signal: leaving.signal }));
    await expect.poll(() => admin.calls.length).toBe(1);
    leaving.abort();
    expect((await gone)?.code).toBe(Code.Canceled);
    await expect.poll(() => admin.calls[0].signal.aborted).toBe(true);
    admin.release();
    expect((await alice.getDashboardStats(request())).scanned).toBe(90);
    expect(admin.calls.length).toBe(2);
  });

  it("caps the scans one caller may run at once (ResourceExhausted saying when to retry); other callers are not held", async () => {
    const admin = fakeAdmin();
    admin.hold();
    const c = console_(admin, { maxConcurrentPerCaller: 1, maxPerMinutePerCaller: 100 });
    const alice = c.as({ authorization: "Bearer alice" });
    const first = alice.getDashboardStats(request());
    await expect.poll(() => admin.calls.length).toBe(1);
    const second = await failure(alice.getDashboardStats(request({ filters: "eq(workflow.name,other)" })));
    expect(second?.code).toBe(Code.ResourceExhausted);
    expect(second?.rawMessage).toMatch(/retry/i);
    const bob = c.as({ authorization: "Bearer bob" }).getDashboardStats(request());
    await expect.poll(() => admin.calls.length).toBe(2);
    admin.release();
    await Promise.all([first, bob]);
  });

  it("caps the scans one caller may start per minute, anonymous callers sharing one allowance", async () => {
    const admin = fakeAdmin();
    const c = console_(admin, { maxConcurrentPerCaller: 10, maxPerMinutePerCaller: 2 });
    const anonymous = c.as();
    const hours = (h: number) => windowToWire({ fromMs: FROM, toMs: FROM + h * HOUR_MS, bucketMs: HOUR_MS });
    await anonymous.getDashboardStats(request({ window: hours(1) }));
    await c.as().getDashboardStats(request({ window: hours(2) }));
    const third = await failure(c.as().getDashboardStats(request({ window: hours(3) })));
    expect(third?.code).toBe(Code.ResourceExhausted);
    expect(third?.rawMessage).toMatch(/retry in \d+ s/i);
    expect(admin.calls.length).toBe(2);
    // A cached answer costs nothing, so it is still served.
    expect((await anonymous.getDashboardStats(request({ window: hours(1) }))).scanned).toBe(90);
  });
});
