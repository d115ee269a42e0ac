// The console deployed as flyte-core deploys the old one: behind an ingress that sends only `/console*`
// to it (two replicas, round-robin) and FlyteAdmin's paths to FlyteAdmin (here the sandbox). Every
// request the browser makes must stay under the base path, or the ingress would hand it to FlyteAdmin.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { type Page, type Request } from "@playwright/test";
import { expect, test as base } from "../test";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { DOMAIN, PROJECT, executionUrl, relaunchSeed } from "../helpers";
import { ALL_TYPES_WF, launchUrl, launchedName } from "../launch-helpers";
import { LOG_DIR, METRICS_PORTS } from "../../playwright.config";

const BASE_PATH = "/console";
// FlyteAdmin's own browser endpoints, which the sign-in flow may send people to.
const AUTH_PATHS = ["/login", "/logout", "/me"];
const GRPC_INGRESS = `http://127.0.0.1:${process.env.E2E_INGRESS_GRPC_PORT || 13081}`;

function outsideBasePath(url: URL): boolean {
  const p = url.pathname;
  if (p === BASE_PATH || p.startsWith(`${BASE_PATH}/`)) return false;
  return !AUTH_PATHS.some((a) => p === a || p.startsWith(`${a}/`));
}

/** Every link on the page that stays on this origin points under the base path. */
async function expectLinksUnderBasePath(page: Page) {
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  expect(hrefs.length).toBeGreaterThan(0);
  const origin = new URL(page.url()).origin;
  const stray = hrefs.map((h) => new URL(h)).filter((u) => u.origin === origin && outsideBasePath(u));
  expect(stray.map((u) => u.pathname), "links outside the base path").toEqual([]);
}

// Every test here records what the browser requests from the ingress's origin, and fails on a path
// the ingress would not send to the console.
const test = base.extend<{ strayRequests: string[] }>({
  strayRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const stray: string[] = [];
      const seen: string[] = [];
      const record = (req: Request) => {
        const url = new URL(req.url());
        if (url.origin !== origin) return;
        seen.push(url.pathname);
        if (outsideBasePath(url)) stray.push(`${req.method()} ${url.pathname}`);
      };
      context.on("request", record);
      await use(stray);
      context.off("request", record);
      expect(seen.length, "the test made the browser request something").toBeGreaterThan(0);
      expect(stray, "requests outside the base path").toEqual([]);
    },
    { auto: true },
  ],
});

test("the dashboard and an execution's logs load entirely from under /console", async ({ page }) => {
  await page.goto("/console");
  await page.getByRole("list", { name: `Domains of ${PROJECT}` }).getByRole("link", { name: DOMAIN }).click();
  await expect(page).toHaveURL(new RegExp(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions$`));
  await expect(page.locator("[data-execution-name]").first()).toBeVisible({ timeout: 30_000 });
  await expectLinksUnderBasePath(page);

  await page.goto(executionUrl("seed-retries-fail", "?node=n1"));
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-phase", "FAILED");
  await panel.getByTestId("attempt").first().getByRole("button", { name: /logs/i }).first().click();
  const drawer = page.getByTestId("log-drawer");
  await expect(drawer.getByTestId("log-viewer")).toHaveAttribute("data-state", "ready");
  await expect(drawer.getByTestId("log-line").first()).toBeVisible();
  await expectLinksUnderBasePath(page);
});

test("launch, then terminate from the page: both actions go through the ingress", async ({ page }) => {
  await page.goto(launchUrl(`launchPlan=${ALL_TYPES_WF}`));
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  expect(new URL(page.url()).pathname).toBe(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions/${name}`);
  await expect(page.getByTestId("execution-header")).toBeVisible();

  const long = await relaunchSeed(page.request, new URL(page.url()).origin, "seed-long-running");
  await page.goto(executionUrl(long));
  const header = page.getByTestId("execution-header");
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", /QUEUED|RUNNING|UNDEFINED/);
  await header.getByRole("button", { name: "Terminate" }).click();
  const dialog = page.getByTestId("terminate-dialog");
  await dialog.getByRole("button", { name: "Terminate" }).click();
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "ABORTED");
});

test("approving a gate through the ingress lets the run finish", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-gate-approve");
  await page.goto(executionUrl(name));
  const banner = page.getByTestId("gate-banner");
  await expect(banner).toContainText("1 node waiting for input", { timeout: 30_000 });
  await banner.getByRole("button", { name: /Review n1/ }).click();
  await page.getByTestId("node-panel").getByTestId("gate-actions").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
});

test("a page watching through one replica sees an action taken through the other", async ({ page, request, baseURL }) => {
  // Round-robin with no sticky sessions: consecutive requests land on both replicas.
  const upstreams = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const res = await request.get("/console/readyz");
    expect(res.status()).toBe(200);
    upstreams.add(res.headers()["x-console-upstream"]);
  }
  expect(upstreams.size).toBe(2);

  const name = await relaunchSeed(request, baseURL!, "seed-long-running");
  const watch = page.waitForResponse((r) => r.url().endsWith("/flyteconsole.v1.ConsoleService/WatchExecution"));
  await page.goto(executionUrl(name));
  const watching = (await watch).headers()["x-console-upstream"];
  expect([...upstreams]).toContain(watching);
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", /QUEUED|RUNNING/);

  const other = [...upstreams].find((u) => u !== watching)!;
  const otherOrigin = `http://${other}`;
  const terminated = await request.post(`${otherOrigin}/console/api/connect/flyteidl.service.AdminService/TerminateExecution`, {
    headers: { "content-type": "application/json", origin: otherOrigin },
    data: { id: { project: PROJECT, domain: DOMAIN, name }, cause: "terminated through the other replica" },
  });
  expect(terminated.ok(), await terminated.text()).toBeTruthy();
  // The live-update target is 1.5 s (npm run bench); the bound here only allows for a busy CI machine.
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "ABORTED", { timeout: 5_000 });
  await expect(page.getByTestId("execution-abort")).toContainText("terminated through the other replica");
});

base("FlyteAdmin's paths reach FlyteAdmin, and nothing of the console lives outside /console", async ({ request }) => {
  const projects = await request.get("/api/v1/projects");
  expect(projects.ok()).toBeTruthy();
  expect(JSON.stringify(await projects.json())).toContain(PROJECT);

  const admin = createClient(AdminService, createGrpcTransport({ baseUrl: GRPC_INGRESS }));
  const version = await admin.getVersion({});
  expect(version.controlPlaneVersion).toBeDefined();

  // The console answers its own paths, under the base path only.
  expect((await request.get("/console/livez")).status()).toBe(200);
  expect((await request.get("/console/healthz")).status()).toBe(200);
  for (const path of ["/healthz", "/livez", "/_next/static/chunks/main.js", "/api/connect/flyteidl.service.AdminService/ListProjects"]) {
    const res = await request.get(path);
    expect(res.headers()["x-console-upstream"], path).toBeUndefined();
  }
});

base("each replica serves its metrics on a port of its own and logs requests without credentials", async ({ request }) => {
  // A request carrying credentials, through the ingress, under a request id we can find in the logs.
  const requestId = `e2e-credentials-${Date.now()}`;
  const secrets = ["e2e-bearer-4f1c9a", "e2e-cookie-77d2b0"];
  const listed = await request.post("/console/api/connect/flyteidl.service.AdminService/ListProjects", {
    headers: {
      "content-type": "application/json",
      "x-request-id": requestId,
      authorization: `Bearer ${secrets[0]}`,
      cookie: `flyte_at=${secrets[1]}`,
    },
    data: "{}",
  });
  expect(listed.ok()).toBeTruthy();
  expect(listed.headers()["x-request-id"]).toBe(requestId);

  const scrapes = await Promise.all(METRICS_PORTS.map(async (port) => (await request.get(`http://127.0.0.1:${port}/metrics`)).text()));
  const sum = (series: RegExp) =>
    scrapes.flatMap((text) => [...text.matchAll(new RegExp(`^${series.source}(?:\\{[^}]*\\})? (\\S+)$`, "gm"))]).reduce((n, m) => n + Number(m[1]), 0);
  for (const text of scrapes) {
    expect(text).toMatch(/^flyte_console_http_request_duration_seconds_count\{route="\/api\/connect",method="POST",code="200"\} [1-9]/m);
    expect(text).toContain("flyte_console_watch_streams_open");
    expect(text).toContain("flyte_console_watch_poll_loops");
  }
  expect(sum(/flyte_console_upstream_calls_total/)).toBeGreaterThan(0);
  // The logs test above read a task log through one of the replicas.
  expect(sum(/flyte_console_log_bytes_read_total/)).toBeGreaterThan(0);
  // The metrics port is not the app's: the ingress never routes to it, and the app does not serve /metrics.
  expect((await request.get("/console/metrics")).status()).toBe(404);

  await expect.poll(() => readLogs().includes(requestId), { timeout: 5_000 }).toBe(true);
  const logs = readLogs();
  const requestLines = logs.split("\n").filter((l) => l.includes(`"reqId":"${requestId}"`));
  expect(requestLines.length).toBeGreaterThan(0);
  expect(JSON.parse(requestLines[0])).toMatchObject({ method: "POST", route: "/api/connect", code: 200 });
  for (const secret of secrets) expect(logs).not.toContain(secret);
  expect(logs).not.toMatch(/bearer [\w.-]+/i);
});

function readLogs(): string {
  return readdirSync(LOG_DIR)
    .filter((f) => f.endsWith(".log"))
    .map((f) => readFileSync(join(LOG_DIR, f), "utf8"))
    .join("\n");
}
