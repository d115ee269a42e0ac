import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT } from "./helpers";

// React's hydration errors (#418: text the server rendered differs from the browser's, e.g. a relative
// time or a running duration) and any other console error fail these visits.
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

const pages = [
  ["the dashboard", `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`, "execution-row"],
  ["the tasks list", `/console/projects/${PROJECT}/domains/${DOMAIN}/tasks`, "entity-row"],
  ["the failures view", `/console/projects/${PROJECT}/domains/${DOMAIN}/failures`, "failure-group"],
] as const;

for (const [what, url, rowTestId] of pages) {
  test(`${what} loads without a console error, five times over`, async ({ page }) => {
    const errors = collectErrors(page);
    // The server and the browser render each second apart; several loads cross a second boundary.
    for (let i = 0; i < 5; i++) {
      await page.goto(url);
      await expect(page.getByTestId(rowTestId).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });
}
