// Fuzzing the sandbox's HTTP server as a client would reach it (raw HTTP/1.1, so paths keep their bad
// percent-encoding and Host is any value): FlyteAdmin's REST routes with random path values, query
// strings, bodies and content types; the control, log and (with auth on) sign-in endpoints; random
// methods, hosts and cookies. No answer may be a 5xx, and every 4xx says why.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { bodyFor, cookieHeader, headerValue, listQuery, pathSegment, queryString } from "@/lib/protobuf/fuzz.testutil";
import { sandboxConfig } from "../config";
import { startSandbox, type RunningSandbox } from "../server";
import { collectHttpBindings } from "./rules";

const RUNS = Number(process.env.FUZZ_RUNS) || 1000;
const SEED = Number(process.env.FUZZ_SEED) || 16;
const dir = mkdtempSync(path.join(tmpdir(), "sandbox-fuzz-"));
let open: RunningSandbox;
let withAuth: RunningSandbox;

beforeAll(async () => {
  const base = { ...sandboxConfig({}), grpcPort: 0, httpPort: 0, seed: false };
  open = await startSandbox({ ...base, dataDir: path.join(dir, "open") }, { executor: false });
  const authDir = path.join(dir, "auth");
  withAuth = await startSandbox({ ...sandboxConfig({ FLYTE_SANDBOX_AUTH: "1", FLYTE_SANDBOX_DATA_DIR: authDir }), grpcPort: 0, httpPort: 0, seed: false, dataDir: authDir }, { executor: false });
}, 60_000);

afterAll(async () => {
  await Promise.all([open?.close(), withAuth?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const bindings = collectHttpBindings([AdminService, SignalService]);

/** A REST route with each `{variable}` replaced by a random segment, and the route's verb and message. */
const restTarget = fc.constantFrom(...bindings).chain((b) =>
  fc.array(pathSegment, { minLength: 8, maxLength: 8 }).map((segments) => {
    let i = 0;
    return { path: b.template.replace(/\{[^}]*\}/g, () => segments[i++ % segments.length]), verb: b.verb === "*" ? "POST" : b.verb, input: b.method.input };
  }),
);

const otherTarget = fc.oneof(
  fc.constantFrom("/_sandbox/faults", "/_sandbox/stats", "/_sandbox/nope", "/healthz", "/healthcheck", "/login", "/callback", "/logout", "/me", "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration", "/oauth2/jwks", "/config/v1/flyte_client", "/oauth2/token", "/oauth2/authorize").map((p) => ({ path: p, verb: "GET", input: undefined })),
  fc.array(pathSegment, { minLength: 1, maxLength: 6 }).map((s) => ({ path: `/logs/${s.join("/")}`, verb: "GET", input: undefined })),
  fc.webPath().map((p) => ({ path: p || "/", verb: "GET", input: undefined })),
);

const hostile = fc.record({
    target: fc.oneof({ weight: 4, arbitrary: restTarget }, otherTarget),
    verb: fc.option(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"), { freq: 3 }),
    query: queryString,
    contentType: fc.option(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom("application/json", "application/octet-stream", "application/x-protobuf", "application/x-www-form-urlencoded") },
        fc.constantFrom("text/plain", "application/json; charset=latin1", "multipart/form-data; boundary=x"),
        headerValue,
      ),
      { freq: 5 },
    ),
    accept: fc.option(fc.oneof(fc.constantFrom("application/json", "application/octet-stream", "*/*"), headerValue)),
    host: fc.oneof({ weight: 6, arbitrary: fc.constant("127.0.0.1") }, fc.constantFrom("localhost", "evil.example", "[::1]"), headerValue),
    origin: fc.option(fc.oneof(fc.constant("http://127.0.0.1"), fc.constant("http://evil.example"), headerValue), { freq: 3 }),
    cookie: fc.option(cookieHeader),
    authorization: fc.option(fc.oneof(fc.constant("Bearer x"), headerValue), { freq: 4 }),
    override: fc.option(fc.constantFrom("GET", "DELETE", "BOGUS"), { freq: 8 }),
    grpcTimeout: fc.option(fc.constantFrom("1S", "0m", "99999999H", "abc", ""), { freq: 8 }),
  auth: fc.boolean(),
});

/** Realistic path values (the seeded project and domains, an execution name), so calls reach the store. */
const realSegment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("flytesnacks", "development", "staging", "a1", "wf", "v1", "n0", "2") }, pathSegment);
const wellFormedTarget = fc.constantFrom(...bindings).chain((b) =>
  fc.array(realSegment, { minLength: 8, maxLength: 8 }).map((segments) => {
    let i = 0;
    return { path: b.template.replace(/\{[^}]*\}/g, () => segments[i++]), verb: b.verb === "*" ? "POST" : b.verb, input: b.method.input };
  }),
);
/** Well-formed requests (the route's verb, loopback host, JSON) with random values: these reach the store. */
const wellFormed = fc.record({
  target: wellFormedTarget,
  verb: fc.constant(null),
  query: fc.oneof({ weight: 3, arbitrary: listQuery }, queryString),
  contentType: fc.constantFrom("application/json", null),
  accept: fc.constant(null),
  host: fc.constant("127.0.0.1"),
  origin: fc.constant(null),
  cookie: fc.constant(null),
  authorization: fc.constant(null),
  override: fc.constant(null),
  grpcTimeout: fc.constant(null),
  auth: fc.constant(false),
});

const request = fc.oneof(hostile, wellFormed).chain((r) => bodyFor(r.target.input).map((body) => ({ ...r, body })));

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function send(r: FuzzRequest, port: number): Promise<{ status: number; body: string }> {
  const method = r.verb ?? r.target.verb;
  const headers: Record<string, string> = { host: r.host };
  const put = (name: string, value: string | null) => {
    if (value !== null) headers[name] = value;
  };
  put("content-type", r.contentType);
  put("accept", r.accept);
  put("origin", r.origin);
  put("cookie", r.cookie);
  put("authorization", r.authorization);
  put("x-http-method-override", r.override);
  put("grpc-timeout", r.grpcTimeout);
  const withBody = method !== "GET" && method !== "HEAD";
  if (withBody) headers["content-length"] = String(r.body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path: `${r.target.path}${r.query}`, headers, insecureHTTPParser: true }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(withBody ? Buffer.from(r.body) : undefined);
  });
}

/**
 * The failure, if any: a 5xx, or a 4xx that does not say why. One 5xx is FlyteAdmin's own: 501 with gRPC
 * code 12 (Unimplemented), which grpc-gateway answers for a known path with another verb (its default
 * routing error handler maps 405 to Unimplemented) and the sandbox for the FlyteAdmin methods it does not
 * implement (attributes, project registration, ...). The sandbox keeps that, being the console's oracle.
 */
function verdict(method: string, status: number, body: string): string | undefined {
  const unimplemented = status === 501 && (method === "HEAD" || /"code":12,"message":"[^"]+"/.test(body));
  if (status >= 500 && !unimplemented) return `status ${status}: ${body.slice(0, 300)}`;
  if (status >= 400 && method !== "HEAD") {
    let message: unknown;
    try {
      const json = JSON.parse(body) as { message?: unknown; error?: unknown };
      message = json.message ?? json.error;
    } catch {
      // Sign-in pages answer HTML or text with the reason.
      message = /json/.test(body.slice(0, 1)) ? undefined : body;
    }
    if (typeof message !== "string" || message.trim() === "") return `status ${status} without a message: ${body.slice(0, 200)}`;
  }
  return undefined;
}

describe("fuzzing the sandbox's HTTP server", () => {
  it("answers random REST routes, control, log and sign-in requests without a server error", async () => {
    let tried = 0;
    let errors = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        tried++;
        const res = await send(r, (r.auth ? withAuth : open).httpPort);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const failure = verdict(r.verb ?? r.target.verb, res.status, res.body);
        if (failure) errors++;
        expect(failure, `${r.verb ?? r.target.verb} ${r.target.path}${r.query}`).toBeUndefined();
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: 20_000 },
    );
    console.log(`fuzz: ${tried} inputs to the sandbox's HTTP server, ${errors} server errors (statuses ${JSON.stringify(Object.fromEntries(statuses))})`);
  }, 40_000);
});
