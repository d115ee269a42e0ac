// The dashboard's first page as the server fetches it, against a small FlyteAdmin on loopback.
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { create, equals } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExecutionListSchema } from "@/lib/gen/flyteidl/admin/execution_pb";
import { WorkflowExecution_Phase } from "@/lib/gen/flyteidl/core/execution_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DEFAULT_FILTERS } from "@/lib/flyte/dashboard/filter-state";
import { dashboardListRequest, firstPageFor } from "@/lib/query/dashboard";
import { readAdminConfig } from "../config";
import { createUpstream, type Upstream } from "../upstream";
import { fetchFirstPage } from "./first-page";

const now = Date.UTC(2026, 0, 1);
const page = create(ExecutionListSchema, {
  executions: Array.from({ length: 50 }, (_, i) => ({
    id: { project: "p", domain: "d", name: `run${i}` },
    spec: { metadata: { principal: "alice" }, labels: { values: { team: "ml" } } },
    closure: { phase: i % 2 ? WorkflowExecution_Phase.FAILED : WorkflowExecution_Phase.RUNNING, startedAt: timestampFromMs(now - i * 60_000), error: { message: "boom" } },
  })),
  token: "50",
});

let server: Http2Server;
const sessions = new Set<ServerHttp2Session>();
let up: Upstream;
const seen: { authorization: string | null; filters: string }[] = [];
let delayMs = 0;

beforeAll(async () => {
  server = createServer(
    connectNodeAdapter({
      grpc: true,
      routes: (router) =>
        router.service(AdminService, {
          listExecutions: async (req, ctx) => {
            seen.push({ authorization: ctx.requestHeader.get("authorization"), filters: req.filters });
            await new Promise((r) => setTimeout(r, delayMs));
            return page;
          },
        }),
    }),
  );
  server.on("session", (s) => sessions.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  up = createUpstream(readAdminConfig({ FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
afterAll(() => {
  for (const s of sessions) s.destroy();
  server.close();
});

describe("the dashboard's first page fetched by the server", () => {
  const request = dashboardListRequest("p", "d", DEFAULT_FILTERS, now);

  it("gives the browser every execution FlyteAdmin listed, asked with the caller's credentials", async () => {
    const first = await fetchFirstPage(up, request, new Headers({ authorization: "Bearer alice" }));
    const got = firstPageFor(first, request);
    expect(got && equals(ExecutionListSchema, got, page)).toBe(true);
    expect(got?.executions.map((e) => e.id?.name)).toEqual(page.executions.map((e) => e.id?.name));
    expect(got?.token).toBe("50");
    expect(seen.at(-1)).toEqual({ authorization: "Bearer alice", filters: request.filters });
  });

  it("gives up on a FlyteAdmin slower than its deadline (the browser then asks itself)", async () => {
    delayMs = 500;
    try {
      await expect(fetchFirstPage(up, request, new Headers(), 100)).rejects.toThrow();
    } finally {
      delayMs = 0;
    }
  });
});
