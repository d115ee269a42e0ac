// "Notify me when it ends": with the browser's permission granted, turning it on for a running execution keeps the
// choice across a reload, and the run ending while the tab is in the background shows one notification naming the
// workflow, the run and how it ended. Headless Chromium has no notification centre: an init script records each
// Notification the page constructs (and whether the tab was hidden then) before handing it to the real one.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { executionUrl, failOnPageErrors } from "./helpers";
import { launchChain } from "./execution-fixtures";

failOnPageErrors(test);

type Shown = { title: string; body: string; tag: string; visibility: DocumentVisibilityState };

async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: Shown[]; Notification: typeof Notification };
    w.__shown = [];
    const Real = w.Notification;
    if (!Real) return;
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        w.__shown.push({ title, body: options?.body ?? "", tag: options?.tag ?? "", visibility: document.visibilityState });
        super(title, options);
      }
    }
    w.Notification = Recorded;
  });
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);

test("turned on for a running execution, it survives a reload and notifies once when the run ends in a background tab", async ({ page, context, request, baseURL }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["notifications"], { origin: baseURL });
  await recordNotifications(page);
  const name = await launchChain(request, "notify", ["n0", "n1", "n2"], { durationMs: 3_000, queueMs: 200 });

  await page.goto(executionUrl(name));
  const toggle = page.getByRole("button", { name: "Notify me when it ends" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("notify-problem")).toHaveCount(0);

  // The choice is the browser's, per execution: a reload shows it on.
  await page.reload();
  await expect(page.getByRole("button", { name: "Notify me when it ends" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("execution-phase")).toContainText(/Queued|Running/);
  expect(await shown(page)).toEqual([]);

  // Another tab in front, and this one in the background as a browser puts it: headless Chromium keeps every
  // page visible, so the page is told what a hidden tab is told (visibilityState, visibilitychange, blur).
  const other = await context.newPage();
  await other.goto("/console/livez");
  await other.bringToFront();
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
    window.dispatchEvent(new Event("blur"));
  });

  await expect.poll(() => shown(page).then((s) => s.length), { timeout: 90_000, message: "a notification is shown" }).toBe(1);
  const [notification] = await shown(page);
  expect(notification.title).toBe(`e2e.notify.chain · ${name} succeeded`);
  expect(notification.body).toMatch(/^Ran \d+s$/);
  expect(notification.visibility).toBe("hidden");
  await other.close();

  // One notification only, the toggle gone with the run, and the choice dropped from the browser.
  await page.bringToFront();
  await expect(page.getByTestId("execution-phase")).toHaveText(/Succeeded/);
  await expect(page.getByTestId("notify-when-done")).toHaveCount(0);
  expect(await shown(page)).toHaveLength(1);
  expect(await page.evaluate((key) => localStorage.getItem(key), `flyteconsole.notify.flytesnacks/development/${name}`)).toBeNull();
});

test("a run that had ended before its page opened neither offers nor shows a notification", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["notifications"], { origin: baseURL });
  await recordNotifications(page);
  const key = "flyteconsole.notify.flytesnacks/development/seed-retries-fail";
  await page.addInitScript((k) => localStorage.setItem(k, "on"), key);
  await page.goto(executionUrl("seed-retries-fail"));
  await expect(page.getByTestId("execution-phase")).toHaveText(/Failed/);
  await expect(page.getByTestId("execution-error")).toBeVisible();
  await expect(page.getByTestId("notify-when-done")).toHaveCount(0);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
  expect(await shown(page)).toEqual([]);
});
