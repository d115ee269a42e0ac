// The BFF against a real gRPC upstream on loopback (a small AdminService test server).
import { randomBytes } from "node:crypto";
import { createServer, type Http2Server, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { Code, ConnectError, createClient, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { createConnectTransport } from "@connectrpc/connect-web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProjectsSchema } from "@/lib/gen/flyteidl/admin/project_pb";
import { WorkflowClosureSchema, WorkflowSchema } from "@/lib/gen/flyteidl/admin/workflow_pb";
import { ObjectGetRequestSchema } from "@/lib/gen/flyteidl/admin/common_pb";
import { IdentifierSchema, ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import { opaqueMessage } from "@/lib/protobuf/opaque";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { ArtifactType, DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";
import { createBff } from "./bff";
import { readAdminConfig } from "./config";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";
import { createUpstream } from "./upstream";

const hashKey = randomBytes(64);
const blockKey = randomBytes(32);
const rawStd = (key: Buffer) => key.toString("base64").replace(/=+$/, "");

const seen: { method: string; authorization: string | null; cookie: string | null }[] = [];
const userInfoSeen: (string | null)[] = [];
/** Every request that reached the fake FlyteAdmin, whatever its method. */
let upstreamRequests = 0;
/** What IdentityService.UserInfo does: answer, or act as a FlyteAdmin that has no IdentityService. */
let identity: "user" | "unimplemented" = "user";
/** Whether GetVersion refuses calls without a token, as FlyteAdmin with auth on does. */
let versionNeedsToken = false;

/*
 * A workflow as FlyteAdmin might send it: fields out of number order, plus one (99) these protos do not
 * know. Parsing and re-encoding would reorder the fields; a pass-through keeps the bytes as they are.
 */
const workflowId = { resourceType: ResourceType.WORKFLOW, project: "flytesnacks", domain: "development", name: "wf", version: "v1" };
const workflowClosure = { compiledWorkflow: { primary: { template: { nodes: [{ id: "n0" }, { id: "n1", upstreamNodeIds: ["n0"] }] } } } };
const workflowBytes = new BinaryWriter()
  .tag(2, WireType.LengthDelimited)
  .bytes(toBinary(WorkflowClosureSchema, create(WorkflowClosureSchema, workflowClosure)))
  .tag(1, WireType.LengthDelimited)
  .bytes(toBinary(IdentifierSchema, create(IdentifierSchema, workflowId)))
  .tag(99, WireType.LengthDelimited)
  .string("abc")
  .finish();

function routes(router: ConnectRouter) {
  router.service(AdminService, {
    getWorkflow: () => opaqueMessage(WorkflowSchema, workflowBytes),
    getVersion: (_req, ctx) => {
      // With auth on, FlyteAdmin asks for a token on every AdminService call, GetVersion included.
      if (versionNeedsToken && !ctx.requestHeader.get("authorization")) throw new ConnectError("authentication required", Code.Unauthenticated);
      return { controlPlaneVersion: { Version: "v1.16.5-test" } };
    },
    listProjects: (_req, ctx) => {
      seen.push({ method: "ListProjects", authorization: ctx.requestHeader.get("authorization"), cookie: ctx.requestHeader.get("cookie") });
      userInfoSeen.push(ctx.requestHeader.get("userinfo-bin"));
      return create(ProjectsSchema, { projects: [{ id: "flytesnacks", name: "flytesnacks" }] });
    },
    terminateExecution: (req) => {
      seen.push({ method: "TerminateExecution", authorization: null, cookie: null });
      if (!req.id?.name) throw new ConnectError("execution name is required", Code.InvalidArgument);
      return {};
    },
    createWorkflowEvent: () => {
      seen.push({ method: "CreateWorkflowEvent", authorization: null, cookie: null });
      return {};
    },
    listExecutions: () => {
      throw new ConnectError("token parse error [id token err: token is revoked]", Code.Unauthenticated);
    },
  });
  router.service(IdentityService, {
    userInfo: (_req, ctx) => {
      seen.push({ method: "UserInfo", authorization: ctx.requestHeader.get("authorization"), cookie: ctx.requestHeader.get("cookie") });
      if (identity === "unimplemented") throw new ConnectError("unknown service flyteidl.service.IdentityService", Code.Unimplemented);
      const auth = ctx.requestHeader.get("authorization") ?? "";
      if (auth.includes("revoked")) throw new ConnectError("token parse error", Code.Unauthenticated);
      return { subject: "alice-sub", name: "Alice", email: "alice@example.com", picture: "https://example.com/alice.png" };
    },
  });
}

/** A JWT as an identity provider shapes it (the BFF reads `exp` without checking the signature). */
const jwt = (claims: Record<string, unknown>) =>
  [{ alg: "RS256" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).join(".") + ".c2ln";
const nowSec = () => Math.floor(Date.now() / 1000);
function sessionCookie(idToken: string, keys = { hashKey, blockKey }): string {
  return [`flyte_at=${sealSecureCookie("flyte_at", "access-token", keys)}`, `flyte_idt=${sealSecureCookie("flyte_idt", idToken, keys)}`].join("; ");
}

let server: Http2Server;
const sessions = new Set<ServerHttp2Session>();
let bff: (req: Request) => Promise<Response>;
let sessionBff: (req: Request) => Promise<Response>;
let downBff: (req: Request) => Promise<Response>;
const ORIGIN = "http://console.test";

function client(origin: string | null = ORIGIN, headers: Record<string, string> = {}, handler = () => bff) {
  const transport = createConnectTransport({
    baseUrl: `${ORIGIN}/api/connect`,
    fetch: (input, init) => {
      const req = new Request(input, init);
      if (origin) req.headers.set("origin", origin);
      req.headers.set("host", "console.test");
      for (const [k, v] of Object.entries(headers)) req.headers.set(k, v);
      return handler()(req);
    },
  });
  return { admin: createClient(AdminService, transport), console: createClient(ConsoleService, transport), dataProxy: createClient(DataProxyService, transport) };
}

beforeAll(async () => {
  server = createServer(connectNodeAdapter({ routes, grpc: true }));
  server.on("session", (s) => sessions.add(s));
  server.on("stream", () => upstreamRequests++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const config = readAdminConfig({ FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port}`, FLYTE_CONSOLE_MAX_BODY_BYTES: "2048", FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" });
  bff = createBff(createUpstream(config));
  sessionBff = createBff(
    createUpstream(
      readAdminConfig({
        FLYTE_ADMIN_ENDPOINT: `http://127.0.0.1:${port}`,
        FLYTE_CONSOLE_COOKIE_HASH_KEY: rawStd(hashKey),
        FLYTE_CONSOLE_COOKIE_BLOCK_KEY: rawStd(blockKey),
        FLYTE_CONSOLE_ADMIN_PUBLIC_URL: "https://flyte.example.com",
        FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test",
      }),
    ),
  );
  const down = readAdminConfig({ FLYTE_ADMIN_ENDPOINT: "http://127.0.0.1:9", FLYTE_ADMIN_DEADLINE_MS: "2000", FLYTE_CONSOLE_ALLOWED_HOSTS: "console.test" });
  downBff = createBff(createUpstream(down));
});

afterAll(() => {
  for (const s of sessions) s.destroy();
  server.close();
});

describe("BFF pass-through", () => {
  it("forwards an allowlisted read and only the user's token, taken from the auth cookie", async () => {
    seen.length = 0;
    const res = await client(ORIGIN, { cookie: "flyte_at=tok123; other=secret" }).admin.listProjects({});
    expect(res.projects.map((p) => p.id)).toEqual(["flytesnacks"]);
    expect(seen).toEqual([{ method: "ListProjects", authorization: "Bearer tok123", cookie: null }]);
  });

  it("with FlyteAdmin's cookie keys, opens its session and sends the ID token and user info as its gateway does", async () => {
    seen.length = 0;
    userInfoSeen.length = 0;
    const keys = { hashKey, blockKey };
    const userInfo = JSON.stringify({ subject: "alice", email: "alice@example.com" });
    const idToken = jwt({ sub: "alice", exp: nowSec() + 600 });
    const cookie = [
      `flyte_at_1=${sealSecureCookie("flyte_at_1", "access-", keys)}`,
      `flyte_at_2=${sealSecureCookie("flyte_at_2", "token", keys)}`,
      `flyte_idt=${sealSecureCookie("flyte_idt", idToken, keys)}`,
      `flyte_user_info=${sealSecureCookie("flyte_user_info", userInfo, keys)}`,
    ].join("; ");
    await client(ORIGIN, { cookie }, () => sessionBff).admin.listProjects({});
    expect(seen).toEqual([{ method: "ListProjects", authorization: `IDToken ${idToken}`, cookie: null }]);
    expect(Buffer.from(userInfoSeen[0] ?? "", "base64").toString()).toBe(userInfo);
  });

  it("prefers an explicit Authorization header", async () => {
    seen.length = 0;
    await client(ORIGIN, { authorization: "Bearer abc", cookie: "flyte_at=zzz" }).admin.listProjects({});
    expect(seen[0].authorization).toBe("Bearer abc");
  });

  it("refuses event writes with PermissionDenied and never calls FlyteAdmin", async () => {
    seen.length = 0;
    const err = await client().admin.createWorkflowEvent({}).catch((e) => ConnectError.from(e));
    expect(err).toBeInstanceOf(ConnectError);
    expect((err as ConnectError).code).toBe(Code.PermissionDenied);
    expect((err as ConnectError).rawMessage).toMatch(/CreateWorkflowEvent is not available/);
    expect(seen).toEqual([]);
  });

  it("forwards DataProxy's download links (here to a FlyteAdmin without DataProxy: its Unimplemented passed on) and refuses uploads", async () => {
    const link = await client()
      .dataProxy.createDownloadLink({ artifactType: ArtifactType.DECK })
      .catch((e) => ConnectError.from(e));
    expect((link as ConnectError).code).toBe(Code.Unimplemented);
    seen.length = 0;
    const upload = await client()
      .dataProxy.createUploadLocation({ project: "flytesnacks", domain: "development" })
      .catch((e) => ConnectError.from(e));
    expect((upload as ConnectError).code).toBe(Code.PermissionDenied);
    expect((upload as ConnectError).rawMessage).toMatch(/CreateUploadLocation is not available/);
    expect(seen).toEqual([]);
  });

  it("refuses cross-origin and origin-less mutations but lets same-origin ones through", async () => {
    seen.length = 0;
    const cross = await client("http://evil.test").admin.terminateExecution({ id: { name: "x" } }).catch((e) => ConnectError.from(e));
    expect((cross as ConnectError).code).toBe(Code.PermissionDenied);
    expect((cross as ConnectError).rawMessage).toMatch(/cross-origin/);
    const none = await client(null).admin.terminateExecution({ id: { name: "x" } }).catch((e) => ConnectError.from(e));
    expect((none as ConnectError).code).toBe(Code.PermissionDenied);
    expect(seen).toEqual([]);
    await client().admin.terminateExecution({ id: { project: "p", domain: "d", name: "x" } });
    expect(seen.map((s) => s.method)).toEqual(["TerminateExecution"]);
  });

  it("passes FlyteAdmin's own errors through with their code and message", async () => {
    const err = await client().admin.terminateExecution({ id: {} }).catch((e) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.InvalidArgument);
    expect((err as ConnectError).rawMessage).toBe("execution name is required");
  });

  it("answers a malformed JSON body with InvalidArgument, not a 500", async () => {
    const res = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, host: "console.test" },
        body: "{not json",
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "invalid_argument" });
  });

  it("answers a binary body that is not the method's message with InvalidArgument, not a 500", async () => {
    for (const body of [new Uint8Array([0]), new TextEncoder().encode("{}"), new Uint8Array([0x0a, 0x7f, 0x01])]) {
      const res = await bff(
        new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, { method: "POST", headers: { "content-type": "application/proto" }, body }),
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_argument", message: expect.stringMatching(/^request body is not a binary flyteidl.admin.ProjectListRequest: /) });
    }
  });

  it("answers a WatchExecution envelope that is not its message with InvalidArgument, not an Internal error", async () => {
    for (const payload of [new Uint8Array([0]), new Uint8Array([0x0a, 0x7f, 0x01])]) {
      const envelope = new Uint8Array(5 + payload.length);
      new DataView(envelope.buffer).setUint32(1, payload.length);
      envelope.set(payload, 5);
      const res = await bff(
        new Request(`${ORIGIN}/api/connect/flyteconsole.v1.ConsoleService/WatchExecution`, { method: "POST", headers: { "content-type": "application/connect+proto" }, body: envelope }),
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: "invalid_argument", message: expect.stringMatching(/^request body is not a binary flyteconsole.v1.WatchExecutionRequest: /) });
    }
  });

  it("says why it refuses a content type or an HTTP method it does not speak, instead of an empty 4xx", async () => {
    const post = (contentType: string, method = "POST") =>
      bff(new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, { method, headers: { "content-type": contentType }, ...(method === "GET" ? {} : { body: "{}" }) }));
    const charset = await post("application/json; charset=utf-16");
    expect(charset.status).toBe(415);
    expect(await charset.json()).toMatchObject({ code: "unimplemented", message: expect.stringMatching(/content type "application\/json; charset=utf-16" .*application\/json or application\/proto/) });
    const put = await post("application/json", "PUT");
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ message: expect.stringMatching(/PUT/) });
  });

  it("refuses bodies over the limit and unknown methods", async () => {
    const big = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "5000" },
        body: JSON.stringify({ filters: "x".repeat(4990) }),
      }),
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: "resource_exhausted" });
    const unknown = await bff(new Request(`${ORIGIN}/api/connect/flyteidl.service.Nope/Do`, { method: "POST", body: "{}" }));
    expect(unknown.status).toBe(404);
  });

  it("tells proxies not to buffer server streams, and leaves unary replies alone", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ id: {} }));
    const envelope = new Uint8Array(5 + json.length);
    new DataView(envelope.buffer).setUint32(1, json.length);
    envelope.set(json, 5);
    const stream = await bff(
      new Request(`${ORIGIN}/api/connect/flyteconsole.v1.ConsoleService/WatchExecution`, {
        method: "POST",
        headers: { "content-type": "application/connect+json" },
        body: envelope,
      }),
    );
    expect(stream.headers.get("content-type")).toBe("application/connect+json");
    expect(stream.headers.get("x-accel-buffering")).toBe("no");
    expect(await stream.text()).toContain("invalid_argument");
    const unary = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(unary.status).toBe(200);
    expect(unary.headers.get("x-accel-buffering")).toBeNull();
  });

  it("speaks binary protobuf too", async () => {
    const res = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListProjects`, {
        method: "POST",
        headers: { "content-type": "application/proto" },
        body: new Uint8Array(0),
      }),
    );
    expect(res.status).toBe(200);
    const projects = fromBinary(ProjectsSchema, new Uint8Array(await res.arrayBuffer()));
    expect(projects.projects[0].id).toBe("flytesnacks");
    expect(toBinary(ProjectsSchema, projects).length).toBeGreaterThan(0);
  });

  it("hands a binary reply on byte for byte, fields it does not know included, and still answers JSON in full", async () => {
    const body = toBinary(ObjectGetRequestSchema, create(ObjectGetRequestSchema, { id: workflowId }));
    const res = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/GetWorkflow`, {
        method: "POST",
        headers: { "content-type": "application/proto" },
        body,
      }),
    );
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(workflowBytes))).toBe(true);

    const viaJson = await client().admin.getWorkflow({ id: workflowId });
    expect(viaJson.id?.name).toBe("wf");
    expect(viaJson.closure?.compiledWorkflow?.primary?.template?.nodes.map((n) => n.id)).toEqual(["n0", "n1"]);
  });
});

describe("DNS rebinding (a foreign Host)", () => {
  const rebound = (headers: Record<string, string> = {}) => client("http://evil.example", { host: "evil.example", ...headers });
  const catchErr = (p: Promise<unknown>) => p.then(() => undefined, (e) => ConnectError.from(e));

  it("refuses mutations and reads for a host the console does not answer to, naming the setting, and calls FlyteAdmin not once", async () => {
    const before = upstreamRequests;
    seen.length = 0;
    const errors = [
      await catchErr(rebound().admin.terminateExecution({ id: { project: "p", domain: "d", name: "x" } })),
      await catchErr(rebound().admin.listProjects({})),
      await catchErr(rebound().console.getConsoleInfo({})),
      await catchErr((async () => {
        for await (const _ of rebound().console.watchExecution({ id: { project: "p", domain: "d", name: "x" } })) void _;
      })()),
    ];
    for (const err of errors) {
      expect(err?.code).toBe(Code.PermissionDenied);
      expect(err?.rawMessage).toMatch(/host "evil.example" .*FLYTE_CONSOLE_ALLOWED_HOSTS/);
    }
    expect(seen).toEqual([]);
    expect(upstreamRequests).toBe(before);
  });

  it("checks the ingress's X-Forwarded-Host and Host both, and always answers loopback names and IP literals", async () => {
    const err = await catchErr(client(ORIGIN, { "x-forwarded-host": "evil.example" }).admin.listProjects({}));
    expect(err?.code).toBe(Code.PermissionDenied);
    // A rebinding page's script may add its own X-Forwarded-Host; its Host is still foreign.
    const spoofed = await catchErr(rebound({ "x-forwarded-host": "console.test" }).admin.terminateExecution({ id: { project: "p", domain: "d", name: "x" } }));
    expect(spoofed?.code).toBe(Code.PermissionDenied);
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "10.0.0.7:8080"]) {
      const res = await client(`http://${host}`, { host }).admin.listProjects({});
      expect(res.projects.length, host).toBe(1);
    }
    expect((await client(ORIGIN, { host: "10.0.0.7", "x-forwarded-host": "console.test" }).admin.listProjects({})).projects.length).toBe(1);
  });
});

describe("list sizes", () => {
  it("refuses a List* limit over FLYTE_CONSOLE_MAX_LIST_LIMIT with InvalidArgument saying so, before FlyteAdmin is asked", async () => {
    const before = upstreamRequests;
    const err = await client()
      .admin.listProjects({ limit: 1_000_000_000 })
      .catch((e) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.InvalidArgument);
    expect((err as ConnectError).rawMessage).toMatch(/^limit 1000000000 exceeds the console's maximum of 2000/);
    const binary = await bff(
      new Request(`${ORIGIN}/api/connect/flyteidl.service.AdminService/ListExecutions`, {
        method: "POST",
        headers: { "content-type": "application/proto" },
        body: new BinaryWriter().tag(2, WireType.Varint).uint32(4_000_000_000).finish(),
      }),
    );
    expect(binary.status).toBe(400);
    expect(await binary.json()).toMatchObject({ code: "invalid_argument", message: expect.stringMatching(/limit 4000000000 exceeds/) });
    expect(upstreamRequests).toBe(before);
    // The console's own largest page still goes through.
    expect((await client().admin.listProjects({ limit: 2000 })).projects).toHaveLength(1);
  });
});

describe("FlyteAdmin down", () => {
  it("turns a refused connection into Unavailable naming the endpoint", async () => {
    const transport = createConnectTransport({ baseUrl: `${ORIGIN}/api/connect`, fetch: (i, init) => downBff(new Request(i, init)) });
    const err = await createClient(AdminService, transport).listProjects({}).catch((e) => ConnectError.from(e));
    expect((err as ConnectError).code).toBe(Code.Unavailable);
    expect((err as ConnectError).rawMessage).toMatch(/FlyteAdmin at http:\/\/127\.0\.0\.1:9 is unreachable/);
  });

  it("reports it through the console's own service", async () => {
    const transport = createConnectTransport({ baseUrl: `${ORIGIN}/api/connect`, fetch: (i, init) => downBff(new Request(i, init)) });
    const info = await createClient(ConsoleService, transport).getConsoleInfo({});
    expect(info.adminReachable).toBe(false);
    expect(info.adminError).toMatch(/unreachable/);
    const up = await client().console.getConsoleInfo({});
    expect(up.adminReachable).toBe(true);
    expect(up.adminVersion?.Version).toBe("v1.16.5-test");
  });
});

describe("sign-in on (FlyteAdmin's session keys)", () => {
  const signedIn = () => client(ORIGIN, { cookie: sessionCookie(jwt({ sub: "alice", exp: nowSec() + 600 })) }, () => sessionBff);
  const catchErr = (p: Promise<unknown>) => p.then(() => undefined, (e) => ConnectError.from(e));

  it("answers Unauthenticated with the sign-in URL, and calls FlyteAdmin not once, without a usable session", async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ["no session", {}, /^Sign in to use the console$/],
      ["other keys", { cookie: sessionCookie(jwt({ exp: nowSec() + 600 }), { hashKey: randomBytes(64), blockKey: randomBytes(32) }) }, /could not be read/],
      ["expired", { cookie: sessionCookie(jwt({ sub: "alice", exp: nowSec() - 5 })) }, /^Your session has expired: sign in again$/],
    ];
    for (const [what, headers, message] of cases) {
      const before = upstreamRequests;
      const c = client(ORIGIN, headers, () => sessionBff);
      const errors = [
        await catchErr(c.admin.listProjects({})),
        await catchErr(c.admin.terminateExecution({ id: { project: "p", domain: "d", name: "x" } })),
        await catchErr(c.console.getSession({})),
        await catchErr((async () => {
          for await (const _ of c.console.watchExecution({ id: { project: "p", domain: "d", name: "x" } })) void _;
        })()),
      ];
      for (const err of errors) {
        expect(err?.code, what).toBe(Code.Unauthenticated);
        expect(err?.rawMessage, what).toMatch(message);
        expect(err?.metadata.get("x-flyte-sign-in-url"), what).toBe("https://flyte.example.com/login");
        expect(err?.rawMessage, what).not.toMatch(/eyJ|flyte_idt=/);
      }
      expect(upstreamRequests, `${what}: calls that reached FlyteAdmin`).toBe(before);
    }
  });

  it("counts a FlyteAdmin that refuses the health probe for want of a token as reachable, and probes with the session when there is one", async () => {
    versionNeedsToken = true;
    try {
      const anonymous = await client(ORIGIN, {}, () => sessionBff).console.getConsoleInfo({});
      expect(anonymous.adminReachable).toBe(true);
      expect(anonymous.adminError).toBe("");
      const withSession = await signedIn().console.getConsoleInfo({});
      expect(withSession.adminReachable).toBe(true);
      expect(withSession.adminVersion?.Version).toBe("v1.16.5-test");
    } finally {
      versionNeedsToken = false;
    }
  });

  it("passes FlyteAdmin's own Unauthenticated on with the sign-in URL", async () => {
    const err = await catchErr(signedIn().admin.listExecutions({ id: { project: "p", domain: "d" } }));
    expect(err?.code).toBe(Code.Unauthenticated);
    expect(err?.rawMessage).toMatch(/token is revoked/);
    expect(err?.metadata.get("x-flyte-sign-in-url")).toBe("https://flyte.example.com/login");
  });

  it("lets an explicit Authorization header through without a session", async () => {
    seen.length = 0;
    await client(ORIGIN, { authorization: "Bearer from-proxy" }, () => sessionBff).admin.listProjects({});
    expect(seen).toEqual([{ method: "ListProjects", authorization: "Bearer from-proxy", cookie: null }]);
  });

  it("tells nothing of sign-in and asks FlyteAdmin nothing when auth is off", async () => {
    const before = upstreamRequests;
    const session = await client().console.getSession({});
    expect(session.authEnabled).toBe(false);
    expect(session.user).toBeUndefined();
    expect(session.signInUrl).toBe("");
    expect(upstreamRequests).toBe(before);
  });

  it("says who is signed in (FlyteAdmin's UserInfo, asked with the session's ID token) and where to sign in and out", async () => {
    seen.length = 0;
    identity = "user";
    const session = await signedIn().console.getSession({});
    expect(session.authEnabled).toBe(true);
    expect(session.user).toMatchObject({ subject: "alice-sub", name: "Alice", email: "alice@example.com", picture: "https://example.com/alice.png" });
    expect(session.signInUrl).toBe("https://flyte.example.com/login");
    expect(session.signOutUrl).toBe("https://flyte.example.com/logout");
    expect(seen[0]).toMatchObject({ method: "UserInfo", authorization: expect.stringMatching(/^IDToken eyJ/) });
  });

  it("with an auth proxy (no keys, an Authorization header), is on without a sign-in page of its own", async () => {
    identity = "user";
    const session = await client(ORIGIN, { authorization: "Bearer from-proxy" }).console.getSession({});
    expect(session.authEnabled).toBe(true);
    expect(session.user?.subject).toBe("alice-sub");
    expect(session.signInUrl).toBe("");
    const refused = await catchErr(client(ORIGIN, { authorization: "Bearer revoked" }).console.getSession({}));
    expect(refused?.code).toBe(Code.Unauthenticated);
    expect(refused?.metadata.get("x-flyte-sign-in-url")).toBeNull();
  });

  it("treats a FlyteAdmin without IdentityService as signed in with no user, not as an error", async () => {
    identity = "unimplemented";
    try {
      const session = await signedIn().console.getSession({});
      expect(session.authEnabled).toBe(true);
      expect(session.user).toBeUndefined();
      expect(session.signOutUrl).toBe("https://flyte.example.com/logout");
    } finally {
      identity = "user";
    }
  });
});
