import { expect, test } from "./test";
import { getExecutionJson, launchUrl, launchedName } from "./launch-helpers";

const WF = "core.scheduled_workflows.lp_schedules.date_formatter_wf";
const FIXED_RATE = "core.scheduled_workflows.lp_schedules.my_fixed_rate_lp";

test("launching a workflow offers its launch plans; the chosen one is what runs", async ({ page, request }) => {
  await page.goto(launchUrl(`workflow=${WF}`));
  await expect(page.getByRole("heading", { name: `Launch ${WF}` })).toBeVisible();
  await expect(page.getByTestId("launch-kind")).toHaveText("workflow");
  const picker = page.getByTestId("launch-plan-picker");
  await expect(picker).toHaveValue(WF);
  await expect(picker.locator("option")).toHaveText([`${WF} (default)`, "core.scheduled_workflows.lp_schedules.my_cron_scheduled_lp", FIXED_RATE]);

  await picker.selectOption(FIXED_RATE);
  await expect(page).toHaveURL(new RegExp(`plan=${FIXED_RATE.replace(/\./g, "\\.")}`));
  await expect(page.getByText(`Runs through its launch plan ${FIXED_RATE}.`)).toBeVisible();
  // The fixed-rate plan's own default for kickoff_time, which the default plan does not have.
  await expect(page.getByTestId("launch-form")).toBeVisible();
  await page.getByTestId("launch-submit").click();
  const name = await launchedName(page);
  const execution = (await getExecutionJson(request, name)) as { spec?: { launchPlan?: { name?: string } } };
  expect(execution.spec?.launchPlan?.name).toBe(FIXED_RATE);
});

test("the breadcrumbs of the launch page are spelled as the project's pages spell them", async ({ page }) => {
  await page.goto(launchUrl(`launchPlan=${FIXED_RATE}`));
  await expect(page.getByRole("heading", { name: `Launch ${FIXED_RATE}` })).toBeVisible();
  await expect(page.getByTestId("launch-kind")).toHaveText("launch plan");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem");
  await expect(crumbs).toHaveText(["Projects", "/flytesnacks", "/development", `/${FIXED_RATE}`, "/Launch"]);
});
