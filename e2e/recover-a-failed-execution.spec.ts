import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";

test("recover a failed execution: the preview says what is reused, the new run shows RECOVERED nodes", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-recoverable");
  await page.goto(executionUrl(name));
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "FAILED", { timeout: 30_000 });

  const header = page.getByTestId("execution-header");
  await expect(header.getByRole("button", { name: "Terminate" })).toHaveAttribute("aria-disabled", "true");
  await header.getByRole("button", { name: "Recover" }).click();
  const dialog = page.getByTestId("recover-dialog");
  await expect(dialog).toBeVisible();
  const rows = dialog.getByTestId("recover-preview-row");
  await expect(rows).toHaveCount(3);
  await expect(dialog.locator('[data-testid="recover-preview-row"][data-node-id="n0"]')).toHaveAttribute("data-outcome", "reused");
  await expect(dialog.locator('[data-testid="recover-preview-row"][data-node-id="n1"]')).toHaveAttribute("data-outcome", "rerun");
  await expect(dialog.locator('[data-testid="recover-preview-row"][data-node-id="n2"]')).toContainText("Did not run");
  await expect(dialog.getByTestId("recover-preview")).toContainText("1 node is reused from this run; 2 run again.");

  await dialog.getByRole("button", { name: "Recover" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/executions/${name}(\\?|$)`));
  await expect(page).toHaveURL(/\/executions\/[a-z][a-z0-9]{19}$/);
  await expect(page.getByTestId("execution-header")).toContainText("Recovered");
  await expect(page.locator('[data-testid="dag-node"][data-node-id="n0"]')).toHaveAttribute("data-phase", "RECOVERED");
});
