import { expect, test } from "./test";
import { DOMAIN, PROJECT, setSandboxFaults } from "./helpers";

test.afterEach(async ({ request }) => {
  await setSandboxFaults(request, { latencyMs: 0, unavailableRate: 0, outageForMs: 0 });
});

test("when FlyteAdmin is down the page says so, and recovers by itself when it is back", async ({ page, request }) => {
  await setSandboxFaults(request, { outageForMs: 8_000 });
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/executions`);

  const banner = page.getByTestId("connection-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("FlyteAdmin is unreachable");
  await expect(page.getByRole("button", { name: "Retry now" })).toBeVisible();
  await expect(page.getByTestId("execution-row")).toHaveCount(0);

  // The probes ignore the outage, so no pod is restarted or unlisted for it; the FlyteAdmin check says why.
  expect((await request.get("/console/livez")).status()).toBe(200);
  expect((await request.get("/console/readyz")).status()).toBe(200);
  const down = await request.get("/console/healthz");
  expect(down.status()).toBe(503);
  expect(await down.json()).toMatchObject({ adminError: expect.stringContaining("outage") });

  // No reload: the outage ends, the banner goes and the rows arrive.
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId("execution-row").first()).toBeVisible({ timeout: 30_000 });
  const health = await request.get("/console/healthz");
  expect(health.status()).toBe(200);
});
