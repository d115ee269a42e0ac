// The main pages in both themes pass axe with no serious or critical violation (contrast, names, roles):
// the dashboard, an execution with its graph drawn and a node open, and two runs compared.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, executionUrl } from "./helpers";
import { chooseTheme } from "./theme-helpers";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** One line per failing element: rule, impact, where, and axe's own summary of what is wrong. */
function describeViolations(results: AxeResults): string {
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} [${v.impact}] ${n.target.join(" ")}\n    ${n.failureSummary?.replace(/\n/g, "\n    ")}`))
    .join("\n");
}

async function expectNoSeriousViolations(page: Page) {
  // Wait for animations and transitions (e.g. a fading panel) to settle before measuring colours.
  await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished)));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = describeViolations(results);
  expect(serious, `axe found serious or critical violations:\n${serious}`).toBe("");
}

const dashboard = `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`;
const compare = `/console/projects/${PROJECT}/domains/${DOMAIN}/compare?runs=seed-triage-ingest-1,seed-triage-ingest-2`;

for (const theme of ["light", "dark"] as const) {
  test.describe(`in the ${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await chooseTheme(page, theme);
    });

    test("the dashboard has no serious accessibility violations", async ({ page }) => {
      await page.goto(dashboard);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.getByTestId("execution-chart")).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('[data-testid="execution-row"]').first()).toBeVisible();
      await expectNoSeriousViolations(page);
    });

    test("an execution with its graph and a node open has no serious accessibility violations", async ({ page }) => {
      await page.goto(executionUrl("seed-retries-fail"));
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      const node = page.getByTestId("dag").locator('div[data-testid="dag-node"][data-phase="FAILED"]').first();
      await expect(node).toBeVisible({ timeout: 30_000 });
      await node.getByTestId("dag-node-label").click();
      await expect(page.getByTestId("node-panel")).toBeVisible();
      await expectNoSeriousViolations(page);
    });

    test("two runs compared have no serious accessibility violations", async ({ page }) => {
      await page.goto(compare);
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.getByTestId("compare-page")).toHaveAttribute("data-ready", "true", { timeout: 30_000 });
      await expectNoSeriousViolations(page);
    });
  });
}
