import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";
import { requestCounter } from "./request-counter";

// seed-gate-signal: sleep 10 s → "title-input" (str) → create report → "publish" (bool) → publish.
test("a typed signal value from a link is only set on click, and the run continues", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const name = await relaunchSeed(request, baseURL!, "seed-gate-signal");

  // A link sent to chat: it opens the gate with the value filled in, and sends nothing by itself.
  const titleSignals = requestCounter(page, "/SetSignal", (body) => body.includes("title-input"));
  await page.goto(executionUrl(name, `?signal=title-input&value=${encodeURIComponent(JSON.stringify("Quarterly numbers"))}`));
  const banner = page.getByTestId("gate-banner");
  await expect(banner).toContainText("1 node waiting for input", { timeout: 30_000 });
  await expect(page).toHaveURL(/[?&]node=n1/);
  const gate = page.getByTestId("gate-actions");
  await expect(gate).toHaveAttribute("data-gate-kind", "signal");
  const input = gate.getByTestId("literal-input-title-input");
  await expect(input).toHaveValue("Quarterly numbers");
  await expect(gate.getByTestId("signal-prefill-note")).toContainText("Filled in from the link");
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-phase", "RUNNING");

  await input.fill("Weekly metrics, reviewed");
  await gate.getByRole("button", { name: "Set value" }).click();
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n1"]')).toHaveAttribute("data-phase", "SUCCEEDED");
  // Counted, not slept on: the click's SetSignal is the only one the page sent for this gate.
  await titleSignals.settled();
  expect(titleSignals.count, "SetSignal requests for title-input").toBe(1);

  // The boolean gate next: set it to true through the same typed field.
  await expect(banner).toContainText("publish", { timeout: 30_000 });
  await banner.getByRole("button", { name: /Review n3/ }).click();
  const next = page.getByTestId("gate-actions");
  await expect(next).toHaveAttribute("data-gate-kind", "signal");
  await next.getByTestId("literal-input-publish").check();
  await next.getByRole("button", { name: "Set value" }).click();
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });

  // The gate's output is the value that was set.
  await page.goto(executionUrl(name, "?node=n1&panel=outputs"));
  await expect(page.getByTestId("node-panel")).toContainText("Weekly metrics, reviewed");
});

// seed-gate-sleep: a 30 s sleep gate, then a task.
test("a sleep gate shows the time it has left, counting down", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-gate-sleep");
  await page.goto(executionUrl(name, "?node=n0"));
  const sleep = page.getByTestId("sleep-remaining");
  await expect(sleep).toContainText(/Sleeping for 30s: resumes in \d+s/);
  const left = Number(await sleep.getAttribute("data-remaining-ms"));
  await expect.poll(async () => Number(await sleep.getAttribute("data-remaining-ms"))).toBeLessThan(left - 1_000);
  // Sleeping is not waiting for input.
  await expect(page.getByTestId("gate-banner")).toHaveCount(0);
  await expect(page.getByTestId("gate-actions").getByRole("button")).toHaveCount(0);
});
