// Fuzzing the console's BFF route handlers (/api/connect as Next serves it, a BFF with sign-in on, and
// /api/logs) with a real sandbox behind them: random method paths, bodies, headers, cookies and query
// strings. No answer may be a 5xx, and every 4xx says why.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import type { DescMessage, DescService } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { binaryMessage, bodyFor, cookieHeader, headerValue, pathSegment, queryString, strictJsonBody } from "@/lib/protobuf/fuzz.testutil";
import { sandboxConfig } from "@/lib/sandbox/config";
import { startSandbox, type RunningSandbox } from "@/lib/sandbox/server";
import { NextRequest } from "next/server";
import { createBff } from "./bff";
import { readAdminConfig, readCredentialSettings } from "./config";
import { handlePageRequest } from "./page-proxy";
import { observed } from "./observe";
import { createUpstream } from "./upstream";

// FUZZ_RUNS / FUZZ_SEED explore further by hand; the suite runs a fixed, bounded set.
const RUNS = Number(process.env.FUZZ_RUNS) || 1000;
const SEED = Number(process.env.FUZZ_SEED) || 16;
const statuses = new Map<number, number>();
const HOST = "console.test";
const dir = mkdtempSync(path.join(tmpdir(), "bff-fuzz-"));
let sandbox: RunningSandbox;
type Handler = (req: Request) => Promise<Response>;
let connectRoute: Handler;
let sessionBff: Handler;
let logsRoute: Handler;
const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");

beforeAll(async () => {
  sandbox = await startSandbox({ ...sandboxConfig({}), grpcPort: 0, httpPort: 0, dataDir: dir, seed: false }, { executor: false });
  // The route modules read the process's settings once, as in production.
  Object.assign(process.env, {
    FLYTE_ADMIN_ENDPOINT: sandbox.grpcUrl,
    FLYTE_ADMIN_DEADLINE_MS: "5000",
    FLYTE_CONSOLE_ALLOWED_HOSTS: HOST,
    FLYTE_CONSOLE_LOG_LEVEL: "silent",
    FLYTE_CONSOLE_LOG_ORIGINS: sandbox.httpUrl,
    FLYTE_CONSOLE_MAX_BODY_BYTES: "65536",
  });
  connectRoute = (await import("@/app/api/connect/[...path]/route")).POST;
  logsRoute = (await import("@/app/api/logs/route")).GET;
  const withKeys = readAdminConfig({
    FLYTE_ADMIN_ENDPOINT: sandbox.grpcUrl,
    FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(randomBytes(64)),
    FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(randomBytes(32)),
    FLYTE_CONSOLE_ALLOWED_HOSTS: HOST,
  });
  sessionBff = observed("/api/connect", createBff(createUpstream(withKeys)));
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const services = [AdminService, SignalService, DataProxyService, ConsoleService] as DescService[];
const methods = services.flatMap((s) => s.methods.map((m) => ({ path: `/${s.typeName}/${m.name}`, input: m.input as DescMessage | undefined })));

const methodPath = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...methods) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...services.map((s) => s.typeName)), fc.string({ maxLength: 12 })).map(([s, m]) => ({ path: `/${s}/${encodeURIComponent(m)}`, input: undefined })) },
  { weight: 1, arbitrary: fc.webPath().map((p) => ({ path: p, input: undefined })) },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  { weight: 3, arbitrary: fc.constant("application/proto") },
  { weight: 2, arbitrary: fc.constantFrom("application/connect+json", "application/connect+proto", "application/json; charset=utf-8") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-16", "text/plain", "application/grpc", "application/grpc-web+proto", "") },
  { weight: 1, arbitrary: headerValue },
);

const hostile = fc.record({
  method: methodPath,
  verb: fc.oneof({ weight: 8, arbitrary: fc.constant("POST") }, fc.constant("GET"), fc.constantFrom("PUT", "DELETE", "OPTIONS")),
  connectGet: fc.boolean(),
  query: queryString,
  contentType,
  protocolVersion: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constant("1") }, headerValue)),
  timeout: fc.option(fc.oneof(fc.constantFrom("1", "0", "-5", "99999999999", "1e3", "30000"), headerValue)),
  origin: fc.option(fc.oneof(fc.constant(`http://${HOST}`), fc.constant("http://evil.example"), fc.constant("null"), headerValue)),
  host: fc.oneof({ weight: 5, arbitrary: fc.constant(HOST) }, fc.constantFrom("evil.example", "127.0.0.1:3000", "[::1]"), headerValue),
  forwardedHost: fc.option(fc.oneof(fc.constant(HOST), headerValue), { freq: 4 }),
  cookie: fc.option(cookieHeader),
  authorization: fc.option(fc.oneof(fc.constant("Bearer x"), headerValue), { freq: 4 }),
  session: fc.boolean(),
  envelope: fc.boolean(),
  body: fc.constant(undefined),
});

/** Well-formed envelopes (method, content type, headers) around random messages: these reach the sandbox. */
const wellFormed = fc.record({
  method: fc.constantFrom(...methods),
  verb: fc.constant("POST"),
  connectGet: fc.constant(false),
  query: fc.constant(""),
  contentType: fc.constantFrom("application/json", "application/json", "application/proto"),
  protocolVersion: fc.constantFrom("1", null),
  timeout: fc.constant(null),
  origin: fc.constant(`http://${HOST}`),
  host: fc.constant(HOST),
  forwardedHost: fc.constant(null),
  cookie: fc.option(cookieHeader),
  authorization: fc.constant(null),
  session: fc.boolean(),
  envelope: fc.constant(false),
  body: fc.constant(undefined),
});

const request = fc
  .oneof(hostile, wellFormed)
  .chain((r) =>
    (r.method.input && r.origin === `http://${HOST}`
      ? fc.oneof({ weight: 3, arbitrary: r.contentType === "application/proto" ? binaryMessage(r.method.input) : strictJsonBody(r.method.input) }, bodyFor(r.method.input))
      : bodyFor(r.method.input)
    ).map((body) => ({
      ...r,
      body,
    })),
  );



type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: FuzzRequest): Request {
  const headers = new Headers();
  const set = (name: string, value: string | null) => {
    if (value === null) return;
    try {
      headers.set(name, value);
    } catch {
      // A value Node's HTTP parser would have refused before the route: not a case for the route.
    }
  };
  set("content-type", r.contentType);
  set("connect-protocol-version", r.protocolVersion);
  set("connect-timeout-ms", r.timeout);
  set("origin", r.origin);
  set("host", r.host);
  set("x-forwarded-host", r.forwardedHost);
  set("cookie", r.cookie);
  set("authorization", r.authorization);
  let body: Uint8Array = r.body;
  if (r.envelope) {
    body = new Uint8Array(5 + r.body.length);
    new DataView(body.buffer).setUint32(1, r.body.length);
    body.set(r.body, 5);
  }
  const hasBody = r.verb !== "GET" && r.verb !== "OPTIONS";
  // Connect's GET form: the message in the query (side-effect-free methods only; others are refused).
  const query =
    r.verb === "GET" && r.connectGet
      ? `?connect=v1&encoding=${r.contentType.includes("proto") ? "proto&base64=1" : "json"}&message=${encodeURIComponent(
          r.contentType.includes("proto") ? Buffer.from(r.body).toString("base64url") : new TextDecoder().decode(r.body),
        )}`
      : r.query;
  return new Request(`http://${HOST}/console/api/connect${r.method.path}${query}`, {
    method: r.verb,
    headers,
    ...(hasBody ? { body: body as Uint8Array<ArrayBuffer> } : {}),
  });
}

/**
 * The failure, if any, of one answer: a 5xx, or a 4xx that does not say why. One 5xx is the client's own
 * doing: DeadlineExceeded (504 in Connect) when it asked for a deadline shorter than FlyteAdmin's answer took.
 */
async function verdict(res: Response, clientTimeout?: string | null): Promise<string | undefined> {
  const text = await res.text();
  const ownDeadline = /^\d{1,4}$/.test(clientTimeout ?? "") && res.status === 504 && text.includes('"deadline_exceeded"');
  if (res.status >= 500 && !ownDeadline) return `status ${res.status}: ${text.slice(0, 300)}`;
  if (res.status >= 400) {
    let message: unknown;
    try {
      const json = JSON.parse(text) as { message?: unknown; error?: unknown };
      message = json.message ?? json.error;
    } catch {
      message = undefined;
    }
    if (typeof message !== "string" || message.trim() === "") return `status ${res.status} without a message: ${text.slice(0, 200)}`;
  }
  return undefined;
}

describe("fuzzing the BFF", () => {
  it("answers random method paths, bodies, headers, cookies and query strings without a server error", async () => {
    let tried = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        tried++;
        const res = await (r.session ? sessionBff : connectRoute)(toRequest(r));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const failure = await verdict(res, r.timeout);
        if (failure) failures.push(`${r.verb} ${r.method.path}: ${failure}`);
        expect(failure).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 20_000 },
    );
    console.log(`fuzz: ${tried} inputs to /api/connect, ${failures.length} server errors (statuses ${JSON.stringify(Object.fromEntries(statuses))})`);
  }, 40_000);

  it("answers random /api/logs queries and headers without a server error", async () => {
    let tried = 0;
    const logRequest = fc.record({
      query: fc.oneof(queryString, fc.webPath().map((p) => `?uri=${encodeURIComponent(`${sandbox.httpUrl}/logs${p}`)}`)),
      host: fc.oneof({ weight: 4, arbitrary: fc.constant(HOST) }, headerValue),
      cookie: fc.option(cookieHeader),
    });
    await fc.assert(
      fc.asyncProperty(logRequest, async (r) => {
        tried++;
        const headers = new Headers();
        try {
          headers.set("host", r.host);
          if (r.cookie) headers.set("cookie", r.cookie);
        } catch {
          // refused by Node's parser before any route
        }
        const res = await logsRoute(new Request(`http://${HOST}/console/api/logs${r.query}`, { headers }));
        expect(await verdict(res)).toBeUndefined();
      }),
      { numRuns: 200, seed: SEED, interruptAfterTimeLimit: 10_000 },
    );
    console.log(`fuzz: ${tried} inputs to /api/logs, 0 server errors`);
  }, 20_000);

  it("answers random page URLs, cookies and forwarded headers (Next's proxy) without a server error", () => {
    let tried = 0;
    const settings = readCredentialSettings({ FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(randomBytes(64)), FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(randomBytes(32)) });
    const pageRequest = fc.record({
      segments: fc.array(fc.oneof(fc.constantFrom("projects", "flytesnacks", "domains", "development", "executions", "workflows", "workflow", "version", "nodeId", "nodes", "select-project"), pathSegment), { maxLength: 8 }),
      query: queryString,
      cookie: fc.option(cookieHeader),
      host: fc.oneof(fc.constant(HOST), headerValue),
      forwardedHost: fc.option(headerValue),
      forwardedProto: fc.option(fc.oneof(fc.constantFrom("https", "http"), headerValue)),
      signIn: fc.boolean(),
    });
    fc.assert(
      fc.property(pageRequest, (r) => {
        tried++;
        const headers: Record<string, string> = {};
        for (const [name, value] of [["host", r.host], ["cookie", r.cookie], ["x-forwarded-host", r.forwardedHost], ["x-forwarded-proto", r.forwardedProto]] as const) {
          if (value !== null) headers[name] = value;
        }
        let req: NextRequest;
        try {
          req = new NextRequest(`http://10.1.2.3:3000/console/${r.segments.join("/")}${r.query}`, { headers, nextConfig: { basePath: "/console" } });
        } catch {
          return; // not a request Node would have parsed
        }
        const res = handlePageRequest(req, { settings: r.signIn ? settings : { authCookie: "flyte_at" }, defaultDomain: "development" });
        expect(res.status, `${req.url}`).toBeLessThan(500);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzz: ${tried} inputs to the page proxy, 0 server errors`);
  });
});
