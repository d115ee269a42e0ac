// GetDashboardStats with sign-in on: signed out, it answers Unauthenticated with the sign-in URL and reads nothing.
import { createServer, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { HOUR_MS } from "@/lib/flyte/dashboard/stats";
import { windowToWire } from "@/lib/flyte/dashboard/stats-wire";
import { createBff } from "../bff";
import { readAdminConfig } from "../config";
import { createUpstream } from "../upstream";

let server: Http2Server;
let upstreamRequests = 0;
let bff: (req: Request) => Promise<Response>;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(500).end());
  server.on("stream", () => upstreamRequests++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const config = readAdminConfig({
    FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    FLYTE_CONSOLE_COOKIE_HASH_KEY: "a".repeat(86),
    FLYTE_CONSOLE_COOKIE_BLOCK_KEY: "b".repeat(43),
    FLYTE_CONSOLE_ADMIN_PUBLIC_URL: "https://flyte.example.com",
    FLYTE_CONSOLE_ALLOWED_HOSTS: "console",
  });
  bff = createBff(createUpstream(config));
});

afterAll(() => {
  server.close();
});

describe("GetDashboardStats with sign-in on", () => {
  it("answers Unauthenticated with the sign-in URL and asks FlyteAdmin nothing without a session", async () => {
    const client = createClient(
      ConsoleService,
      createConnectTransport({
        baseUrl: "http://console/console/api/connect",
        fetch: (input, init) => {
          const req = new Request(input, init);
          req.headers.set("origin", "http://console");
          return bff(req);
        },
      }),
    );
    const err = await client
      .getDashboardStats({ project: "p", domain: "d", window: windowToWire({ fromMs: 24 * HOUR_MS, toMs: 48 * HOUR_MS, bucketMs: HOUR_MS }) })
      .then(() => undefined, (e: unknown) => ConnectError.from(e));
    expect(err?.code).toBe(Code.Unauthenticated);
    expect(err?.rawMessage).toBe("Sign in to use the console");
    expect(err?.metadata.get("x-flyte-sign-in-url")).toBe("https://flyte.example.com/login");
    expect(upstreamRequests).toBe(0);
  });
});
