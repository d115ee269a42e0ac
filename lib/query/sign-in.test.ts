// The browser's real transport against a BFF played by MSW: what happens when a call or the live
// watch answers Unauthenticated.
import { create, toBinary } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from "vitest";
import { ConsoleService, GetSessionResponseSchema, WatchExecutionResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { createQueryClient } from "./client";
import { HOUR_MS } from "@/lib/flyte/dashboard/stats";
import { dashboardStatsRequest } from "./dashboard";
import { followExecution, LiveExecution } from "./live-execution";
import { SIGN_IN_LOOP_WINDOW_MS, signInProblems, type SignInEnv } from "./sign-in";
import { createBrowserTransport } from "./transport";

const ORIGIN = "http://console.test";
const BFF = `${ORIGIN}/console/api/connect`;
const SIGN_IN = "http://flyteadmin.test/login";
const PAGE = `${ORIGIN}/console/projects/flytesnacks/domains/development/executions/abc?tab=graph&node=n0`;
const EXPECTED_REDIRECT = `${SIGN_IN}?redirect_url=${encodeURIComponent(PAGE)}`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let env: SignInEnv & { location: { href: string; assign: Mock<(url: string) => void> } };
let now: number;
beforeEach(() => {
  signInProblems.reset();
  now = 1_700_000_000_000;
  const stored = new Map<string, string>();
  env = {
    location: { href: PAGE, assign: vi.fn<(url: string) => void>() },
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
    now: () => now,
  };
});

/** A Connect unary error as the BFF sends it: HTTP status, JSON body, metadata as headers. */
function unaryError(code: string, message: string, headers: Record<string, string> = {}) {
  const status = code === "unauthenticated" ? 401 : 403;
  return HttpResponse.json({ code, message }, { status, headers });
}

function sessionClient() {
  return createClient(ConsoleService, createBrowserTransport(BFF, { signInEnv: env }));
}

describe("Unauthenticated from the BFF", () => {
  it("sends the browser to the sign-in page named in the error, with the page it was on as redirect_url", async () => {
    server.use(http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () => unaryError("unauthenticated", "no session", { "x-flyte-sign-in-url": SIGN_IN })));
    await expect(sessionClient().getSession({})).rejects.toThrow("no session");
    expect(env.location.assign).toHaveBeenCalledTimes(1);
    expect(env.location.assign).toHaveBeenCalledWith(EXPECTED_REDIRECT);
    expect(signInProblems.get()).toEqual({ kind: "redirecting" });

    // Other calls failing the same way meanwhile: still one redirect.
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(1);
  });

  it("does not send the browser round again when it comes back from signing in still refused: a banner offers to sign in again", async () => {
    server.use(http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () => unaryError("unauthenticated", "cannot open the session cookies", { "x-flyte-sign-in-url": SIGN_IN })));
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(1);

    // Back from sign-in: a new page (fresh state), same tab (same sessionStorage), 5 s later.
    signInProblems.reset();
    now += 5_000;
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(1);
    expect(signInProblems.get()).toEqual({ kind: "stillRefused", signInHref: EXPECTED_REDIRECT, message: "cannot open the session cookies" });

    // This page keeps its banner: a later poll failing does not start the round again.
    now += SIGN_IN_LOOP_WINDOW_MS;
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(1);

    // A later page, much later (the session simply expired): redirect again.
    signInProblems.reset();
    now += SIGN_IN_LOOP_WINDOW_MS;
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(2);
  });

  it("a session that worked after signing in and then expired (a short-lived token) goes to sign in again at once", async () => {
    let signedIn = true;
    server.use(
      http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () =>
        signedIn
          ? new HttpResponse(toBinary(GetSessionResponseSchema, create(GetSessionResponseSchema, { authEnabled: true })), { headers: { "content-type": "application/proto" } })
          : unaryError("unauthenticated", "your session has expired", { "x-flyte-sign-in-url": SIGN_IN }),
      ),
    );
    signedIn = false;
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).toHaveBeenCalledTimes(1);

    // Back from sign-in: calls are answered, then the token expires 8 s later.
    signInProblems.reset();
    signedIn = true;
    now += 2_000;
    await sessionClient().getSession({});
    signedIn = false;
    now += 8_000;
    await expect(sessionClient().getSession({})).rejects.toThrow("your session has expired");
    expect(env.location.assign).toHaveBeenCalledTimes(2);
    expect(signInProblems.get()).toEqual({ kind: "redirecting" });
  });

  it("without a sign-in URL (an auth proxy signs people in) says 'not signed in' with the error, and stays", async () => {
    server.use(http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () => unaryError("unauthenticated", "the proxy sent no Authorization")));
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).not.toHaveBeenCalled();
    expect(signInProblems.get()).toEqual({ kind: "notSignedIn", message: "the proxy sent no Authorization" });
  });

  it("never navigates to a sign-in URL that is not a web address", async () => {
    server.use(http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () => unaryError("unauthenticated", "x", { "x-flyte-sign-in-url": "javascript:alert(1)" })));
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).not.toHaveBeenCalled();
    expect(signInProblems.get()?.kind).toBe("notSignedIn");
  });

  it("leaves other errors alone (PermissionDenied is the action's business)", async () => {
    server.use(http.post(`${BFF}/flyteconsole.v1.ConsoleService/GetSession`, () => unaryError("permission_denied", "no", { "x-flyte-sign-in-url": SIGN_IN })));
    await expect(sessionClient().getSession({})).rejects.toThrow();
    expect(env.location.assign).not.toHaveBeenCalled();
    expect(signInProblems.get()).toBeUndefined();
  });

  it("also from the dashboard's counts (GetDashboardStats), asked by POST through the query client", async () => {
    const methods: string[] = [];
    server.use(
      http.all(`${BFF}/flyteconsole.v1.ConsoleService/GetDashboardStats`, ({ request }) => {
        methods.push(request.method);
        return unaryError("unauthenticated", "expired", { "x-flyte-sign-in-url": SIGN_IN });
      }),
    );
    const queryClient = createQueryClient({ signInEnv: env });
    const q = { project: "p", domain: "d", filters: "", window: { fromMs: HOUR_MS, toMs: 2 * HOUR_MS, bucketMs: HOUR_MS } };
    await expect(
      queryClient.fetchQuery({ queryKey: ["stats"], queryFn: () => sessionClient().getDashboardStats(dashboardStatsRequest(q)), retry: false }),
    ).rejects.toThrow("expired");
    expect(methods).toEqual(["POST"]);
    expect(env.location.assign).toHaveBeenCalledWith(EXPECTED_REDIRECT);
  });
});

/** A Connect server-stream body: one message, then the end-stream frame with an error and its metadata. */
function watchBody(endStream: object): Uint8Array {
  const frame = (flags: number, payload: Uint8Array) => {
    const out = new Uint8Array(5 + payload.length);
    out[0] = flags;
    new DataView(out.buffer).setUint32(1, payload.length);
    out.set(payload, 5);
    return out;
  };
  const first = frame(0, toBinary(WatchExecutionResponseSchema, create(WatchExecutionResponseSchema, { snapshot: true })));
  const end = frame(2, new TextEncoder().encode(JSON.stringify(endStream)));
  const body = new Uint8Array(first.length + end.length);
  body.set(first);
  body.set(end, first.length);
  return body;
}

describe("the live watch ending Unauthenticated", () => {
  it("stops without reconnecting and sends the browser to sign in", async () => {
    let fetchCalls = 0;
    server.use(
      http.post(`${BFF}/flyteconsole.v1.ConsoleService/WatchExecution`, () => {
        fetchCalls++;
        return new HttpResponse(
          watchBody({ error: { code: "unauthenticated", message: "token expired" }, metadata: { "x-flyte-sign-in-url": [SIGN_IN] } }),
          { headers: { "content-type": "application/connect+proto" } },
        );
      }),
    );
    const live = new LiveExecution();
    const abort = new AbortController();
    const client = createClient(ConsoleService, createBrowserTransport(BFF, { signInEnv: env }));
    const followed = followExecution(client, { project: "flytesnacks", domain: "development", name: "abc" }, live, abort.signal);
    const outcome = await Promise.race([followed.then(() => "returned"), new Promise((r) => setTimeout(() => r("still running"), 3_000))]);
    abort.abort();

    expect(outcome).toBe("returned");
    expect(fetchCalls).toBe(1);
    expect(live.get().status).toBe("stopped");
    expect(live.get().error).toBe("token expired");
    expect(env.location.assign).toHaveBeenCalledWith(EXPECTED_REDIRECT);
  });
});
