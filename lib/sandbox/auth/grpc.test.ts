// gRPC with auth on, against the sandbox started in-process: tokens checked as FlyteAdmin checks them,
// the signed-in subject recorded as principal, the read-only person refused, refused calls counted.
// And with auth off, nothing of this.
import { generateKeyPairSync } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import { ExecutionState } from "@/lib/gen/flyteidl/admin/execution_pb";
import { NamedEntityState } from "@/lib/gen/flyteidl/admin/common_pb";
import { ResourceType } from "@/lib/gen/flyteidl/core/identifier_pb";
import type { Identifier } from "@/lib/gen/flyteidl/core/identifier_pb";
import { CatalogBuilder } from "../seed/catalog/builder";
import { T } from "../seed/catalog/literals";
import { taskNode, out } from "../seed/catalog/nodes";
import { registerSteps } from "../seed";
import { signIn, startAuthSandbox, type AuthSandbox } from "./testing/sandbox";

const P = "flytesnacks";
const D = "development";
let sandbox: AuthSandbox;
let launchPlan: Identifier;
let ada: { accessToken: string; idToken: string };
let alan: { accessToken: string; idToken: string };

function register(sb: AuthSandbox): Identifier {
  const c = new CatalogBuilder(P, D, "v1");
  const hello = c.task({ name: "t.hello", description: "", inputs: {}, outputs: { o0: T.str } });
  const wf = c.workflow({ name: "wf.hello", description: "", inputs: {}, outputs: { o0: T.str }, nodes: [taskNode("n0", hello, {})], returns: { o0: out("n0") } });
  expect(registerSteps(sb.sb.ctx, c.steps)).toBe(0);
  return wf.launchPlan.id as Identifier;
}

async function codeOf(call: Promise<unknown>): Promise<{ code?: Code; message?: string }> {
  try {
    await call;
    return {};
  } catch (err) {
    const e = ConnectError.from(err);
    return { code: e.code, message: e.rawMessage };
  }
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const launch = (headers: Record<string, string>, principal = "somebody-else") =>
  sandbox.admin(headers).createExecution({ project: P, domain: D, spec: { launchPlan, metadata: { principal } }, inputs: {} });

beforeAll(async () => {
  sandbox = await startAuthSandbox();
  launchPlan = register(sandbox);
  ada = await signIn(sandbox, "ada");
  alan = await signIn(sandbox, "alan");
});
afterAll(() => sandbox.close());

describe("authentication", () => {
  it("refuses calls without a token, naming how to send one", async () => {
    const res = await codeOf(sandbox.admin().listProjects({}));
    expect(res.code).toBe(Code.Unauthenticated);
    expect(res.message).toContain('"authorization: Bearer <access token>"');
    expect((await codeOf(sandbox.identity().userInfo({}))).code).toBe(Code.Unauthenticated);
    expect((await codeOf(sandbox.signal().listSignals({ workflowExecutionId: { project: P, domain: D, name: "x" }, limit: 1 }))).code).toBe(Code.Unauthenticated);
  });

  it("refuses a token signed with another key, and another scheme", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const issuer = sandbox.sb.httpUrl;
    const forged = await new SignJWT({ scp: ["all"] }).setProtectedHeader({ alg: "RS256" }).setIssuer(issuer).setAudience(issuer).setSubject("ada").setExpirationTime("1h").sign(privateKey);
    const res = await codeOf(sandbox.admin(bearer(forged)).listProjects({}));
    expect(res).toEqual({ code: Code.Unauthenticated, message: "the access token is not valid: its signature does not verify with this sandbox's key" });
    expect((await codeOf(sandbox.admin({ authorization: `Basic ${Buffer.from("ada:x").toString("base64")}` }).listProjects({}))).code).toBe(Code.Unauthenticated);
    // The ID token is not an access token (another audience), nor the other way round.
    expect((await codeOf(sandbox.admin(bearer(ada.idToken)).listProjects({}))).code).toBe(Code.Unauthenticated);
    expect((await codeOf(sandbox.admin({ authorization: `IDToken ${ada.accessToken}` }).listProjects({}))).code).toBe(Code.Unauthenticated);
  });

  it("refuses an expired token, saying so without echoing it", async () => {
    const short = await signIn(sandbox, "ada", { ttlSeconds: 1 });
    expect((await codeOf(sandbox.admin(bearer(short.accessToken)).listProjects({}))).code).toBeUndefined();
    await new Promise((r) => setTimeout(r, 2100));
    for (const headers of [bearer(short.accessToken), { authorization: `IDToken ${short.idToken}` }]) {
      const res = await codeOf(sandbox.admin(headers).listProjects({}));
      expect(res.code).toBe(Code.Unauthenticated);
      expect(res.message).toMatch(/^the (access|ID) token expired at \d{4}-.*Z; sign in again$/);
      expect(res.message).not.toContain(short.accessToken.slice(0, 20));
    }
  });

  it("takes a good Bearer access token, a good IDToken and FlyteAdmin's flyte-authorization header", async () => {
    expect((await sandbox.admin(bearer(ada.accessToken)).listProjects({})).projects.map((p) => p.id)).toContain(P);
    expect((await sandbox.admin({ authorization: `IDToken ${ada.idToken}` }).listProjects({})).projects.length).toBeGreaterThan(0);
    expect((await sandbox.admin({ "flyte-authorization": `Bearer ${ada.accessToken}` }).listProjects({})).projects.length).toBeGreaterThan(0);
  });

  it("UserInfo answers who the token says (the profile from userinfo-bin with an ID token, as FlyteAdmin's gateway sends it)", async () => {
    expect(await sandbox.identity(bearer(ada.accessToken)).userInfo({})).toMatchObject({ subject: "ada", name: "Ada Lovelace", email: "ada@flyte.example" });
    const profile = Buffer.from(JSON.stringify({ name: "Ada from the cookie", email: "ada@flyte.example" })).toString("base64");
    const info = await sandbox.identity({ authorization: `IDToken ${ada.idToken}`, "userinfo-bin": profile }).userInfo({});
    expect(info).toMatchObject({ subject: "ada", name: "Ada from the cookie" });
    expect(info.additionalClaims).toMatchObject({ sub: "ada", aud: "flyteadmin" });
  });

  it("leaves AuthMetadataService anonymous", async () => {
    const metadata = await sandbox.authMetadata().getOAuth2Metadata({});
    expect(metadata.issuer).toBe(sandbox.sb.httpUrl);
    expect(metadata.jwksUri).toBe(`${sandbox.sb.httpUrl}/oauth2/jwks`);
    expect((await sandbox.authMetadata().getPublicClientConfig({})).clientId).toBe("flytectl");
  });

  it("counts refused calls in /_sandbox/stats", async () => {
    await fetch(`${sandbox.sb.httpUrl}/_sandbox/stats`, { method: "DELETE" });
    await codeOf(sandbox.admin().listExecutions({ id: { project: P, domain: D }, limit: 1 }));
    await codeOf(fetch(`${sandbox.sb.httpUrl}/api/v1/executions/${P}/${D}?limit=1`));
    const stats = await (await fetch(`${sandbox.sb.httpUrl}/_sandbox/stats`)).json();
    expect(stats.methods["flyteidl.service.AdminService/ListExecutions"]).toMatchObject({ calls: 2, errors: 2 });
  });
});

describe("the principal", () => {
  it("is the signed-in subject on CreateExecution, whatever the request says, and eq(user, …) finds it", async () => {
    const { id } = await launch(bearer(ada.accessToken));
    const execution = await sandbox.admin(bearer(ada.accessToken)).getExecution({ id });
    expect(execution.spec?.metadata?.principal).toBe("ada");
    const mine = await sandbox.admin(bearer(ada.accessToken)).listExecutions({ id: { project: P, domain: D }, limit: 100, filters: "eq(user,ada)" });
    expect(mine.executions.map((e) => e.id!.name)).toContain(id!.name);
    const theirs = await sandbox.admin(bearer(ada.accessToken)).listExecutions({ id: { project: P, domain: D }, limit: 100, filters: "eq(user,somebody-else)" });
    expect(theirs.executions).toEqual([]);
  });

  it("is the caller on relaunch and recover, the terminating user on abort, and the archiving user on a state change", async () => {
    const grace = await signIn(sandbox, "grace");
    const { id } = await launch(bearer(ada.accessToken));
    const asGrace = sandbox.admin({ authorization: `IDToken ${grace.idToken}` });
    const relaunched = await asGrace.relaunchExecution({ id, name: "" });
    expect((await asGrace.getExecution({ id: relaunched.id })).spec?.metadata?.principal).toBe("grace");
    const recovered = await asGrace.recoverExecution({ id, name: "" });
    expect((await asGrace.getExecution({ id: recovered.id })).spec?.metadata?.principal).toBe("grace");

    await asGrace.terminateExecution({ id, cause: "enough" });
    const aborted = await asGrace.getExecution({ id });
    expect(aborted.closure?.outputResult).toMatchObject({ case: "abortMetadata", value: { cause: "enough", principal: "grace" } });

    await sandbox.admin(bearer(ada.accessToken)).updateExecution({ id, state: ExecutionState.EXECUTION_ARCHIVED });
    expect((await asGrace.getExecution({ id })).closure?.stateChangeDetails).toMatchObject({ state: ExecutionState.EXECUTION_ARCHIVED, principal: "ada" });
  });
});

describe("read-only access", () => {
  it("lets the read-only person read", async () => {
    expect((await sandbox.admin(bearer(alan.accessToken)).listExecutions({ id: { project: P, domain: D }, limit: 5 })).executions).toBeDefined();
    expect((await sandbox.identity(bearer(alan.accessToken)).userInfo({})).subject).toBe("alan");
  });

  it("refuses every change with PermissionDenied, saying what may not be done", async () => {
    const { id } = await launch(bearer(ada.accessToken));
    const asAlan = sandbox.admin({ authorization: `IDToken ${alan.idToken}` });
    // One call at a time: started together, the later refusals would reject before anything awaits them.
    const refusals: [string, () => Promise<unknown>][] = [
      ["launch executions", () => launch(bearer(alan.accessToken))],
      ["relaunch executions", () => asAlan.relaunchExecution({ id, name: "" })],
      ["recover executions", () => asAlan.recoverExecution({ id, name: "" })],
      ["terminate executions", () => asAlan.terminateExecution({ id, cause: "no" })],
      ["archive or unarchive executions", () => asAlan.updateExecution({ id, state: ExecutionState.EXECUTION_ARCHIVED })],
      [
        "archive or describe workflows, tasks and launch plans",
        () => asAlan.updateNamedEntity({ resourceType: ResourceType.WORKFLOW, id: { project: P, domain: D, name: "wf.hello" }, metadata: { state: NamedEntityState.NAMED_ENTITY_ARCHIVED } }),
      ],
      ["activate or deactivate launch plans", () => asAlan.updateLaunchPlan({ id: launchPlan, state: 1 })],
      ["approve, reject or set signals", () => sandbox.signal(bearer(alan.accessToken)).setSignal({ id: { executionId: id, signalId: "go" }, value: {} })],
    ];
    for (const [what, call] of refusals) {
      expect(await codeOf(call()), what).toEqual({ code: Code.PermissionDenied, message: `Alan Turing (alan) has read-only access and may not ${what}` });
    }
    // Nothing changed: the execution is not terminated, nor archived.
    const execution = await sandbox.admin(bearer(ada.accessToken)).getExecution({ id });
    expect(execution.closure?.outputResult.case).toBeUndefined();
    expect(execution.closure?.stateChangeDetails).toBeUndefined();
  });
});

describe("auth off (the default)", () => {
  let open: AuthSandbox;
  beforeAll(async () => {
    open = await startAuthSandbox("off");
  });
  afterAll(() => open.close());

  it("serves every call without a token and keeps the principal the request names", async () => {
    const lp = register(open);
    const { id } = await open.admin().createExecution({ project: P, domain: D, spec: { launchPlan: lp, metadata: { principal: "curl" } }, inputs: {} });
    expect((await open.admin().getExecution({ id })).spec?.metadata?.principal).toBe("curl");
    await open.admin().terminateExecution({ id, cause: "stop" });
    expect((await open.admin().getExecution({ id })).closure?.outputResult).toMatchObject({ value: { principal: "sandbox" } });
  });

  it("has no sign-in endpoints, AuthMetadataService or IdentityService", async () => {
    const http = open.sb.httpUrl;
    for (const path of ["/login", "/callback", "/logout", "/me", "/oauth2/jwks", "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"]) {
      expect((await fetch(`${http}${path}`, { redirect: "manual" })).status, path).toBe(404);
    }
    expect((await fetch(`${http}/healthz`)).status).toBe(200);
    expect((await codeOf(open.authMetadata().getOAuth2Metadata({}))).code).toBe(Code.Unimplemented);
    expect((await codeOf(open.identity().userInfo({}))).code).toBe(Code.Unimplemented);
  });
});
