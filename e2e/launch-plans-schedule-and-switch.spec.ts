import { expect, test } from "./test";
import { DOMAIN, PROJECT } from "./helpers";

const FIXED_RATE = "core.scheduled_workflows.lp_schedules.my_fixed_rate_lp";
const CRON = "core.scheduled_workflows.lp_schedules.my_cron_scheduled_lp";

test("the launch plans list says each plan's schedule and state, and switches one off and on after a confirmation", async ({ page }) => {
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/launchPlans`);
  const row = (name: string) => page.locator(`[data-testid="entity-row"][data-entity-name="${name}"]`);

  // Scheduled plans are registered active; the fixed rate reads as words, said once.
  const cron = row(CRON).getByTestId("launch-plan-row-state");
  await expect(cron).toHaveAttribute("data-state", "ACTIVE");
  await expect(cron.getByTestId("launch-plan-row-schedule")).toHaveText("At 09:00 UTC, Monday through Friday");
  const fixed = row(FIXED_RATE).getByTestId("launch-plan-row-state");
  await expect(fixed.getByTestId("launch-plan-row-schedule")).toHaveText("Every hour");
  // A workflow's default plan has no schedule and is not active.
  // Rows load their state once scrolled near.
  await row("core.flyte_basics.hello_world.my_wf").scrollIntoViewIfNeeded();
  const plain = row("core.flyte_basics.hello_world.my_wf").getByTestId("launch-plan-row-state");
  await expect(plain).toHaveAttribute("data-state", "INACTIVE");
  await expect(plain.getByTestId("launch-plan-row-schedule")).toHaveText("No schedule");

  await row(FIXED_RATE).scrollIntoViewIfNeeded();
  const before = await fixed.getAttribute("data-state");
  const [verb, after, undo] = before === "ACTIVE" ? ["Deactivate", "INACTIVE", "Activate"] : ["Activate", "ACTIVE", "Deactivate"];
  await fixed.getByRole("button", { name: `${verb} ${FIXED_RATE}` }).click();
  const confirm = page.getByTestId("launch-plan-confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(fixed).toHaveAttribute("data-state", before!);

  await fixed.getByRole("button", { name: `${verb} ${FIXED_RATE}` }).click();
  await confirm.getByRole("button", { name: verb, exact: true }).click();
  await expect(fixed).toHaveAttribute("data-state", after);
  // Its page agrees, and says the schedule once.
  await page.goto(`/console/projects/${PROJECT}/domains/${DOMAIN}/launchPlans/${FIXED_RATE}`);
  await expect(page.getByTestId("launch-plan-active").locator("[data-state]")).toHaveAttribute("data-state", after);
  await expect(page.getByTestId("launch-plan-schedule")).toContainText("Every hour");
  await expect(page.getByTestId("launch-plan-schedule")).not.toContainText("minutes");

  await page.goBack();
  await row(FIXED_RATE).scrollIntoViewIfNeeded();
  await fixed.getByRole("button", { name: `${undo} ${FIXED_RATE}` }).click();
  await confirm.getByRole("button", { name: undo, exact: true }).click();
  await expect(fixed).toHaveAttribute("data-state", before!);
});
