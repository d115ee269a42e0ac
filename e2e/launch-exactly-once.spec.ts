import { expect, test } from "./test";
import { ALL_TYPES_WF, executionNames, launchUrl, launchedName } from "./launch-helpers";
import { requestCounter } from "./request-counter";

test("a double click on Launch starts exactly one execution", async ({ page, request }) => {
  await page.goto(launchUrl(`launchPlan=${ALL_TYPES_WF}`));
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });
  const before = new Set(await executionNames(request));
  const creates = requestCounter(page, "/CreateExecution");

  await page.getByTestId("launch-submit").dblclick();
  const name = await launchedName(page);
  // Both clicks are behind us: whatever they sent has an answer once these settle.
  expect(creates.count).toBeGreaterThanOrEqual(1);
  await creates.settled();
  const created = (await executionNames(request)).filter((n) => !before.has(n));
  expect(created).toEqual([name]);
  expect(name).toMatch(/^[a-z][a-z0-9]{19}$/);
});

test("a retry after the response was lost reuses the name and lands on the one execution created", async ({ page, request }) => {
  await page.goto(launchUrl(`launchPlan=${ALL_TYPES_WF}`));
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });
  const before = new Set(await executionNames(request));

  // The first CreateExecution reaches FlyteAdmin, but its answer never reaches the browser.
  let first = true;
  await page.route("**/flyteidl.service.AdminService/CreateExecution", async (route) => {
    if (!first) return route.continue();
    first = false;
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByTestId("launch-submit").click();
  const error = page.getByTestId("launch-error");
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute("data-retryable", "true");

  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  const created = (await executionNames(request)).filter((n) => !before.has(n));
  expect(created).toEqual([name]);
});
