// Sign-in on, as on a Flyte cluster with auth: the console behind flyte-core's ingress rules (nginx), with
// FlyteAdmin's /login, /callback, /logout and /me on the same origin, served by the sandbox's auth server.
// The console opens FlyteAdmin's own sealed session cookies with FlyteAdmin's keys (e2e/auth/stack.mjs).
import { randomBytes } from "node:crypto";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "../test";
import { fromBinary } from "@bufbuild/protobuf";
import { GetConsoleInfoResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";
import { sealSecureCookie } from "@/lib/securecookie/securecookie";
import { ID_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE } from "@/lib/securecookie/flyteadmin-cookies";
import { AUTH_CONSOLE_METRICS, AUTH_SANDBOX_HTTP } from "../../playwright.config";
import { DOMAIN, PROJECT, callBff, executionUrl, watchPollLoops } from "../helpers";
import { ALL_TYPES_WF, launchUrl, launchedName } from "../launch-helpers";

const SEED_GATE = "seed-gate-approve";

/** On the sandbox's sign-in page (FlyteAdmin's /login): picks a user, optionally with a short token lifetime. */
async function signInAs(page: Page, user: RegExp, lifetimeSeconds?: number) {
  await expect(page).toHaveURL(/\/login\?/);
  if (lifetimeSeconds !== undefined) await page.getByLabel(/token lifetime/i).fill(String(lifetimeSeconds));
  await page.getByRole("button", { name: user }).click();
}

/** Relaunches a seeded execution through the BFF with the browser's session. */
async function relaunch(page: Page, baseURL: string, seedName: string): Promise<string> {
  const res = await callBff(
    page.request,
    "flyteidl.service.AdminService/RelaunchExecution",
    { id: { project: PROJECT, domain: DOMAIN, name: seedName } },
    { origin: baseURL },
  );
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { id: { name: string } }).id.name;
}

/** Calls the sandbox (FlyteAdmin) has answered: all of them, or those of one method ("package.Service/Method"). */
async function sandboxCalls(request: APIRequestContext, method?: string): Promise<number> {
  const res = await request.get(`${AUTH_SANDBOX_HTTP}/_sandbox/stats`);
  expect(res.ok()).toBeTruthy();
  const stats = (await res.json()) as { totalCalls: number; methods: Record<string, { calls: number }> };
  return method === undefined ? stats.totalCalls : (stats.methods[method]?.calls ?? 0);
}

test("a deep link while signed out goes through FlyteAdmin's sign-in and lands on the same page", async ({ page }) => {
  const deepLink = `${executionUrl(SEED_GATE)}?node=n1&tab=inputs`;
  // The console's page renders only after sign-in (signed out, the server redirects), so the first probe
  // answer seen is the signed-in page's.
  const probed = page.waitForResponse((r) => r.url().endsWith("/flyteconsole.v1.ConsoleService/GetConsoleInfo"));
  await page.goto(deepLink);
  await signInAs(page, /Ada Lovelace/);
  await expect(page).toHaveURL(new RegExp(`${deepLink.replace(/[?]/g, "\\?")}$`));
  await expect(page.getByTestId("execution-phase")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toContainText("Ada Lovelace");
  // FlyteAdmin wants a token for GetVersion too: the probe asks with the session, and FlyteAdmin is up.
  const probe = fromBinary(GetConsoleInfoResponseSchema, await (await probed).body());
  expect(probe).toMatchObject({ adminReachable: true, adminSlow: false });
  await expect(page.getByTestId("connection-banner")).toHaveCount(0);
});

test("no BFF call reaches FlyteAdmin without a session: Unauthenticated, with where to sign in", async ({ request }) => {
  // Counted for the one method asked: an earlier test's watch may still be polling FlyteAdmin.
  const method = "flyteidl.service.AdminService/ListProjects";
  const before = await sandboxCalls(request, method);
  const res = await callBff(request, method, {});
  expect(res.status()).toBe(401);
  expect(((await res.json()) as { code: string }).code).toBe("unauthenticated");
  expect(res.headers()["x-flyte-sign-in-url"]).toMatch(/\/login$/);
  expect(await sandboxCalls(request, method), "ListProjects calls FlyteAdmin answered").toBe(before);
});

test("a run launched from the form records the user as principal, and Launched by me finds it", async ({ page }) => {
  await page.goto(launchUrl(`launchPlan=${ALL_TYPES_WF}`));
  await signInAs(page, /Grace Hopper/);
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("launch-form").getByTestId("acting-as")).toContainText("Grace Hopper (grace)");
  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  await expect(page.getByTestId("execution-header")).toContainText("grace");

  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);
  await page.getByRole("button", { name: "Launched by me" }).click();
  const rows = page.getByTestId("execution-row");
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasNotText: "grace" })).toHaveCount(0);
});

test("a token that expires under a live watch sends the page to sign in, no poll loop is left running, and signing in again returns to the run", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  await page.goto(executionUrl(SEED_GATE));
  await signInAs(page, /Ada Lovelace/, 8);
  // The gate waits forever, so only the token's end can end this watch.
  const name = await relaunch(page, baseURL!, SEED_GATE);
  await page.goto(executionUrl(name));
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  // One loop: this run's. The seed run's page just left, and its loop ends once the console sees its stream close.
  await expect.poll(() => watchPollLoops(request, AUTH_CONSOLE_METRICS), { timeout: 10_000 }).toBe(1);

  await page.waitForURL(/\/login\?/, { timeout: 20_000 });
  const atSignIn = await sandboxCalls(request);
  await page.waitForTimeout(2_000);
  expect(await sandboxCalls(request), "calls to FlyteAdmin in the 2 s after the token expired").toBe(atSignIn);
  expect(await watchPollLoops(request, AUTH_CONSOLE_METRICS), "the console's upstream poll loops").toBe(0);

  await signInAs(page, /Ada Lovelace/);
  await expect(page).toHaveURL(new RegExp(`${executionUrl(name)}$`));
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
});

test("after signing out, the next page asks to sign in again", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);
  await signInAs(page, /Ada Lovelace/);
  await page.getByTestId("signed-in-user").click();
  await page.getByRole("link", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/login\?/);
  await page.goto(executionUrl(SEED_GATE));
  await expect(page).toHaveURL(/\/login\?/);
});

test("session cookies sealed with another key set are refused", async ({ page, baseURL }) => {
  const other = { hashKey: randomBytes(64), blockKey: randomBytes(32) };
  const url = new URL(baseURL!);
  const jwt = ["e30", Buffer.from(JSON.stringify({ sub: "mallory", exp: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url"), "x"].join(".");
  await page.context().addCookies(
    [ID_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE].map((name) => ({ name, value: sealSecureCookie(name, jwt, other), domain: url.hostname, path: "/" })),
  );
  const res = await callBff(page.request, "flyteidl.service.AdminService/ListProjects", {});
  expect(res.status()).toBe(401);
  await page.goto(executionUrl(SEED_GATE));
  await expect(page).toHaveURL(/\/login\?/);
});

test("a read-only user is told what they may not do, and the refused action is then disabled", async ({ page }) => {
  await page.goto(executionUrl(SEED_GATE));
  await signInAs(page, /Alan Turing/);
  const header = page.getByTestId("execution-header");
  // The page is back from sign-in as server HTML: a click before React hydrates it opens nothing. The live
  // stream connects only once hydrated.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await header.getByRole("button", { name: "Terminate" }).click();
  const dialog = page.getByTestId("terminate-dialog");
  await expect(dialog.getByTestId("acting-as")).toContainText("Alan Turing (alan)");
  await dialog.getByRole("button", { name: "Terminate" }).click();
  await expect(dialog.getByTestId("terminate-dialog-error")).toContainText(
    /You may not terminate executions in flytesnacks\/development: .*read-only access and may not terminate executions/,
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const terminate = header.getByRole("button", { name: "Terminate" });
  await expect(terminate).toHaveAttribute("aria-disabled", "true");
  await expect(terminate).toHaveAccessibleDescription(/You may not terminate executions/);
  await expect(page.getByTestId("execution-phase")).not.toHaveAttribute("data-phase", /ABORT/);
});
