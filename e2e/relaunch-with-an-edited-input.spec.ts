import { expect, test } from "./test";
import { executionUrl } from "./helpers";
import { getExecutionJson, launchUrl, launchedName, nodeInput } from "./launch-helpers";

test("relaunch prefills the execution's inputs; one edited input gives a new execution with that value", async ({ page, request }) => {
  const original = "seed-all-types-str";
  await page.goto(launchUrl(`relaunch=${original}`));
  await expect(page.getByTestId("launch-form")).toBeVisible({ timeout: 30_000 });
  // The original's own inputs (not only the launch plan's defaults) are prefilled.
  await expect(page.getByTestId("literal-variant-value")).toHaveValue("1");
  await expect(page.getByTestId("literal-input-value")).toHaveValue("forty-two");
  await expect(page.getByTestId("literal-input-threshold")).toHaveValue("0.5");
  await expect(page.getByTestId("literal-input-count")).toHaveValue("3");

  await page.getByTestId("literal-input-count").fill("11");
  await page.getByRole("button", { name: "Relaunch" }).click();
  const name = await launchedName(page);
  expect(name).not.toBe(original);

  const execution = await getExecutionJson(request, name);
  expect(execution.spec?.metadata?.mode).toBe("RELAUNCH");
  expect(execution.spec?.metadata?.referenceExecution?.name).toBe(original);
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 45_000 });

  await page.goto(executionUrl(name, "?node=n0&panel=inputs"));
  await expect(nodeInput(page, "count")).toContainText("11");
  await page.goto(executionUrl(name, "?node=n6&panel=inputs"));
  await expect(nodeInput(page, "value")).toContainText("forty-two");
});
