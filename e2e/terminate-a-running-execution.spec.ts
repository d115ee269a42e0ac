import { expect, test } from "./test";
import { executionUrl, relaunchSeed } from "./helpers";

test("terminate a running execution with a cause: the page shows it aborting, then ABORTED", async ({ page, request, baseURL }) => {
  const name = await relaunchSeed(request, baseURL!, "seed-long-running");
  await page.goto(executionUrl(name));
  const header = page.getByTestId("execution-header");
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", /QUEUED|RUNNING|UNDEFINED/);

  // A running execution cannot be recovered or archived yet, and says why.
  await expect(header.getByRole("button", { name: "Recover" })).toHaveAttribute("aria-disabled", "true");
  await expect(header.getByRole("button", { name: "Recover" })).toHaveAccessibleDescription(/only for failed, aborted or timed-out/);
  await expect(header.getByRole("button", { name: "Archive", exact: true })).toHaveAttribute("aria-disabled", "true");
  await expect(header.getByRole("link", { name: "Relaunch" })).toHaveAttribute("href", new RegExp(`/launch\\?relaunch=${name}$`));

  await header.getByRole("button", { name: "Terminate" }).click();
  const dialog = page.getByTestId("terminate-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(`Terminate ${name}?`);
  const cause = dialog.getByRole("textbox", { name: "Cause" });
  await expect(cause).toHaveValue(/^Terminated from the console/);
  await cause.fill("Stopping the e2e run: wrong epochs");

  // Cancel leaves the run alone.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("execution-phase")).not.toHaveAttribute("data-phase", /ABORT/);

  await header.getByRole("button", { name: "Terminate" }).click();
  await dialog.getByRole("textbox", { name: "Cause" }).fill("Stopping the e2e run: wrong epochs");
  await dialog.getByRole("button", { name: "Terminate" }).click();
  await expect(dialog).toBeHidden();

  // Live: ABORTING (perhaps too briefly to see) then ABORTED, without a reload.
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "ABORTED");
  await expect(page.getByTestId("execution-abort")).toContainText("Stopping the e2e run: wrong epochs");
  await expect(header.getByRole("button", { name: "Terminate" })).toHaveAttribute("aria-disabled", "true");
  await expect(header.getByRole("button", { name: "Terminate" })).toHaveAccessibleDescription(/only for running executions/);
  await expect(header.getByRole("button", { name: "Recover" })).not.toHaveAttribute("aria-disabled", "true");
});
