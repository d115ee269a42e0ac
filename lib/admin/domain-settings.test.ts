// @vitest-environment node
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, createClient, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createConnectTransport } from "@connectrpc/connect-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MatchableResource } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { createBff } from "./bff";
import { readAdminConfig } from "./config";
import { createUpstream } from "./upstream";

/** What the fake FlyteAdmin answers per domain: execution queue set, cluster label refused, the rest NotFound. */
function routes(router: ConnectRouter) {
  router.service(AdminService, {
    getProjectDomainAttributes: (req) => {
      if (req.domain === "revoked") throw new ConnectError("token is revoked", Code.Unauthenticated);
      if (req.resourceType === MatchableResource.EXECUTION_QUEUE) {
        return {
          attributes: {
            project: req.project,
            domain: req.domain,
            matchingAttributes: { target: { case: "executionQueueAttributes", value: { tags: ["gpu-pool"] } } },
          },
        };
      }
      if (req.resourceType === MatchableResource.EXECUTION_CLUSTER_LABEL) throw new ConnectError("not for you", Code.PermissionDenied);
      throw new ConnectError(`Resource [${req.project}/${req.domain}] not found`, Code.NotFound);
    },
  });
}

let server: Http2Server;
const sessions = new Set<ServerHttp2Session>();
let consoleClient: ReturnType<typeof clientFor>;
let downClient: ReturnType<typeof clientFor>;

function clientFor(endpoint: string) {
  const config = readAdminConfig({ FLYTE_ADMIN_ENDPOINT: endpoint, FLYTE_ADMIN_DEADLINE_MS: "2000", FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" });
  const bff = createBff(createUpstream(config));
  const transport = createConnectTransport({
    baseUrl: "http://console.test/api/connect",
    fetch: (input, init) => {
      const req = new Request(input, init);
      req.headers.set("host", "console.test");
      return bff(req);
    },
  });
  return createClient(ConsoleService, transport);
}

beforeAll(async () => {
  server = createServer(connectNodeAdapter({ routes, grpc: true }));
  server.on("session", (s) => sessions.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  consoleClient = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  downClient = clientFor("http://127.0.0.1:9");
});

afterAll(() => {
  for (const s of sessions) s.destroy();
  server.close();
});

const ASKED = [MatchableResource.TASK_RESOURCE, MatchableResource.EXECUTION_QUEUE, MatchableResource.EXECUTION_CLUSTER_LABEL];

describe("ConsoleService.GetDomainSettings", () => {
  it("answers every asked resource in order: set ones with FlyteAdmin's attributes, NotFound as unset, other refusals against their resource", async () => {
    const res = await consoleClient.getDomainSettings({ project: "flytesnacks", domain: "development", resourceTypes: ASKED });
    expect(res.settings.map((s) => s.resourceType)).toEqual(ASKED);
    const [tasks, queue, cluster] = res.settings;
    expect(tasks.attributes).toBeUndefined();
    expect(tasks.error).toBe("");
    expect(queue.attributes?.matchingAttributes?.target).toEqual({ case: "executionQueueAttributes", value: expect.objectContaining({ tags: ["gpu-pool"] }) });
    expect(cluster.attributes).toBeUndefined();
    expect(cluster.error).toBe("PermissionDenied: not for you");
  });

  it("fails the whole call when FlyteAdmin refuses the caller, so the page can ask them to sign in", async () => {
    const err = await consoleClient.getDomainSettings({ project: "flytesnacks", domain: "revoked", resourceTypes: ASKED }).catch((e: unknown) => ConnectError.from(e));
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).code).toBe(Code.Unauthenticated);
  });

  it("fails the whole call, saying so, when FlyteAdmin cannot be reached", async () => {
    const err = await downClient.getDomainSettings({ project: "p", domain: "d", resourceTypes: ASKED }).catch((e: unknown) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.Unavailable);
  });

  it.each([
    ["no project", { project: "", domain: "d", resourceTypes: ASKED }, /project and domain are required/],
    ["no resources", { project: "p", domain: "d", resourceTypes: [] }, /1 to 16 resources, got 0/],
    ["a resource twice", { project: "p", domain: "d", resourceTypes: [MatchableResource.TASK_RESOURCE, MatchableResource.TASK_RESOURCE] }, /each resource at most once/],
    ["an unknown resource", { project: "p", domain: "d", resourceTypes: [42 as MatchableResource] }, /42 is not a MatchableResource/],
  ])("refuses %s with InvalidArgument", async (_what, req, message) => {
    const err = await consoleClient.getDomainSettings(req).catch((e: unknown) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.InvalidArgument);
    expect((err as ConnectError).rawMessage).toMatch(message);
  });
});
