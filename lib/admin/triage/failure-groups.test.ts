// ConsoleService.GetFailureGroups through the BFF, against a FlyteAdmin played in process: what it asks
// FlyteAdmin, what it answers, and that it is guarded and shared like the dashboard's counts.
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { describe, expect, it } from "vitest";
import { ExecutionListSchema, ExecutionSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import type { ResourceListRequest } from "@/lib/gen/flyteidl/admin/common_pb";
import { ExecutionError_ErrorKind, WorkflowExecution_Phase as P } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { ConsoleService, type GetFailureGroupsRequest } from "@/lib/gen/flyteconsole/v1/console_pb";
import { failureGroupsFromWire } from "@/lib/flyte/triage/wire";
import { createBff } from "../bff";
import { readAdminConfig } from "../config";
import { STATS_PAGE_SIZE } from "../dashboard/collect";
import type { Upstream } from "../upstream";
import { createFailureGroups } from "./failure-groups";

const ORIGIN = "http://console.test";
const T0 = Date.UTC(2026, 0, 1);

/** FlyteAdmin with 1,200 failed runs (more than two pages): two kinds of error, each run's own ids in its message. */
function fakeAdmin() {
  const calls: ResourceListRequest[] = [];
  const executions = Array.from({ length: 1200 }, (_, i) => {
    const name = `r${String(1199 - i).padStart(19, "0")}`;
    const oom = i % 4 === 0;
    return create(ExecutionSchema, {
      id: { project: "flytesnacks", domain: "development", name },
      closure: {
        phase: oom ? P.TIMED_OUT : P.FAILED,
        workflowId: { name: oom ? "ml.train_wf" : "etl.ingest_wf" },
        createdAt: timestampFromMs(T0 - i * 60_000),
        updatedAt: timestampFromMs(T0 - i * 60_000 + 5_000),
        outputResult: {
          case: "error",
          value: oom
            ? { code: "OOMKilled", message: `[${name}-n2-0] terminated with exit code (137). Reason [OOMKilled].`, kind: ExecutionError_ErrorKind.SYSTEM }
            : { code: "USER", message: `Trace:\n\nMessage:\n\n    KeyError: 'row_${i}'`, kind: ExecutionError_ErrorKind.USER },
        },
      },
    });
  });
  const transport = createRouterTransport(({ service }) =>
    service(AdminService, {
      listExecutions(request) {
        calls.push(request);
        const start = Number(request.token || 0);
        const page = executions.slice(start, start + request.limit);
        const next = start + page.length;
        return create(ExecutionListSchema, { executions: page, token: next < executions.length ? String(next) : "" });
      },
    }),
  );
  const up: Upstream = {
    config: readAdminConfig({ FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" }),
    transport,
    admin: createClient(AdminService, transport),
    signal: createClient(SignalService, transport),
    identity: createClient(IdentityService, transport),
  };
  return { up, calls };
}

function client(admin: ReturnType<typeof fakeAdmin>, headers: Record<string, string> = {}) {
  const bff = createBff(admin.up, undefined, undefined, createFailureGroups(admin.up));
  const c = createClient(
    ConsoleService,
    createConnectTransport({
      baseUrl: `${ORIGIN}/api/connect`,
      fetch: (input, init) => {
        const req = new Request(input, init);
        req.headers.set("host", "console.test");
        req.headers.set("origin", ORIGIN);
        for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
        return bff(req);
      },
    }),
  );
  return { bff, c };
}

const request = (over: Partial<GetFailureGroupsRequest> = {}) => ({
  project: "flytesnacks",
  domain: "development",
  filters: "contains(workflow.name,wf)",
  start: timestampFromMs(T0 - 30 * 86_400_000),
  ...over,
});
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => ConnectError.from(e));

describe("ConsoleService.GetFailureGroups", () => {
  it("pages through the failed runs only and groups them by signature, most frequent first", async () => {
    const admin = fakeAdmin();
    const res = failureGroupsFromWire(await client(admin).c.getFailureGroups(request()));
    expect(res.groups.map((g) => [g.exceptionType || g.code, g.count, g.workflows.map((w) => w.name)])).toEqual([
      ["KeyError", 900, ["etl.ingest_wf"]],
      ["OOMKilled", 300, ["ml.train_wf"]],
    ]);
    expect(res.groups[1].nodes).toEqual([{ name: "n2", count: 300 }]);
    expect(res.groups[1].examples[0]).toMatchObject({ name: "r0000000000000001199", nodeId: "n2" });
    expect(res.scanned).toBe(1200);
    expect(res.truncated).toBe(false);
    expect(admin.calls).toHaveLength(Math.ceil(1200 / STATS_PAGE_SIZE));
    expect(admin.calls[0].filters).toBe("contains(workflow.name,wf)+value_in(phase,FAILED;TIMED_OUT)+gte(created_at,2025-12-02T00:00:00.000Z)");
    expect(admin.calls[0].sortBy).toMatchObject({ key: "created_at" });
  });

  it("is POST only and same-origin, and refuses what it cannot send FlyteAdmin, without asking it", async () => {
    const admin = fakeAdmin();
    const { bff } = client(admin);
    const message = encodeURIComponent(JSON.stringify({ project: "flytesnacks", domain: "development" }));
    const get = await bff(new Request(`${ORIGIN}/api/connect/flyteconsole.v1.ConsoleService/GetFailureGroups?connect=v1&encoding=json&message=${message}`, { headers: { host: "console.test" } }));
    expect(get.status).toBe(405);
    expect((await failure(client(admin, { origin: "http://evil.test" }).c.getFailureGroups(request())))?.code).toBe(Code.PermissionDenied);
    const { c } = client(admin);
    expect((await failure(c.getFailureGroups(request({ filters: "eq(name" }))))?.rawMessage).toMatch(/invalid filters/);
    expect((await failure(c.getFailureGroups(request({ project: "" }))))?.code).toBe(Code.InvalidArgument);
    expect((await failure(c.getFailureGroups(request({ end: timestampFromMs(T0 - 40 * 86_400_000) }))))?.rawMessage).toMatch(/end must be after start/);
    expect(admin.calls).toEqual([]);
  });

  it("answers an identical request again from the same scan", async () => {
    const admin = fakeAdmin();
    const { c } = client(admin, { authorization: "Bearer alice" });
    await Promise.all([c.getFailureGroups(request()), c.getFailureGroups(request())]);
    await c.getFailureGroups(request());
    expect(admin.calls).toHaveLength(Math.ceil(1200 / STATS_PAGE_SIZE));
  });
});
