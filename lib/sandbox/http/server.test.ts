import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FaultState, faultInterceptor } from "../faults";
import { isLoopbackAddress } from "./control";
import { isHostAllowed, parseAllowedHosts } from "@/lib/hosts/allowed-hosts";
import { sandboxConfig } from "../config";
import { createSandboxHttpServer, sandboxHttpPortFromEnv, type SandboxHttpServer } from "./server";
import { createFakeAdmin } from "./testing/fake-admin";

const faults = new FaultState();
let sandbox: SandboxHttpServer;
let base: string;
let port: number;

beforeAll(async () => {
  const admin = createFakeAdmin();
  // 0.0.0.0 so a test can also arrive from a non-loopback address of this machine.
  sandbox = createSandboxHttpServer({
    routes: admin.routes,
    interceptors: [faultInterceptor(faults)],
    faults,
    host: "0.0.0.0",
    port: 0,
    allowedHosts: parseAllowedHosts("sandbox.test", "FLYTE_SANDBOX_ALLOWED_HOSTS"),
  });
  const address = await sandbox.listen();
  base = address.url;
  port = address.port;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  faults.update({ latencyMs: 0, unavailableRate: 0, outageForMs: 0, clockSkewMs: 0, leaveNodeRunning: false });
  faults.stats.reset();
});

const setFaults = (body: unknown) =>
  fetch(`${base}/_sandbox/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const listExecutions = () => fetch(`${base}/api/v1/executions/flytesnacks/development?limit=1`);

describe("the sandbox HTTP server", () => {
  it("answers health checks", async () => {
    for (const path of ["/healthz", "/healthcheck"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
  });

  it("takes its port from FLYTE_SANDBOX_HTTP_PORT, 8088 by default", () => {
    expect(sandboxHttpPortFromEnv({})).toBe(8088);
    expect(sandboxHttpPortFromEnv({ FLYTE_SANDBOX_HTTP_PORT: "9099" })).toBe(9099);
    expect(() => sandboxHttpPortFromEnv({ FLYTE_SANDBOX_HTTP_PORT: "http" })).toThrow(/FLYTE_SANDBOX_HTTP_PORT/);
  });
});

/** A request with the Host a DNS-rebinding page would send (fetch cannot set Host). */
function withHost(host: string, method: string, path: string, body?: string): Promise<{ status: number; json: { message?: string; error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: { host, ...(body ? { "content-type": "application/json" } : {}) } }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || "{}") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("odd request targets", () => {
  it("answers paths that begin with // and absolute-form targets as paths, never with a 500", async () => {
    for (const target of ["//", "//evil.example/api/v1/projects", "http://127.0.0.1/api/v1/executions/flytesnacks/development"]) {
      const res = await withHost("127.0.0.1", "GET", target);
      expect(res.status, target).toBeLessThan(500);
      if (res.status >= 400) expect(res.json.message ?? res.json.error, target).toBeTruthy();
    }
    expect((await withHost("127.0.0.1", "GET", "http://127.0.0.1/api/v1/executions/flytesnacks/development")).status).toBe(200);
  });
});

/** Raw bytes on the wire, as a client that does not check its headers sends them. */
function rawRequest(head: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(head));
    let text = "";
    socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("headers Node's parser refuses", () => {
  it("answers a Cookie with CR, NUL or a bare LF, and a malformed request line, 400 with a JSON message saying why", async () => {
    for (const cookie of [Buffer.from("a=b\rc"), Buffer.from([0x61, 0x3d, 0x00, 0x62]), Buffer.from("a=b\nX: y")]) {
      const head = Buffer.concat([Buffer.from("GET /api/v1/projects HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "), cookie, Buffer.from("\r\nConnection: close\r\n\r\n")]);
      const answer = await rawRequest(head);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/\{"error":"malformed HTTP request[^"]*","code":3,"message":"malformed HTTP request/);
    }
    expect(await rawRequest(Buffer.from("GARBAGE\r\n\r\n"))).toMatch(/^HTTP\/1\.1 400 [\s\S]*"message":"malformed HTTP request/);
  });

  it("reads a Cookie with Latin-1 bytes as a cookie it cannot use, not as an error", async () => {
    const head = Buffer.concat([Buffer.from("GET /api/v1/executions/flytesnacks/development HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: flyte_idt="), Buffer.from([0xe9, 0xff]), Buffer.from("\r\nConnection: close\r\n\r\n")]);
    expect(await rawRequest(head)).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe("DNS rebinding (a foreign Host)", () => {
  it("refuses the REST API, the control endpoints and logs for another host with 403 and a message naming FLYTE_SANDBOX_ALLOWED_HOSTS", async () => {
    for (const [method, path, body] of [
      ["GET", "/api/v1/executions/flytesnacks/development"],
      ["POST", "/_sandbox/faults", '{"outageForMs":60000}'],
      ["GET", "/_sandbox/stats"],
      ["GET", "/logs/flytesnacks/development/x/n0/0"],
    ] as const) {
      const res = await withHost("evil.example:8088", method, path, body);
      expect(res.status, path).toBe(403);
      expect(res.json.message, path).toMatch(/host "evil.example:8088" .*FLYTE_SANDBOX_ALLOWED_HOSTS/);
    }
    expect(faults.view().outageUntil).toBeNull();
  });

  it("takes FLYTE_SANDBOX_ALLOWED_HOSTS, and with auth on the hosts of its authorized URIs, and names a bad entry", () => {
    const config = sandboxConfig({ FLYTE_SANDBOX_ALLOWED_HOSTS: "sb.test", FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_AUTH_AUTHORIZED_URIS: "https://flyte.example.com" });
    expect(["sb.test:8088", "flyte.example.com", "evil.example"].map((h) => isHostAllowed(h, config.allowedHosts))).toEqual([true, true, false]);
    expect(() => sandboxConfig({ FLYTE_SANDBOX_ALLOWED_HOSTS: "http://x/" })).toThrow(/FLYTE_SANDBOX_ALLOWED_HOSTS has/);
  });

  it("answers loopback names, IP literals and FLYTE_SANDBOX_ALLOWED_HOSTS", async () => {
    for (const host of ["localhost:8088", "127.0.0.1", "[::1]:8088", "sandbox.test:8088"]) {
      expect((await withHost(host, "GET", "/api/v1/executions/flytesnacks/development")).status, host).toBe(200);
    }
  });
});

describe("fault control over HTTP", () => {
  it("reports and changes the settings, and refuses bad ones", async () => {
    const set = await setFaults({ latencyMs: 5, unavailableRate: 0.25 });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ latencyMs: 5, unavailableRate: 0.25, outageUntil: null });
    expect(await (await fetch(`${base}/_sandbox/faults`)).json()).toMatchObject({ latencyMs: 5, unavailableRate: 0.25 });
    const bad = await setFaults({ unavailableRate: 2 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/unavailableRate/);
    const notJson = await fetch(`${base}/_sandbox/faults`, { method: "POST", body: '{"latencyMs":1}' });
    expect(notJson.status).toBe(415);
  });

  it("switches the simulated FlytePropeller's faults at run time and shows them", async () => {
    const set = await setFaults({ clockSkewMs: 5000, leaveNodeRunning: true });
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ clockSkewMs: 5000, leaveNodeRunning: true, latencyMs: 0 });
    expect(await (await fetch(`${base}/_sandbox/faults`)).json()).toMatchObject({ clockSkewMs: 5000, leaveNodeRunning: true });
    expect([faults.clockSkewMs, faults.leaveNodeRunning]).toEqual([5000, true]);
    const tooFar = await setFaults({ clockSkewMs: -4_000_000 });
    expect(tooFar.status).toBe(400);
    expect((await tooFar.json()).error).toMatch(/clockSkewMs must be a number from -3600000 to 3600000/);
    const notBool = await setFaults({ leaveNodeRunning: "yes" });
    expect(notBool.status).toBe(400);
    expect((await notBool.json()).error).toMatch(/leaveNodeRunning must be true or false/);
    expect(await (await setFaults({ clockSkewMs: 0, leaveNodeRunning: false })).json()).toMatchObject({ clockSkewMs: 0, leaveNodeRunning: false });
  });

  it("slows REST calls by the latency set at run time", async () => {
    await setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await listExecutions()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("fails REST calls with 503 during an outage, then recovers", async () => {
    expect((await (await setFaults({ outageForMs: 200 })).json()).outageRemainingMs).toBeGreaterThan(0);
    const during = await listExecutions();
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ code: 14 });
    await new Promise((r) => setTimeout(r, 230));
    expect((await listExecutions()).status).toBe(200);
  });

  it("counts REST calls per method in /_sandbox/stats and resets them", async () => {
    await listExecutions();
    await listExecutions();
    await fetch(`${base}/api/v1/executions/flytesnacks/development/missing`);
    const stats = await (await fetch(`${base}/_sandbox/stats`)).json();
    expect(stats.totalCalls).toBe(3);
    expect(stats.methods["flyteidl.service.AdminService/ListExecutions"]).toMatchObject({ calls: 2, errors: 0 });
    expect(stats.methods["flyteidl.service.AdminService/GetExecution"]).toMatchObject({ calls: 1, errors: 1 });
    const reset = await fetch(`${base}/_sandbox/stats`, { method: "DELETE" });
    expect((await reset.json()).totalCalls).toBe(0);
  });

  it("refuses requests relayed by a proxy", async () => {
    const res = await fetch(`${base}/_sandbox/faults`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
    expect(res.status).toBe(403);
  });

  it("refuses a client on a non-loopback address", async (ctx) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal);
    if (!external) {
      console.log("skipping: this machine has no non-loopback IPv4 address");
      return ctx.skip();
    }
    const url = `http://${external.address}:${port}`;
    expect((await fetch(`${url}/_sandbox/faults`)).status).toBe(403);
    expect((await fetch(`${url}/_sandbox/faults`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"outageForMs":60000}' })).status).toBe(403);
    expect((await fetch(`${url}/_sandbox/stats`)).status).toBe(403);
    expect(faults.view().outageUntil).toBeNull();
    // the API itself stays open to that client
    expect((await fetch(`${url}/api/v1/executions/flytesnacks/development`)).status).toBe(200);
  });

  it("knows loopback addresses", () => {
    for (const a of ["127.0.0.1", "127.9.8.7", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["10.0.0.1", "::ffff:192.168.1.2", "fe80::1", "", undefined]) expect(isLoopbackAddress(a)).toBe(false);
  });
});
