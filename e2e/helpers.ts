import { expect, type APIRequestContext, type PlaywrightTestArgs, type TestType } from "@playwright/test";

export const SANDBOX_HTTP = `http://127.0.0.1:${process.env.E2E_SANDBOX_HTTP_PORT || 18088}`;
/** The sandbox's gRPC API, as FLYTE_ADMIN_ENDPOINT names it. */
export const SANDBOX_GRPC = `http://127.0.0.1:${process.env.E2E_SANDBOX_GRPC_PORT || 18089}`;
export const PROJECT = "flytesnacks";
export const DOMAIN = "development";

/** Switches the sandbox's fault injection (its loopback-only control endpoint). */
export async function setSandboxFaults(
  request: APIRequestContext,
  faults: { latencyMs?: number; unavailableRate?: number; outageForMs?: number; clockSkewMs?: number; leaveNodeRunning?: boolean },
) {
  const res = await request.post(`${SANDBOX_HTTP}/_sandbox/faults`, { data: faults });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** Calls the BFF the way connect-web does, as JSON. */
export async function callBff(
  request: APIRequestContext,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return request.post(`/console/api/connect/${method}`, {
    // A fresh connection each call: reusing a pooled one the server has just closed for idling (Node's
    // 5 s keep-alive) fails with ECONNRESET, as a spec's cleanup call after a long page visit once did.
    headers: { "content-type": "application/json", connection: "close", ...headers },
    data: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A fresh copy of a seeded execution (RelaunchExecution through the BFF), so a spec can steer it. */
export async function relaunchSeed(request: APIRequestContext, baseURL: string, seedName: string): Promise<string> {
  const res = await callBff(
    request,
    "flyteidl.service.AdminService/RelaunchExecution",
    { id: { project: PROJECT, domain: DOMAIN, name: seedName } },
    { origin: baseURL },
  );
  expect(res.ok(), await res.text()).toBeTruthy();
  const name = ((await res.json()) as { id?: { name?: string } }).id?.name;
  expect(name).toBeTruthy();
  return name!;
}

export const executionUrl = (name: string, query = "") => `/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}${query}`;

/** The console's running shared poll loops, read from its Prometheus endpoint (`metricsUrl`, e.g. http://127.0.0.1:13254). */
export async function watchPollLoops(request: APIRequestContext, metricsUrl: string): Promise<number> {
  const res = await request.get(`${metricsUrl}/metrics`);
  expect(res.ok()).toBeTruthy();
  const line = (await res.text()).split("\n").find((l) => l.startsWith("flyte_console_watch_poll_loops "));
  return Number(line?.split(" ")[1]);
}

/** Waits until the sandbox reports `name` ended, SUCCEEDED or FAILED. */
export async function waitUntilEnded(request: APIRequestContext, name: string) {
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_HTTP}/api/v1/executions/${PROJECT}/${DOMAIN}/${name}`);
        return ((await res.json()) as { closure?: { phase?: string } }).closure?.phase;
      },
      { timeout: 90_000, message: `${name} ends` },
    )
    .toMatch(/SUCCEEDED|FAILED/);
}

/** Fails each test of the calling spec on any page error or console error (hydration mismatches among them). */
export function failOnPageErrors(t: TestType<PlaywrightTestArgs, object>) {
  let errors: string[] = [];
  t.beforeEach(({ page }) => {
    errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  });
  t.afterEach(() => {
    expect(errors).toEqual([]);
  });
}
