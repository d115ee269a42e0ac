import { expect, test } from "./test";
import { DOMAIN, failOnPageErrors, PROJECT } from "./helpers";

// React's hydration errors (#418: text the server rendered differs from the browser's, e.g. a relative
// time or a running duration) and any other console error fail these visits.
failOnPageErrors(test);

const pages = [
  ["the dashboard", `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`, "execution-row"],
  ["the tasks list", `/console/projects/${PROJECT}/domains/${DOMAIN}/tasks`, "entity-row"],
  ["the failures view", `/console/projects/${PROJECT}/domains/${DOMAIN}/failures`, "failure-group"],
] as const;

for (const [what, url, rowTestId] of pages) {
  test(`${what} loads without a console error, five times over`, async ({ page }) => {
    // The server and the browser render each second apart; several loads cross a second boundary.
    for (let i = 0; i < 5; i++) {
      await page.goto(url);
      await expect(page.getByTestId(rowTestId).first()).toBeVisible();
      await page.waitForLoadState("networkidle");
    }
  });
}
