import { expect, test } from "./test";
import { ALL_TYPES_WF, executionNames, launchUrl, launchedName } from "./launch-helpers";

test("an invalid integer shows a message at the field and nothing is sent", async ({ page, request }) => {
  let creates = 0;
  page.on("request", (r) => {
    if (r.url().includes("/CreateExecution")) creates++;
  });
  await page.goto(launchUrl(`workflow=${ALL_TYPES_WF}`));
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });

  const count = page.getByTestId("literal-input-count");
  await count.fill("12abc");
  const field = page.getByTestId("literal-field-count");
  await expect(field.getByTestId("field-error")).toHaveText("must be a whole number");
  await expect(count).toHaveAttribute("aria-invalid", "true");

  // Move away, then try to launch: the form refuses and takes the person back to the field.
  await page.getByTestId("literal-input-label").focus();
  await page.getByTestId("launch-submit").click();
  await expect(count).toBeFocused();
  await expect(page.getByTestId("launch-invalid-summary")).toContainText("1 field needs attention");
  expect(creates).toBe(0);
  await expect(page).toHaveURL(/\/launch\?/);

  // What was typed stays; fixing it clears the message.
  await expect(count).toHaveValue("12abc");
  await count.fill("12");
  await expect(field.getByTestId("field-error")).toHaveCount(0);

  // Counted, not slept on: the launch now is the only CreateExecution the page ever sent.
  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  expect(creates, "CreateExecution requests, the refused click's included").toBe(1);
  expect(await executionNames(request)).toContain(name);
});
