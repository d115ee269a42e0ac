// The stats route with sign-in on: signed out, it answers 401 with the sign-in URL and reads nothing.
import { createServer, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let server: Http2Server;
let upstreamRequests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(500).end());
  server.on("stream", () => upstreamRequests++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vi.stubEnv("FLYTE_ADMIN_ENDPOINT", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  vi.stubEnv("FLYTE_CONSOLE_COOKIE_HASH_KEY", "a".repeat(86));
  vi.stubEnv("FLYTE_CONSOLE_COOKIE_BLOCK_KEY", "b".repeat(43));
  vi.stubEnv("FLYTE_CONSOLE_ADMIN_PUBLIC_URL", "https://flyte.example.com");
  vi.resetModules();
});

afterAll(() => {
  vi.unstubAllEnvs();
  server.close();
});

describe("GET /api/dashboard/stats with sign-in on", () => {
  it("answers 401 with the sign-in URL and asks FlyteAdmin nothing without a session", async () => {
    const { GET } = await import("./route");
    const hour = 3_600_000;
    const res = await GET(new Request(`http://console/console/api/dashboard/stats?project=p&domain=d&from=0&to=${24 * hour}&bucket=${hour}`));
    expect(res.status).toBe(401);
    expect(res.headers.get("x-flyte-sign-in-url")).toBe("https://flyte.example.com/login");
    expect(await res.json()).toEqual({ code: "unauthenticated", message: "Sign in to use the console" });
    expect(upstreamRequests).toBe(0);
  });
});
