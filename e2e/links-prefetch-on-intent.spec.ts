// Links prefetch their page when the pointer or the focus reaches them, not because they are in view: an
// execution page's links would otherwise cost a server render each (with FlyteAdmin calls) while it loads.
import { type Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, executionUrl, PROJECT } from "./helpers";

/** Next's router fetches (prefetches and navigations) carry an RSC header; the page's own data calls do not. */
function routerFetches(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["rsc"] === "1") urls.push(new URL(r.url()).pathname);
  });
  return urls;
}

test("an execution page prefetches none of its links while it loads, and a link once hovered", async ({ page }) => {
  const fetched = routerFetches(page);
  await page.goto(executionUrl("seed-hello-world"));
  await expect(page.getByTestId("dag")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(fetched).toEqual([]);

  const executions = `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`;
  const crumb = page.getByTestId("execution-header").locator(`a[href="${executions}"]`).first();
  await crumb.hover();
  await expect.poll(() => fetched).toContain(executions);
  await crumb.click();
  await expect(page).toHaveURL(new RegExp(`${executions}$`));
});
