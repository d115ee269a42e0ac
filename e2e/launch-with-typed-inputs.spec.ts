import { expect, test } from "./test";
import { executionUrl } from "./helpers";
import { ALL_TYPES_WF, launchUrl, launchedName, nodeInput } from "./launch-helpers";

test("launch a workflow with a list, a map, a struct, a datetime and a union input; the run succeeds with them", async ({ page }) => {
  await page.goto(launchUrl(`workflow=${ALL_TYPES_WF}`));
  const form = page.getByTestId("launch-form");
  await expect(form).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("launch-version")).toHaveValue(/.+/);
  // Launch plan defaults are prefilled.
  await expect(page.getByTestId("literal-input-count")).toHaveValue("3");
  await expect(page.getByTestId("literal-field-values").getByTestId("literal-field-type")).toHaveText("List<float>");

  // List<float>: add a fourth item.
  await page.getByRole("button", { name: "Add item to values" }).click();
  await page.getByTestId("literal-input-values[3]").fill("4.5");
  // Map<str, float>: add an entry.
  await page.getByRole("button", { name: "Add entry to weights" }).click();
  await page.getByTestId("literal-input-weights[3].key").fill("d");
  await page.getByTestId("literal-input-weights[3].value").fill("0.125");
  // A dataclass (struct with a JSON schema).
  await page.getByTestId("literal-input-point").fill('{"x": 7, "y": "seven", "z": {"k": "v"}}');
  // A timezone-aware datetime.
  await page.getByTestId("literal-input-started").fill("2025-01-02T03:04:05+02:00");
  // Union[int, str]: switch to str.
  await page.getByTestId("literal-variant-value").selectOption({ label: "str" });
  await page.getByTestId("literal-input-value").fill("hello union");
  await expect(form.getByTestId("field-error")).toHaveCount(0);

  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  await expect(page.getByTestId("execution-phase")).toHaveAttribute("data-phase", "SUCCEEDED", { timeout: 45_000 });

  await page.goto(executionUrl(name, "?node=n5&panel=inputs"));
  await expect(nodeInput(page, "values")).toContainText("4.5");
  await expect(nodeInput(page, "weights")).toContainText("0.125");
  await page.goto(executionUrl(name, "?node=n4&panel=inputs"));
  await expect(nodeInput(page, "x")).toContainText("seven");
  await page.goto(executionUrl(name, "?node=n0&panel=inputs"));
  await expect(nodeInput(page, "started")).toContainText("2025-01-02");
  await expect(nodeInput(page, "started")).toContainText("01:04:05");
  await page.goto(executionUrl(name, "?node=n6&panel=inputs"));
  await expect(nodeInput(page, "value")).toContainText("hello union");
});
