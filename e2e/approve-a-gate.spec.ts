import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";

test("a waiting approval gate shows in a banner; approving it lets the run finish", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-gate-approve");
  await page.goto(executionUrl(name));
  const banner = page.getByTestId("gate-banner");
  await expect(banner).toContainText("1 node waiting for input", { timeout: 30_000 });
  await expect(banner).toContainText("review-passes");

  await banner.getByRole("button", { name: /Review n1/ }).click();
  await expect(page).toHaveURL(/[?&]node=n1/);
  const gate = page.getByTestId("node-panel").getByTestId("gate-actions");
  await expect(gate).toHaveAttribute("data-gate-kind", "approve");
  await gate.getByRole("button", { name: "Approve" }).click();

  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 30_000 });
  await expect(banner).toHaveCount(0);
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n1"]')).toHaveAttribute("data-phase", "SUCCEEDED");
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n2"]')).toHaveAttribute("data-phase", "SUCCEEDED");
});

test("rejecting an approval asks first, then fails the gate", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-gate-approve");
  await page.goto(executionUrl(name, "?node=n1"));
  const gate = page.getByTestId("gate-actions");
  await expect(gate).toBeVisible({ timeout: 30_000 });
  await gate.getByRole("button", { name: "Reject" }).click();
  const dialog = page.getByTestId("reject-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByTestId("node-panel")).toHaveAttribute("data-phase", "FAILED", { timeout: 30_000 });
  await expect(page.getByTestId("node-error")).toContainText("rejected");
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED");
});
