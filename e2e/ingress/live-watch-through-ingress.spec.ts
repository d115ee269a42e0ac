// A live page behind a proxy that cuts streams silent for 30 s (the ingress nginx's proxy_read_timeout):
// a gate that waits for minutes keeps one stream open the whole time, and the approval shows at once.
import { type Request } from "@playwright/test";
import { expect, test } from "../test";
import { executionUrl, relaunchSeed } from "../helpers";

test("a page on a waiting gate keeps one stream for 3 minutes behind the ingress, then shows the approval within 1.5 s", async ({ page, request, baseURL }) => {
  test.setTimeout(300_000);
  const watches: Request[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/flyteconsole.v1.ConsoleService/WatchExecution")) watches.push(r);
  });
  const name = await relaunchSeed(request, baseURL!, "seed-gate-approve");
  await page.goto(executionUrl(name, "?node=n1"));
  const gate = page.getByTestId("node-panel").getByTestId("gate-actions");
  await expect(gate).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  const n1 = page.locator('[data-testid="dag-node"][data-node-id="n1"]');
  await expect(n1).toHaveAttribute("data-phase", "RUNNING");

  await page.waitForTimeout(180_000);
  expect(watches.length, "WatchExecution streams opened in 3 minutes").toBe(1);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  await gate.getByRole("button", { name: "Approve" }).click();
  await expect(n1).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 1_500 });
  expect(watches.length).toBe(1);
});
